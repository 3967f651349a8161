import type { Entry } from '../generated/ast.js';
import { isAction } from '../generated/ast.js';
import type { CaseRule, RuleContext, RuleRun } from './rule-context.js';
import {
  childNamed,
  childNames,
  completedOf,
  decisionOf,
  displayName,
  entriesOfType,
  fieldText,
  fieldValue,
  outcomeOf,
  childSharing,
} from '../model/derived.js';
import { findField, isBlank } from '../model/entry-fields.js';
import { compareDates, formatLongDate } from '../time/index.js';
import { judgeAnalysis } from './heuristics/analysis.js';
import { judgeOptimism } from './heuristics/optimism.js';
import { judgeSupervisionReflection } from './heuristics/supervision.js';
import { refersToAnyOf } from './heuristics/history.js';
import { peopleOf } from './people-context.js';
import { memoJudgement } from './heuristics/memo.js';
import { unaddressedRiskPeople } from './heuristics/assessed-risk.js';

/** Analysis (CR2xx): does the record weigh, explain and question, or only describe? */

const WHAT_ANALYSIS_MISSES: Record<string, string> = {
  weighing: 'weighing of risks against strengths',
  'meaning-for-child': 'what the information means for the child',
  length: 'enough substance (it is short)',
};

/** CR201: an analysis (assessment, return interview) that describes but does not analyse. */
export function* analysisDescriptive(context: RuleContext): RuleRun {
  const config = context.policy.heuristics.analysis;
  const withAnalysis: Entry[] = [
    ...entriesOfType(context.model, 'Assessment').filter((a) => completedOf(a)),
    ...entriesOfType(context.model, 'ReturnInterview'),
  ];
  for (const entry of withAnalysis) {
    yield; // the case pass may stop here for a keystroke (see RuleRun)
    const text = fieldText(entry, 'analysis');
    if (isBlank(text)) continue; // a missing analysis is CR003's
    const people = peopleOf(context, entry);
    const judgement = memoJudgement(config, 'analysis', people, [text!], () => judgeAnalysis(text!, config, people));
    if (judgement.missing.length === 0) continue;
    context.report({
      code: 'CR201',
      node: findField(entry, 'analysis') ?? entry,
      message: `This analysis describes more than it analyses: looked for ${judgement.missing.map((m) => WHAT_ANALYSIS_MISSES[m] ?? m).join(', and ')}, and found none.`,
      data: { missing: judgement.missing },
    });
  }
}

/** CR202: earlier events, contacts or referrals exist, but the assessment's history and analysis ignore them. */
export function* historyNotConsidered(context: RuleContext): RuleRun {
  // Each entry's children read once, not once per assessment it is compared with (a long record has thousands).
  const sharesAChild = childSharing();
  const referrals = entriesOfType(context.model, 'Referral');
  const history = context.model.entries.filter((e) => e.$type === 'Event' || e.$type === 'Contact' || e.$type === 'Referral');
  for (const assessment of entriesOfType(context.model, 'Assessment')) {
    yield; // the case pass may stop here for a keystroke (see RuleRun)
    if (!completedOf(assessment)) continue;
    const startedBy = referrals.filter((r) => sharesAChild(r, assessment) && compareDates(r.date, assessment.date) <= 0).at(-1);
    const before = startedBy?.date ?? assessment.date;
    const earlier = history.filter((e) => sharesAChild(e, assessment) && compareDates(e.date, before) < 0);
    if (earlier.length === 0) continue;
    const text = [fieldText(assessment, 'history'), fieldText(assessment, 'analysis')].filter((t) => !isBlank(t)).join('\n');
    if (
      refersToAnyOf(
        text,
        earlier.map((e) => e.date),
        context.policy.heuristics.history,
      )
    )
      continue;
    const listed = earlier.slice(0, 3).map((e) => `${e.$type.toLowerCase()} of ${formatLongDate(e.date)}`);
    context.report({
      code: 'CR202',
      node: findField(assessment, 'history') ?? assessment,
      message: `The record holds ${earlier.length} earlier ${earlier.length === 1 ? 'entry' : 'entries'} for ${namesOf(context, assessment)} (${listed.join(', ')}${earlier.length > 3 ? ', …' : ''}), but the history and analysis refer to none of them (looked for their dates or years, or words such as "previous referral").`,
    });
  }
}

/** The decisions that end or lower the service: step-down, closure, and no further action. */
function endingDecisions(context: RuleContext): { entry: Entry; date: string; text: string | undefined; what: string }[] {
  const found: { entry: Entry; date: string; text: string | undefined; what: string }[] = [];
  for (const e of entriesOfType(context.model, 'StepDown'))
    found.push({ entry: e, date: e.date, text: fieldText(e, 'rationale'), what: 'step-down' });
  for (const e of entriesOfType(context.model, 'Closure'))
    found.push({ entry: e, date: e.date, text: fieldText(e, 'rationale'), what: 'closure' });
  for (const e of entriesOfType(context.model, 'Contact')) {
    const decision = decisionOf(e);
    if (decision?.value === 'no-further-action')
      found.push({ entry: e, date: decision.date, text: fieldText(e, 'rationale'), what: 'decision of no further action' });
  }
  for (const e of entriesOfType(context.model, 'Section47')) {
    const outcome = outcomeOf(e);
    if (outcome?.value === 'no-further-action')
      found.push({ entry: e, date: outcome.date, text: fieldText(e, 'rationale'), what: 'outcome of no further action' });
  }
  for (const e of entriesOfType(context.model, 'Assessment')) {
    const outcome = fieldValue(e, 'outcome');
    const completed = completedOf(e);
    if (completed && (outcome === 'no-further-action' || outcome === 'step-down'))
      found.push({ entry: e, date: completed.date, text: fieldText(e, 'analysis'), what: `outcome of ${outcome.replace(/-/g, ' ')}` });
  }
  return found;
}

/** CR203: a step-down, no further action or closure resting on optimism, or taken while safety-plan actions are open. */
export function* overOptimistic(context: RuleContext): RuleRun {
  const config = context.policy.heuristics.optimism;
  // Read once for all decisions (a long record has thousands of entries to compare each decision with).
  const sharesChild = childSharing();
  const safetyPlans = entriesOfType(context.model, 'SafetyPlan');
  const replacersOf = new Map<Entry, Entry[]>();
  for (const plan of safetyPlans) {
    const replaced = plan.replaces?.ref as Entry | undefined;
    if (replaced) replacersOf.set(replaced, [...(replacersOf.get(replaced) ?? []), plan]);
  }
  const completedAssessments = entriesOfType(context.model, 'Assessment').flatMap((a) => {
    const completed = completedOf(a);
    return completed ? [{ assessment: a, completed: completed.date }] : [];
  });
  const weighing = context.model.entries.filter((e) => e.$type === 'Conference' || e.$type === 'StepDown' || e.$type === 'Closure');
  for (const decision of endingDecisions(context)) {
    yield; // the case pass may stop here for a keystroke (see RuleRun)
    const reasons: string[] = [];
    if (!isBlank(decision.text)) {
      const people = peopleOf(context, decision.entry);
      const judgement = memoJudgement(config, 'optimism', people, [decision.text!], () => judgeOptimism(decision.text!, config, people));
      if (judgement.flagged) {
        reasons.push(
          `it rests on ${withoutOverlaps(judgement.optimisticPhrases)
            .map((p) => `"${p}"`)
            .join(', ')} with no evidence of change (looked for observed facts, dates, figures or named sources)`,
        );
      }
    }
    const inForce = (plan: Entry) => sharesChild(plan, decision.entry) && compareDates(plan.date, decision.date) <= 0;
    const openActions = safetyPlans
      .filter(inForce)
      // A plan replaced by another plan in force by then is not in force itself.
      .filter((plan) => !(replacersOf.get(plan) ?? []).some(inForce))
      .flatMap((plan) => plan.items.filter(isAction))
      .filter((action) => !action.done || compareDates(action.done, decision.date) > 0);
    const latest = completedAssessments
      .filter(
        ({ assessment: a, completed }) =>
          a !== decision.entry && sharesChild(a, decision.entry) && compareDates(completed, decision.date) <= 0,
      )
      .at(-1);
    const assessment = latest?.assessment;
    const assessedAnalysis = assessment ? fieldText(assessment, 'analysis') : undefined;
    // Once a conference or an earlier ending decision has weighed the assessment, a later decision rests on that.
    const weighedSince =
      latest &&
      weighing.some(
        (e) =>
          e !== decision.entry &&
          sharesChild(e, decision.entry) &&
          compareDates(e.date, latest.completed) >= 0 &&
          compareDates(e.date, decision.date) <= 0,
      );
    if (assessment && !weighedSince && !isBlank(assessedAnalysis) && !isBlank(decision.text)) {
      const adults = [...context.model.parties.values()]
        .filter((p) => p.$type === 'Adult')
        .map((p) => ({ names: [p.name, p.fullName, displayName(p)], display: displayName(p) }));
      const unaddressed = unaddressedRiskPeople(assessedAnalysis!, decision.text!, adults, context.policy.heuristics.assessedRisk);
      if (unaddressed.length > 0) {
        reasons.push(
          `the assessment completed on ${formatLongDate(completedOf(assessment)!.date)} names a risk involving ${unaddressed.join(' and ')}, and the rationale does not say how it has been addressed (looked for ${unaddressed.join(' or ')}, or for risk or safety)`,
        );
      }
    }
    if (openActions.length > 0) {
      reasons.push(
        `${openActions.length} safety-plan action${openActions.length === 1 ? ' is' : 's are'} still open ("${(openActions[0]!.what ?? '').slice(0, 50)}")`,
      );
    }
    if (reasons.length === 0) continue;
    context.report({
      code: 'CR203',
      node: findField(decision.entry, decision.entry.$type === 'Assessment' ? 'analysis' : 'rationale') ?? decision.entry,
      message: `This ${decision.what} may be over-optimistic: ${reasons.join('; and ')}.`,
    });
  }
}

const WHAT_SUPERVISION_MISSES: Record<string, string> = {
  hypothesis: 'a hypothesis tested',
  'meaning-for-child': 'analysis of what the information means for the child',
  challenge: 'challenge to the plan or to the worker’s view',
};

/** CR204: a supervision reflection that only lists updates and tasks. */
export function* supervisionDescriptive(context: RuleContext): RuleRun {
  const config = context.policy.heuristics.supervision;
  for (const supervision of entriesOfType(context.model, 'Supervision')) {
    yield; // the case pass may stop here for a keystroke (see RuleRun)
    const text = fieldText(supervision, 'reflection');
    if (isBlank(text)) continue; // a missing reflection is CR003's
    const people = peopleOf(context, supervision);
    const judgement = memoJudgement(config, 'supervision', people, [text!], () => judgeSupervisionReflection(text!, config, people));
    if (judgement.flagged !== true) continue;
    context.report({
      code: 'CR204',
      node: findField(supervision, 'reflection') ?? supervision,
      message: `This reflection lists updates and tasks: looked for ${judgement.missing.map((m) => WHAT_SUPERVISION_MISSES[m] ?? m).join(', ')}, and found none.`,
    });
  }
}

/** "Things have improved" and "have improved" are one phrase to the reader: keep the longer. */
function withoutOverlaps(phrases: readonly string[]): string[] {
  return phrases.filter((p) => !phrases.some((other) => other !== p && other.toLowerCase().includes(p.toLowerCase())));
}

function namesOf(context: RuleContext, entry: Entry): string {
  return (
    childNames(entry)
      .map((name) => displayName(childNamed(context.model, name), name))
      .join(' and ') || 'the child'
  );
}

export const analysisRules: readonly CaseRule[] = [
  { code: 'CR201', check: analysisDescriptive },
  { code: 'CR202', check: historyNotConsidered },
  { code: 'CR203', check: overOptimistic },
  { code: 'CR204', check: supervisionDescriptive },
];

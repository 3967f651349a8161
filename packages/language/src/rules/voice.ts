import type { Entry } from '../generated/ast.js';
import { isNotAloneStatement, isPartyList } from '../generated/ast.js';
import type { CaseRule, RuleContext, RuleRun } from './rule-context.js';
import {
  ageOn,
  childNamed,
  childNames,
  completedOf,
  displayName,
  entriesOfType,
  fieldText,
  inSection47,
  planOn,
} from '../model/derived.js';
import { entryKind } from '../model/entry-kinds.js';
import { findField, isBlank } from '../model/entry-fields.js';
import { judgeChildVoice } from './heuristics/voice.js';
import { childrenNotHeardIndividually } from './heuristics/individual-voice.js';
import { peopleOf } from './people-context.js';
import { memoJudgement } from './heuristics/memo.js';

/** The child's voice (CR1xx): is the child seen and heard, in their own words, each of them? */

/** The entries that must carry the child's voice, with the field that holds it. */
function voiceEntries(context: RuleContext): { entry: Entry; field: string }[] {
  const found: { entry: Entry; field: string }[] = [];
  for (const entry of context.model.entries) {
    const field = entryKind(entry).voiceFields?.[0];
    if (!field) continue;
    if (entry.$type === 'Assessment' && !completedOf(entry)) continue; // still being written
    found.push({ entry, field });
  }
  return found;
}

/** CR101: no child's voice text at all. */
export function childVoiceMissing(context: RuleContext): void {
  for (const { entry, field } of voiceEntries(context)) {
    const text = fieldText(entry, field);
    if (!isBlank(text)) continue;
    const kind = entryKind(entry);
    context.report({
      code: 'CR101',
      node: entry,
      property: entry.body ? 'body' : 'date',
      message: `This ${kind.label} has no ${field === 'child-view' ? 'child-view' : 'child-voice'}${text === undefined ? '' : ' (it is empty)'}: record what ${namesOf(context, entry)} said, showed or did, in their own words or as you observed it.`,
      data: { field, kind: entry.$type },
    });
  }
}

/** CR102: the voice text only reports what adults say about the child. */
export function* childVoiceSecondHand(context: RuleContext): RuleRun {
  const config = context.policy.heuristics.voice;
  for (const { entry, field } of voiceEntries(context)) {
    yield; // the case pass may stop here for a keystroke (see RuleRun)
    const text = fieldText(entry, field);
    if (isBlank(text)) continue;
    const people = peopleOf(context, entry);
    const judgement = memoJudgement(config, 'voice', people, [text!], () => judgeChildVoice(text!, config, people));
    if (judgement.direct) continue;
    context.report({
      code: 'CR102',
      node: findField(entry, field) ?? entry,
      message: `This ${field} reports what adults say about ${namesOf(context, entry)}; looked for ${judgement.lookedFor} and found none. Record the child's own words, what you saw of the child, or the result of direct work.`,
    });
  }
}

/** CR103: during a section 47 enquiry or a child protection plan, children aged 3+ seen alone or a reason given. */
export function* childNotSeenAlone(context: RuleContext): RuleRun {
  const minimumAge = context.policy.timescales.seenAloneMinimumAge;
  for (const visit of entriesOfType(context.model, 'Visit')) {
    yield; // the case pass may stop here for a keystroke (see RuleRun)
    const seenAlone = new Set(
      visit.items
        .filter(isPartyList)
        .filter((i) => i.name === 'seen-alone')
        .flatMap((i) => i.parties.map((p) => p.$refText)),
    );
    const reasons = new Set(
      visit.items
        .filter(isNotAloneStatement)
        .filter((s) => !isBlank(s.text ?? s.string))
        .map((s) => s.child.$refText),
    );
    for (const name of childNames(visit)) {
      if (seenAlone.has(name) || reasons.has(name)) continue;
      const child = childNamed(context.model, name);
      const age = child ? ageOn(child, visit.date) : undefined;
      if (age === undefined || age < minimumAge) continue;
      const why = inSection47(context.model, name, visit.date)
        ? 'a section 47 enquiry'
        : planOn(context.model, name, visit.date)?.plan === 'child-protection'
          ? 'a child protection plan'
          : undefined;
      if (!why) continue;
      context.report({
        code: 'CR103',
        node: visit,
        property: 'date',
        message: `${displayName(child)} (aged ${age}) was not recorded as seen alone on this visit during ${why}, and no reason is given: add "seen-alone: ${name}" or "not-alone: ${name} because …".`,
        data: { child: name },
      });
    }
  }
}

/** CR104: in a sibling group, the voice text speaks of each child aged 3 or over by name. */
export function* childVoiceNotIndividual(context: RuleContext): RuleRun {
  const minimumAge = context.policy.timescales.seenAloneMinimumAge;
  for (const { entry, field } of voiceEntries(context)) {
    yield; // the case pass may stop here for a keystroke (see RuleRun)
    const text = fieldText(entry, field);
    if (isBlank(text)) continue;
    const children = childNames(entry)
      .map((name) => childNamed(context.model, name))
      .filter((child) => child !== undefined && (ageOn(child, entry.date) ?? minimumAge) >= minimumAge)
      .map((child) => ({ id: child!.name, name: child!.fullName ?? child!.name }));
    if (children.length < 2) continue;
    const config = context.policy.heuristics.voice;
    // Judged once per text and children while the policy stands: a keystroke's case pass re-reads every text.
    const missing = memoJudgement(config, 'individual-voice', children, [text!], () =>
      childrenNotHeardIndividually(text!, children, config, minimumAge),
    );
    if (missing.length === 0) continue;
    const names = missing.map((id) => displayName(childNamed(context.model, id), id)).join(' or ');
    context.report({
      code: 'CR104',
      node: findField(entry, field) ?? entry,
      message: `This ${field} is about ${children.length} children but does not give ${names}'s own view: looked for a sentence with ${names} alone as its subject saying, feeling or doing something, and found none (named only with the others, as present, or as "said the same"). Record each child's own view.`,
    });
  }
}

function namesOf(context: RuleContext, entry: Entry): string {
  return (
    childNames(entry)
      .map((name) => displayName(childNamed(context.model, name), name))
      .join(' and ') || 'the child'
  );
}

export const voiceRules: readonly CaseRule[] = [
  { code: 'CR101', check: childVoiceMissing },
  { code: 'CR102', check: childVoiceSecondHand },
  { code: 'CR103', check: childNotSeenAlone },
  { code: 'CR104', check: childVoiceNotIndividual },
];

import type { Entry } from '../generated/ast.js';
import type { CaseRule, RuleContext, RuleRun } from './rule-context.js';
import {
  allocationPeriods,
  childNamed,
  childNames,
  clockEnd,
  completedOf,
  decisionOf,
  displayName,
  entriesOfType,
  fieldValue,
  isAbout,
  planPeriods,
  sharesChild,
  realDate,
  type EntryOf,
} from '../model/derived.js';
import { addCalendarDays, addMonths, compareDates, hoursBetween, type IsoDate } from '../time/index.js';
import { day, lateness, plural, source, sourceOf, workingDays } from './timescale-messages.js';
import { isAction, isReviewByStatement } from '../generated/ast.js';

/**
 * Timeliness (CR3xx). Every deadline comes from the calendar in context (time/), never from counting here.
 * Open clocks run to the as-of date; a closure about the child stops them (rules.md).
 */

const after = (a: IsoDate, b: IsoDate) => compareDates(a, b) > 0;
const onOrAfter = (a: IsoDate, b: IsoDate) => compareDates(a, b) >= 0;

function namesOf(context: RuleContext, entry: Entry): string {
  return (
    childNames(entry)
      .map((name) => displayName(childNamed(context.model, name), name))
      .join(' and ') || 'the child'
  );
}

/** The clock's stop for an entry about several children: the latest stop among them. */
function stopFor(context: RuleContext, entry: Entry, from: IsoDate): IsoDate {
  const names = childNames(entry);
  if (names.length === 0) return context.asOf;
  return names.map((name) => clockEnd(context.model, name, from, context.asOf)).reduce((a, b) => (after(a, b) ? a : b));
}

/** CR301: a contact decision within 1 working day. */
export function contactDecisionLate(context: RuleContext): void {
  const days = context.policy.timescales.contactDecisionWorkingDays;
  for (const contact of entriesOfType(context.model, 'Contact')) {
    const deadline = context.calendar.addWorkingDays(contact.date, days);
    const decision = decisionOf(contact);
    if (decision) {
      if (after(decision.date, deadline)) {
        context.report({
          code: 'CR301',
          node: decision,
          property: 'date',
          message: `The decision on this contact (${day(contact.date)}) was made on ${day(decision.date)}, ${lateness(context, deadline, decision.date)}: it was due within ${workingDays(days)}, by ${day(deadline)} ${sourceOf(context, 'contactDecisionWorkingDays', true)}.`,
        });
      }
    } else {
      const stop = stopFor(context, contact, contact.date);
      if (after(stop, deadline)) {
        context.report({
          code: 'CR301',
          node: contact,
          property: 'date',
          message: `No decision is recorded on this contact of ${day(contact.date)}; it was due within ${workingDays(days)}, by ${day(deadline)}, and is ${lateness(context, deadline, stop)} as of ${day(stop)} ${sourceOf(context, 'contactDecisionWorkingDays', true)}.`,
        });
      }
    }
  }
}

/** CR302: a contact closed pending information, then a new contact for the same child. */
export function contactClosedReopened(context: RuleContext): void {
  const window = context.policy.timescales.contactClosedReopenedWorkingDays;
  const contacts = entriesOfType(context.model, 'Contact');
  for (const [index, first] of contacts.entries()) {
    const firstDecision = decisionOf(first);
    if (firstDecision?.value !== 'closed-pending-information') continue;
    const reopenBy = context.calendar.addWorkingDays(firstDecision.date, window);
    const next = contacts.slice(index + 1).find((c) => sharesChild(c, first) && onOrAfter(c.date, first.date) && !after(c.date, reopenBy));
    if (!next) continue;
    const decided = decisionOf(next)?.date ?? stopFor(context, next, next.date);
    const waited = context.calendar.workingDaysBetween(first.date, decided);
    const decisionDays = context.policy.timescales.contactDecisionWorkingDays;
    const dueFromFirst = context.calendar.addWorkingDays(first.date, decisionDays);
    const apparent = context.calendar.workingDaysBetween(next.date, decided);
    context.report({
      code: 'CR302',
      node: next,
      property: 'date',
      message: `A contact about ${namesOf(context, next)} on ${day(first.date)} was closed pending information and this new contact was opened on ${day(next.date)}. Counted from the first contact, ${namesOf(context, next)} waited ${workingDays(waited)} for a decision, not ${workingDays(apparent)}. A decision was due within ${workingDays(decisionDays)} of the first contact, by ${day(dueFromFirst)}${after(decided, dueFromFirst) ? `, so it came ${lateness(context, dueFromFirst, decided)}` : ''} ${source(false)}.`,
    });
  }
}

/** The decisions that call for a strategy discussion: a contact decision or a completed assessment's outcome. */
function strategyTriggers(
  context: RuleContext,
): { entry: Entry; date: IsoDate; node: Entry | NonNullable<ReturnType<typeof decisionOf>> }[] {
  const triggers: { entry: Entry; date: IsoDate; node: Entry | NonNullable<ReturnType<typeof decisionOf>> }[] = [];
  for (const contact of entriesOfType(context.model, 'Contact')) {
    const decision = decisionOf(contact);
    if (decision?.value === 'strategy-discussion') triggers.push({ entry: contact, date: decision.date, node: decision });
  }
  for (const assessment of entriesOfType(context.model, 'Assessment')) {
    const completed = completedOf(assessment);
    if (completed && fieldValue(assessment, 'outcome') === 'strategy-discussion')
      triggers.push({ entry: assessment, date: completed.date, node: assessment });
  }
  return triggers;
}

/** CR303: the strategy discussion within the local timescale of the decision that called for it. */
export function strategyDiscussionLate(context: RuleContext): void {
  const days = context.policy.timescales.strategyDiscussionWorkingDays;
  const discussions = entriesOfType(context.model, 'StrategyDiscussion');
  for (const trigger of strategyTriggers(context)) {
    const deadline = context.calendar.addWorkingDays(trigger.date, days);
    const held = discussions.find((d) => sharesChild(d, trigger.entry) && onOrAfter(d.date, trigger.date));
    if (held && after(held.date, deadline)) {
      context.report({
        code: 'CR303',
        node: held,
        property: 'date',
        message: `This strategy discussion on ${day(held.date)} was ${lateness(context, deadline, held.date)}: the decision of ${day(trigger.date)} called for one within ${workingDays(days)}, by ${day(deadline)} ${source(false)}.`,
      });
    } else if (!held) {
      const stop = stopFor(context, trigger.entry, trigger.date);
      if (after(stop, deadline)) {
        context.report({
          code: 'CR303',
          node: trigger.node,
          message: `A strategy discussion was called for on ${day(trigger.date)} but none is recorded; it was due by ${day(deadline)} (${workingDays(days)}) and is ${lateness(context, deadline, stop)} as of ${day(stop)} ${source(false)}.`,
        });
      }
    }
  }
}

/** CR304: the initial conference within 15 working days of the strategy discussion that started the section 47. */
export function conferenceLate(context: RuleContext): void {
  const days = context.policy.timescales.initialConferenceWorkingDays;
  const initials = entriesOfType(context.model, 'Conference').filter((c) => c.kind === 'initial');
  for (const discussion of entriesOfType(context.model, 'StrategyDiscussion')) {
    if (fieldValue(discussion, 'decision') !== 'section-47') continue;
    const enquiry = entriesOfType(context.model, 'Section47').find((s) => sharesChild(s, discussion) && onOrAfter(s.date, discussion.date));
    const outcome = enquiry?.items.find((i) => i.$type === 'OutcomeStatement');
    if (outcome && outcome.$type === 'OutcomeStatement' && outcome.value !== 'conference') continue; // no conference needed
    const deadline = context.calendar.addWorkingDays(discussion.date, days);
    const conference = initials.find((c) => sharesChild(c, discussion) && onOrAfter(c.date, discussion.date));
    if (conference && after(conference.date, deadline)) {
      context.report({
        code: 'CR304',
        node: conference,
        property: 'date',
        message: `This initial child protection conference on ${day(conference.date)} was ${lateness(context, deadline, conference.date)}: it was due within ${workingDays(days)} of the strategy discussion on ${day(discussion.date)}, by ${day(deadline)} ${sourceOf(context, 'initialConferenceWorkingDays', true)}.`,
      });
    } else if (!conference && (outcome || !enquiry)) {
      const stop = stopFor(context, discussion, discussion.date);
      if (after(stop, deadline)) {
        context.report({
          code: 'CR304',
          node: discussion,
          property: 'date',
          message: `No initial child protection conference is recorded after the strategy discussion of ${day(discussion.date)} that started a section 47 enquiry; it was due by ${day(deadline)} (${workingDays(days)}) and is ${lateness(context, deadline, stop)} as of ${day(stop)} ${sourceOf(context, 'initialConferenceWorkingDays', true)}.`,
        });
      }
    } else if (!conference) {
      const stop = stopFor(context, discussion, discussion.date);
      if (after(stop, deadline)) {
        context.report({
          code: 'CR304',
          node: discussion,
          property: 'date',
          message: `The section 47 enquiry started at the strategy discussion of ${day(discussion.date)} has no outcome and no initial conference; a conference was due by ${day(deadline)} (${workingDays(days)}) and is ${lateness(context, deadline, stop)} as of ${day(stop)} ${sourceOf(context, 'initialConferenceWorkingDays', true)}.`,
        });
      }
    }
  }
}

/** CR305: an assessment completed within 45 working days of the referral, for each child referred. */
export function* assessmentLate(context: RuleContext): RuleRun {
  const days = context.policy.timescales.assessmentWorkingDays;
  const referrals = entriesOfType(context.model, 'Referral');
  const assessments = entriesOfType(context.model, 'Assessment');
  for (const [index, referral] of referrals.entries()) {
    yield; // the case pass may stop here for a keystroke (see RuleRun)
    const deadline = context.calendar.addWorkingDays(referral.date, days);
    for (const child of childNames(referral)) {
      const name = displayName(childNamed(context.model, child), child);
      const nextReferral = referrals.slice(index + 1).find((r) => isAbout(r, child));
      const assessment = assessments.find(
        (a) => isAbout(a, child) && onOrAfter(a.date, referral.date) && (!nextReferral || compareDates(a.date, nextReferral.date) < 0),
      );
      const completed = assessment ? completedOf(assessment) : undefined;
      if (completed) {
        if (after(completed.date, deadline)) {
          context.report({
            code: 'CR305',
            node: completed,
            property: 'date',
            message: `The assessment of ${name} was completed on ${day(completed.date)}, ${lateness(context, deadline, completed.date)}: it was due within ${workingDays(days)} of the referral of ${day(referral.date)}, by ${day(deadline)} ${sourceOf(context, 'assessmentWorkingDays', true)}.`,
          });
        }
        continue;
      }
      const stop = clockEnd(context.model, child, referral.date, context.asOf);
      if (after(stop, deadline)) {
        const what = assessment
          ? `The assessment of ${name} started on ${day(assessment.date)} is not completed`
          : `No assessment is recorded for ${name}`;
        context.report({
          code: 'CR305',
          node: assessment ?? referral,
          property: 'date',
          message: `${what} within ${workingDays(days)} of the referral of ${day(referral.date)}: it was due by ${day(deadline)} and is ${lateness(context, deadline, stop)} as of ${day(stop)} ${sourceOf(context, 'assessmentWorkingDays', true)}.`,
        });
      }
    }
  }
}

/**
 * The visits to each child, in the record's order, each child's list made once per rule run: the rules below
 * look for a child's visits once per referral or plan period, and a long record has thousands of visits.
 */
function visitsByChild(context: RuleContext): (child: string) => Entry[] {
  const visits = entriesOfType(context.model, 'Visit');
  const byChild = new Map<string, Entry[]>();
  return (child) => {
    let list = byChild.get(child);
    if (!list) byChild.set(child, (list = visits.filter((v) => isAbout(v, child))));
    return list;
  };
}

/** CR306: each child seen (a visit to them) within the timescale after a referral or a section 47 decision. */
export function firstVisitLate(context: RuleContext): void {
  const { firstVisitAfterReferralWorkingDays, firstVisitAfterSection47WorkingDays } = context.policy.timescales;
  const visitsTo = visitsByChild(context);
  const check = (trigger: Entry, what: string, days: number) => {
    const deadline = context.calendar.addWorkingDays(trigger.date, days);
    for (const child of childNames(trigger)) {
      const visit = visitsTo(child).find((v) => onOrAfter(v.date, trigger.date));
      const name = displayName(childNamed(context.model, child), child);
      if (visit && after(visit.date, deadline)) {
        context.report({
          code: 'CR306',
          node: visit,
          property: 'date',
          message: `${name} was first seen on ${day(visit.date)}, ${lateness(context, deadline, visit.date)}: after the ${what} of ${day(trigger.date)} a visit was due within ${workingDays(days)}, by ${day(deadline)} ${source(false)}.`,
        });
      } else if (!visit) {
        const stop = clockEnd(context.model, child, trigger.date, context.asOf);
        if (after(stop, deadline)) {
          context.report({
            code: 'CR306',
            node: trigger,
            property: 'date',
            message: `${name} has not been seen (no visit recorded) since the ${what} of ${day(trigger.date)}; a visit was due within ${workingDays(days)}, by ${day(deadline)}, and is ${lateness(context, deadline, stop)} as of ${day(stop)} ${source(false)}.`,
          });
        }
      }
    }
  };
  for (const referral of entriesOfType(context.model, 'Referral')) check(referral, 'referral', firstVisitAfterReferralWorkingDays);
  for (const discussion of entriesOfType(context.model, 'StrategyDiscussion')) {
    if (fieldValue(discussion, 'decision') === 'section-47') check(discussion, 'section 47 decision', firstVisitAfterSection47WorkingDays);
  }
}

/** CR307: visits at least every 10 working days on a child protection plan, 20 on a child in need plan. */
export function* visitOverdue(context: RuleContext): RuleRun {
  const { visitIntervalChildProtectionWorkingDays: cp, visitIntervalChildInNeedWorkingDays: cin } = context.policy.timescales;
  const visitsTo = visitsByChild(context);
  for (const child of context.model.children) {
    yield; // the case pass may stop here for a keystroke (see RuleRun)
    const name = displayName(child);
    for (const period of planPeriods(context.model, child.name)) {
      const days = period.plan === 'child-protection' ? cp : cin;
      const planName = period.plan === 'child-protection' ? 'a child protection plan' : 'a child in need plan';
      const end = period.end ?? clockEnd(context.model, child.name, period.start, context.asOf);
      let previous = period.start;
      let previousLabel = `the plan started on ${day(period.start)}`;
      const inPlan = visitsTo(child.name).filter((v) => after(v.date, period.start) && !after(v.date, end));
      for (const visit of inPlan) {
        const deadline = context.calendar.addWorkingDays(previous, days);
        if (after(visit.date, deadline)) {
          const gap = context.calendar.workingDaysBetween(previous, visit.date);
          context.report({
            code: 'CR307',
            node: visit,
            property: 'date',
            message: `${name} is on ${planName}: ${gap} working days passed between ${previousLabel} and this visit on ${day(visit.date)}, more than the ${workingDays(days)} allowed; the visit was due by ${day(deadline)} and came ${lateness(context, deadline, visit.date)} ${source(false)}.`,
          });
        }
        previous = visit.date;
        previousLabel = `the visit of ${day(visit.date)}`;
      }
      const deadline = context.calendar.addWorkingDays(previous, days);
      if (after(end, deadline) && (period.end === undefined || after(period.end, deadline))) {
        const anchor = inPlan.at(-1) ?? period.startEntry;
        context.report({
          code: 'CR307',
          node: anchor,
          property: 'date',
          message: `${name} is on ${planName} and has not been visited since ${previousLabel.replace(/^the plan started on /, 'the plan started on ')}; a visit was due by ${day(deadline)} (every ${workingDays(days)}) and is ${lateness(context, deadline, end)} as of ${day(end)} ${source(false)}.`,
        });
      }
    }
  }
}

/** CR308: a safety plan past its review-by date that no later plan replaces. */
export function safetyPlanReviewOverdue(context: RuleContext): void {
  const plans = entriesOfType(context.model, 'SafetyPlan');
  for (const plan of plans) {
    const reviewBy = plan.items.find(isReviewByStatement);
    if (!reviewBy || !realDate(reviewBy.date)) continue;
    const replacement = plans.find((other) => other !== plan && other.replaces?.ref === plan);
    const stop = stopFor(context, plan, plan.date);
    if (replacement || !after(stop, reviewBy.date)) continue;
    context.report({
      code: 'CR308',
      node: reviewBy,
      property: 'date',
      message: `This safety plan was due for review by ${day(reviewBy.date)} and no later plan replaces it; it is ${lateness(context, reviewBy.date, stop)} as of ${day(stop)} ${source(false)}.`,
    });
  }
}

/** CR309: actions done by their due date. */
export function* actionOverdue(context: RuleContext): RuleRun {
  for (const entry of context.model.entries) {
    yield; // the case pass may stop here for a keystroke (see RuleRun)
    for (const action of entry.items.filter(isAction)) {
      const due = realDate(action.due);
      if (!due || (action.done !== undefined && !realDate(action.done))) continue;
      const text = action.what ?? '';
      const what = `"${text.length > 60 ? text.slice(0, 57) + '…' : text}"`;
      if (action.done) {
        if (after(action.done, due)) {
          context.report({
            code: 'CR309',
            node: action,
            property: 'done',
            message: `The action ${what} was done on ${day(action.done)}, ${lateness(context, due, action.done)} (due ${day(due)}) ${source(false)}.`,
          });
        }
        continue;
      }
      // A safety plan replaced by a later one stops its own actions' clocks: the new plan restates what remains.
      const replacement =
        entry.$type === 'SafetyPlan' ? entriesOfType(context.model, 'SafetyPlan').find((p) => p.replaces?.ref === entry) : undefined;
      const closed = stopFor(context, entry, entry.date);
      const stop = replacement && after(closed, replacement.date) ? replacement.date : closed;
      if (after(stop, due)) {
        context.report({
          code: 'CR309',
          node: action,
          property: 'due',
          message: `The action ${what} was due on ${day(due)} and is not recorded as done; it is ${lateness(context, due, stop)} as of ${day(stop)} ${source(false)}.`,
        });
      }
    }
  }
}

/** CR310: supervision about an allocated case within 20 working days of allocation, then between supervisions. */
export function* supervisionOverdue(context: RuleContext): RuleRun {
  const days = context.policy.timescales.supervisionIntervalWorkingDays;
  const supervisions = entriesOfType(context.model, 'Supervision');
  for (const child of context.model.children) {
    yield; // the case pass may stop here for a keystroke (see RuleRun)
    for (const period of allocationPeriods(context.model, child.name)) {
      if (!period.worker) continue;
      const end = period.end ?? clockEnd(context.model, child.name, period.start, context.asOf);
      const sessions = supervisions.filter(
        (s) =>
          isAbout(s, child.name) &&
          (s.supervisee?.ref?.name ?? s.supervisee?.$refText) === period.worker &&
          onOrAfter(s.date, period.start) &&
          !after(s.date, end),
      );
      let previous = period.start;
      let label = `the allocation of ${day(period.start)}`;
      for (const session of sessions) {
        const deadline = context.calendar.addWorkingDays(previous, days);
        if (after(session.date, deadline)) {
          context.report({
            code: 'CR310',
            node: session,
            property: 'date',
            message: `This supervision about ${displayName(child)} on ${day(session.date)} came ${lateness(context, deadline, session.date)}: after ${label} the next was due within ${workingDays(days)}, by ${day(deadline)} ${source(false)}.`,
          });
        }
        previous = session.date;
        label = `the supervision of ${day(session.date)}`;
      }
      const deadline = context.calendar.addWorkingDays(previous, days);
      if (after(end, deadline)) {
        context.report({
          code: 'CR310',
          node: sessions.at(-1) ?? period.startEntry,
          property: 'date',
          message: `No supervision about ${displayName(child)} with ${displayName(context.model.parties.get(period.worker), period.worker)} is recorded after ${label}; one was due by ${day(deadline)} (every ${workingDays(days)}) and is ${lateness(context, deadline, end)} as of ${day(end)} ${source(false)}.`,
        });
      }
    }
  }
}

/** CR311: periods in which the child had no allocated worker. */
export function unallocated(context: RuleContext): void {
  const grace = context.policy.timescales.allocationGraceWorkingDays;
  for (const child of context.model.children) {
    for (const period of allocationPeriods(context.model, child.name)) {
      if (period.worker) continue;
      const end = period.end ?? clockEnd(context.model, child.name, period.start, context.asOf);
      const length = context.calendar.workingDaysBetween(period.start, end);
      const explicit = period.startEntry.$type === 'Unallocated';
      if (!explicit && length <= grace) continue;
      const how = explicit
        ? 'had no allocated worker'
        : `had no allocated worker after the ${period.startEntry.$type === 'StepUp' ? 'step-up' : 'referral'}`;
      const until = period.end ? `until ${day(period.end)}` : `to ${day(end)} (still unallocated)`;
      context.report({
        code: 'CR311',
        node: period.startEntry,
        property: 'date',
        message: `${displayName(child)} ${how} from ${day(period.start)} ${until}: ${workingDays(length)} with nobody holding the plan ${source(false)}.`,
      });
    }
  }
}

/** CR312: the first core group within 10 working days of the initial conference. */
export function coreGroupLate(context: RuleContext): void {
  const days = context.policy.timescales.firstCoreGroupWorkingDays;
  const coreGroups = entriesOfType(context.model, 'CoreGroup');
  for (const conference of entriesOfType(context.model, 'Conference')) {
    if (conference.kind !== 'initial' || fieldValue(conference, 'decision') !== 'child-protection-plan') continue;
    const deadline = context.calendar.addWorkingDays(conference.date, days);
    const first = coreGroups.find((g) => sharesChild(g, conference) && onOrAfter(g.date, conference.date));
    if (first && after(first.date, deadline)) {
      context.report({
        code: 'CR312',
        node: first,
        property: 'date',
        message: `The first core group on ${day(first.date)} was ${lateness(context, deadline, first.date)}: it was due within ${workingDays(days)} of the initial conference of ${day(conference.date)}, by ${day(deadline)} ${sourceOf(context, 'firstCoreGroupWorkingDays', true)}.`,
      });
    } else if (!first) {
      const stop = stopFor(context, conference, conference.date);
      if (after(stop, deadline)) {
        context.report({
          code: 'CR312',
          node: conference,
          property: 'date',
          message: `No core group is recorded after the initial conference of ${day(conference.date)}; the first was due by ${day(deadline)} (${workingDays(days)}) and is ${lateness(context, deadline, stop)} as of ${day(stop)} ${sourceOf(context, 'firstCoreGroupWorkingDays', true)}.`,
        });
      }
    }
  }
}

/** CR313: review conferences within 3 months of the initial conference, then every 6 months. */
export function reviewConferenceLate(context: RuleContext): void {
  const { firstReviewConferenceMonths: first, laterReviewConferenceMonths: later } = context.policy.timescales;
  const conferences = entriesOfType(context.model, 'Conference');
  for (const initial of conferences) {
    if (initial.kind !== 'initial' || fieldValue(initial, 'decision') !== 'child-protection-plan') continue;
    let previous: EntryOf<'Conference'> = initial;
    for (;;) {
      const months = previous === initial ? first : later;
      const deadline = addMonths(previous.date, months);
      // The plan ends at a closure or a new initial conference: reviews after that belong to another plan.
      const stop = stopFor(context, initial, initial.date);
      const nextInitial = conferences.find(
        (c) => c.kind === 'initial' && c !== initial && sharesChild(c, initial) && after(c.date, initial.date),
      );
      const planEnd = nextInitial && after(stop, nextInitial.date) ? nextInitial.date : stop;
      const next = conferences.find(
        (c) => c.kind === 'review' && sharesChild(c, initial) && after(c.date, previous.date) && !after(c.date, planEnd),
      );
      const what = previous === initial ? `the initial conference of ${day(previous.date)}` : `the review of ${day(previous.date)}`;
      if (next && after(next.date, deadline)) {
        context.report({
          code: 'CR313',
          node: next,
          property: 'date',
          message: `This review conference on ${day(next.date)} was ${lateness(context, deadline, next.date)}: it was due within ${plural(months, 'month')} of ${what}, by ${day(deadline)} ${sourceOf(context, previous === initial ? 'firstReviewConferenceMonths' : 'laterReviewConferenceMonths', true)}.`,
        });
      } else if (!next && after(planEnd, deadline)) {
        context.report({
          code: 'CR313',
          node: previous,
          property: 'date',
          message: `No review conference is recorded after ${what}; one was due within ${plural(months, 'month')}, by ${day(deadline)}, and is ${lateness(context, deadline, planEnd)} as of ${day(planEnd)} ${sourceOf(context, previous === initial ? 'firstReviewConferenceMonths' : 'laterReviewConferenceMonths', true)}.`,
        });
      }
      if (!next || ['end-plan', 'no-plan'].includes(fieldValue(next, 'decision') ?? '')) break;
      previous = next;
    }
  }
}

const MISSING_GUIDANCE = 'statutory guidance on children who run away or go missing from home or care, 2014';

/** CR314: a return interview within 72 hours of the child's return. */
export function returnInterviewLate(context: RuleContext): void {
  const hours = context.policy.timescales.returnInterviewHours;
  const interviews = entriesOfType(context.model, 'ReturnInterview');
  for (const episode of entriesOfType(context.model, 'Missing')) {
    const returned = realDate(episode.returnedDate);
    if (!returned) continue;
    for (const child of childNames(episode)) {
      const name = displayName(childNamed(context.model, child), child);
      const interview = interviews.find((i) => isAbout(i, child) && onOrAfter(i.date, returned));
      if (interview) {
        const elapsed = hoursBetween(returned, episode.returnedTime ?? null, interview.date, interview.time ?? null);
        if (elapsed > hours) {
          context.report({
            code: 'CR314',
            node: interview,
            property: 'date',
            message: `${name}'s return interview on ${day(interview.date)} came ${Math.ceil(elapsed)} hours after ${name} returned on ${day(returned)}; it was due within ${hours} hours ${sourceOf(context, 'returnInterviewHours', true, MISSING_GUIDANCE)}.`,
          });
        }
      } else {
        const stop = clockEnd(context.model, child, returned, context.asOf);
        const waited = hoursBetween(returned, episode.returnedTime ?? null, stop, null);
        if (waited > hours) {
          context.report({
            code: 'CR314',
            node: episode,
            property: 'returnedDate',
            message: `No return interview is recorded for ${name} after the return on ${day(returned)}; one was due within ${hours} hours, by ${day(addCalendarDays(returned, Math.floor(hours / 24)))}, and ${Math.floor(waited)} hours had passed by ${day(stop)} ${sourceOf(context, 'returnInterviewHours', true, MISSING_GUIDANCE)}.`,
          });
        }
      }
    }
  }
}

export const timelinessRules: readonly CaseRule[] = [
  { code: 'CR301', check: contactDecisionLate },
  { code: 'CR302', check: contactClosedReopened },
  { code: 'CR303', check: strategyDiscussionLate },
  { code: 'CR304', check: conferenceLate },
  { code: 'CR305', check: assessmentLate },
  { code: 'CR306', check: firstVisitLate },
  { code: 'CR307', check: visitOverdue },
  { code: 'CR308', check: safetyPlanReviewOverdue },
  { code: 'CR309', check: actionOverdue },
  { code: 'CR310', check: supervisionOverdue },
  { code: 'CR311', check: unallocated },
  { code: 'CR312', check: coreGroupLate },
  { code: 'CR313', check: reviewConferenceLate },
  { code: 'CR314', check: returnInterviewLate },
];

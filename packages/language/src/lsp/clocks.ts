import type { Entry } from '../generated/ast.js';
import { isReviewByStatement } from '../generated/ast.js';
import type { CaseModel } from '../model/case-model.js';
import {
  childNames,
  closureAfter,
  completedOf,
  decisionOf,
  entriesOfType,
  fieldValue,
  outcomeOf,
  sharesChild,
  type EntryOf,
} from '../model/derived.js';
import type { Policy } from '../policy/schema.js';
import {
  addCalendarDays,
  addMonths,
  calendarDaysBetween,
  compareDates,
  formatLongDate,
  formatShortDate,
  hoursBetween,
  parseIsoDate,
  type IsoDate,
  type IsoTime,
  type WorkingDayCalendar,
} from '../time/index.js';

/**
 * The statutory and local clocks that an entry starts (a referral starts the assessment and the first visit;
 * a contact, the decision on it…), where each stands on the as-of date, and what stopped it. Hovers and code
 * lenses show these; the timeliness rules in rules/ decide what is reported. Every date comes from time/.
 */
export interface ClockContext {
  readonly model: CaseModel;
  readonly policy: Policy;
  readonly calendar: WorkingDayCalendar;
  readonly asOf: IsoDate;
}

export interface Clock {
  /** 'Assessment', 'First visit', 'ICPC'… as the lens starts. */
  readonly name: string;
  /** The verb for a stopped clock: 'completed', 'seen', 'held'… */
  readonly doneWord: string;
  readonly start: IsoDate;
  readonly due: IsoDate;
  readonly dueTime?: IsoTime;
  /** '45 working days', '3 months', '72 hours', or 'the plan's own date'. */
  readonly timescale: string;
  /** The timescale in working days, when it is counted in working days. */
  readonly workingDays?: number;
  readonly stop?: { readonly date: IsoDate; readonly how: 'done' | 'closed'; readonly late: boolean };
}

const after = (a: IsoDate, b: IsoDate) => compareDates(a, b) > 0;
const onOrAfter = (a: IsoDate, b: IsoDate) => compareDates(a, b) >= 0;

export function clocksOf(entry: Entry, context: ClockContext): Clock[] {
  if (parseIsoDate(entry.date) === undefined) return [];
  const t = context.policy.timescales;
  const clocks: Clock[] = [];
  const workingDayClock = (name: string, doneWord: string, days: number, doneOn: IsoDate | undefined, start = entry.date): Clock =>
    finish(context, entry, {
      name,
      doneWord,
      start,
      due: context.calendar.addWorkingDays(start, days),
      timescale: plural(days, 'working day'),
      workingDays: days,
      doneOn,
    });
  const later = <T extends Entry['$type']>(type: T, from: IsoDate, test: (candidate: EntryOf<T>) => boolean = () => true) =>
    entriesOfType(context.model, type).find(
      (candidate) => candidate !== entry && sharesChild(candidate, entry) && onOrAfter(candidate.date, from) && test(candidate),
    );

  switch (entry.$type) {
    case 'Contact':
      clocks.push(workingDayClock('Decision', 'made', t.contactDecisionWorkingDays, decisionOf(entry)?.date));
      break;
    case 'Referral': {
      const assessment = assessmentFor(context, entry);
      clocks.push(
        workingDayClock('Assessment', 'completed', t.assessmentWorkingDays, assessment ? completedOf(assessment)?.date : undefined),
      );
      clocks.push(workingDayClock('First visit', 'seen', t.firstVisitAfterReferralWorkingDays, later('Visit', entry.date)?.date));
      break;
    }
    case 'Assessment': {
      // The assessment's own clock runs from the referral it answers.
      const referral = [...entriesOfType(context.model, 'Referral')]
        .reverse()
        .find((r) => sharesChild(r, entry) && !after(r.date, entry.date));
      if (referral) {
        clocks.push(workingDayClock('Assessment', 'completed', t.assessmentWorkingDays, completedOf(entry)?.date, referral.date));
      }
      break;
    }
    case 'StrategyDiscussion': {
      if (fieldValue(entry, 'decision') !== 'section-47') break;
      clocks.push(workingDayClock('First visit (s47)', 'seen', t.firstVisitAfterSection47WorkingDays, later('Visit', entry.date)?.date));
      const enquiry = later('Section47', entry.date);
      const outcome = enquiry ? outcomeOf(enquiry) : undefined;
      if (outcome && outcome.value !== 'conference') break; // the enquiry ended without a conference
      clocks.push(
        workingDayClock('ICPC', 'held', t.initialConferenceWorkingDays, later('Conference', entry.date, (c) => c.kind === 'initial')?.date),
      );
      break;
    }
    case 'Conference': {
      if (fieldValue(entry, 'decision') !== 'child-protection-plan') break;
      const review = later('Conference', addCalendarDays(entry.date, 1), (c) => c.kind === 'review')?.date;
      if (entry.kind === 'initial') {
        clocks.push(workingDayClock('First core group', 'held', t.firstCoreGroupWorkingDays, later('CoreGroup', entry.date)?.date));
        clocks.push(monthsClock(context, entry, 'Review conference', t.firstReviewConferenceMonths, review));
      } else if (entry.kind === 'review') {
        clocks.push(monthsClock(context, entry, 'Next review conference', t.laterReviewConferenceMonths, review));
      }
      break;
    }
    case 'Missing': {
      if (!entry.returnedDate || parseIsoDate(entry.returnedDate) === undefined) break;
      const hours = t.returnInterviewHours;
      const returned = entry.returnedDate;
      const interview = later('ReturnInterview', returned);
      const lateInterview = interview
        ? hoursBetween(returned, entry.returnedTime ?? null, interview.date, interview.time ?? null) > hours
        : false;
      clocks.push(
        finish(context, entry, {
          name: 'Return interview',
          doneWord: 'held',
          start: returned,
          due: addCalendarDays(returned, Math.floor(hours / 24)),
          dueTime: entry.returnedTime,
          timescale: plural(hours, 'hour'),
          doneOn: interview?.date,
          late: lateInterview,
        }),
      );
      break;
    }
    case 'Allocation':
      clocks.push(workingDayClock('Supervision', 'held', t.supervisionIntervalWorkingDays, later('Supervision', entry.date)?.date));
      break;
    case 'SafetyPlan': {
      const reviewBy = entry.items.find(isReviewByStatement)?.date;
      if (!reviewBy || parseIsoDate(reviewBy) === undefined) break;
      const replacement = entriesOfType(context.model, 'SafetyPlan').find((plan) => plan.replaces?.ref === entry);
      clocks.push(
        finish(context, entry, {
          name: 'Safety plan review',
          doneWord: 'reviewed',
          start: entry.date,
          due: reviewBy,
          timescale: 'its review-by date',
          doneOn: replacement?.date,
        }),
      );
      break;
    }
    default:
      break;
  }
  return clocks;
}

/** The first assessment about the referral's children on or after it and before their next referral. */
function assessmentFor(context: ClockContext, referral: EntryOf<'Referral'>): EntryOf<'Assessment'> | undefined {
  const referrals = entriesOfType(context.model, 'Referral');
  const next = referrals.slice(referrals.indexOf(referral) + 1).find((r) => sharesChild(r, referral));
  return entriesOfType(context.model, 'Assessment').find(
    (a) => sharesChild(a, referral) && onOrAfter(a.date, referral.date) && (!next || compareDates(a.date, next.date) < 0),
  );
}

function monthsClock(context: ClockContext, entry: Entry, name: string, months: number, doneOn: IsoDate | undefined): Clock {
  return finish(context, entry, {
    name,
    doneWord: 'held',
    start: entry.date,
    due: addMonths(entry.date, months),
    timescale: plural(months, 'month'),
    doneOn,
  });
}

interface Draft extends Omit<Clock, 'stop'> {
  readonly doneOn: IsoDate | undefined;
  /** Lateness when it is not a matter of dates (hours); otherwise the done date is compared with the due date. */
  readonly late?: boolean;
}

/** Stops the clock: at the date it was done, or at a closure about the children before it was done. */
function finish(context: ClockContext, entry: Entry, draft: Draft): Clock {
  const { doneOn, late, ...clock } = draft;
  if (doneOn && !after(doneOn, context.asOf)) {
    return { ...clock, stop: { date: doneOn, how: 'done', late: late ?? after(doneOn, clock.due) } };
  }
  const closures = childNames(entry)
    .map((child) => closureAfter(context.model, child, clock.start)?.date)
    .filter((date): date is IsoDate => date !== undefined && !after(date, context.asOf));
  if (closures.length > 0 && closures.length === childNames(entry).length) {
    const closed = closures.reduce((a, b) => (after(a, b) ? a : b));
    return { ...clock, stop: { date: closed, how: 'closed', late: after(closed, clock.due) } };
  }
  return clock;
}

/**
 * The clock as a code lens reads it on the as-of date: "Assessment: day 38 of 45 working days, due Wed 3 Nov",
 * "Decision due by Thu 2 Sep — 1 working day left", "Assessment: completed Wed 20 Oct, within 45 working days".
 */
export function describeClock(clock: Clock, context: ClockContext): string {
  const due = formatShortDate(clock.due) + (clock.dueTime ? ` ${clock.dueTime}` : '');
  if (clock.stop) {
    const when = formatShortDate(clock.stop.date);
    if (clock.stop.how === 'closed')
      return `${clock.name}: clock stopped by closure on ${when}${clock.stop.late ? `, after it was due (${due})` : ''}`;
    const onTime = /^\d/.test(clock.timescale) ? `within ${clock.timescale}` : 'on time';
    return `${clock.name}: ${clock.doneWord} ${when}, ${clock.stop.late ? `late (${lateBy(clock, clock.stop.date, context)})` : onTime}`;
  }
  if (after(clock.start, context.asOf)) return `${clock.name} due by ${due}`;
  if (after(context.asOf, clock.due)) return `${clock.name}: overdue — due ${due}, ${lateBy(clock, context.asOf, context)}`;
  const used = context.calendar.workingDaysBetween(clock.start, context.asOf);
  if (clock.workingDays !== undefined && clock.workingDays > 1)
    return `${clock.name}: day ${used} of ${clock.workingDays} working days, due ${due}`;
  const left = context.calendar.workingDaysBetween(context.asOf, clock.due);
  return `${clock.name} due by ${due}${clock.workingDays !== undefined ? ` — ${left === 0 ? 'today' : plural(left, 'working day') + ' left'}` : ''}`;
}

/** The clock as a sentence of a hover: "assessment due by Fri 13 May 2022 (45 working days): completed …". */
export function describeClockLong(clock: Clock, context: ClockContext): string {
  const due = `${formatLongDate(clock.due)}${clock.dueTime ? ` ${clock.dueTime}` : ''}`;
  const head = `${clock.name} due by ${due} (${clock.timescale})`;
  if (!clock.stop) return after(context.asOf, clock.due) ? `${head}: not done, overdue as of ${formatLongDate(context.asOf)}` : head;
  const closed = formatLongDate(clock.stop.date);
  if (clock.stop.how === 'closed')
    return clock.stop.late
      ? `${head}: not done, overdue until the case closed on ${closed}`
      : `${head}: the case closed on ${closed}, before it was due`;
  return `${head}: ${clock.doneWord} on ${closed}${clock.stop.late ? ', late' : ', on time'}`;
}

function lateBy(clock: Clock, date: IsoDate, context: ClockContext): string {
  if (clock.workingDays === undefined) return `${plural(Math.max(1, calendarDaysBetween(clock.due, date)), 'day')} late`;
  return `${plural(Math.max(1, context.calendar.workingDaysBetween(clock.due, date)), 'working day')} late`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

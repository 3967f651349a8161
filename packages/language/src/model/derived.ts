import type { Child, Entry, Party } from '../generated/ast.js';
import { isChild } from '../generated/ast.js';
import type { CaseModel } from './case-model.js';
import { findItem, proseOf, valueOf } from './entry-fields.js';
import { compareDates, parseIsoDate, type IsoDate } from '../time/index.js';
import { isAuthorisedStatement, isCompletedStatement, isDecisionStatement, isOutcomeStatement } from '../generated/ast.js';

/**
 * Facts derived from a case model that several rules share: who an entry is about, when a child was on a plan
 * or under a section 47 enquiry, who was allocated when, when a case closed. Rules ask these questions here
 * rather than each walking the entries in its own way. Dates are compared with compareDates; counting days is
 * left to time/.
 */

export type EntryOf<T extends Entry['$type']> = Extract<Entry, { $type: T }>;

/**
 * Derived facts are asked for once per child or per entry by many rules; each is computed once per case model
 * (a model is rebuilt whenever any of its files changes, so the memo never goes stale).
 */
const memo = new WeakMap<CaseModel, Map<string, unknown>>();

function remember<T>(model: CaseModel, key: string, compute: () => T): T {
  let cache = memo.get(model);
  if (!cache) memo.set(model, (cache = new Map()));
  if (!cache.has(key)) cache.set(key, compute());
  return cache.get(key) as T;
}

export function entriesOfType<T extends Entry['$type']>(model: CaseModel, type: T): EntryOf<T>[] {
  return remember(model, 'type:' + type, () => model.entries.filter((entry): entry is EntryOf<T> => entry.$type === type));
}

/** The child ids an entry is about (unresolved or non-child references are left out). */
export function childNames(entry: Entry): string[] {
  return entry.children
    .map((ref) => ref.ref)
    .filter((party): party is Child => party !== undefined && isChild(party))
    .map((child) => child.name);
}

export function isAbout(entry: Entry, child: string): boolean {
  return entry.children.some((ref) => ref.ref?.name === child || ref.$refText === child);
}

/**
 * `sharesChild` with each entry's children read once: for a rule that compares every entry of a long record
 * with many others. Made per rule run (references may resolve differently in the next build).
 */
export function childSharing(): (a: Entry, b: Entry) => boolean {
  const childrenOf = new Map<Entry, Set<string>>();
  const children = (entry: Entry) => {
    let names = childrenOf.get(entry);
    if (!names) childrenOf.set(entry, (names = new Set(childNames(entry))));
    return names;
  };
  return (a, b) => {
    const ofA = children(a);
    for (const name of children(b)) if (ofA.has(name)) return true;
    return false;
  };
}

export function sharesChild(a: Entry, b: Entry): boolean {
  const names = new Set(childNames(a));
  return childNames(b).some((name) => names.has(name));
}

export function displayName(party: Party | undefined, fallback = 'the child'): string {
  if (!party) return fallback;
  return party.fullName?.split(/\s+/)[0] || party.name || fallback;
}

export function childNamed(model: CaseModel, name: string): Child | undefined {
  return model.children.find((child) => child.name === name);
}

/** Age in whole years on `date`, or undefined when the child's date of birth is not recorded. */
export function ageOn(child: Child, date: IsoDate): number | undefined {
  if (!child.born) return undefined;
  const [by, bm, bd] = child.born.split('-').map(Number) as [number, number, number];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The first closure about the child on or after `from`: it stops every clock started before it. */
export function closureAfter(model: CaseModel, child: string, from: IsoDate): EntryOf<'Closure'> | undefined {
  return entriesOfType(model, 'Closure').find((closure) => isAbout(closure, child) && compareDates(closure.date, from) >= 0);
}

/** Where a clock started on `from` for `child` stops: the closure that followed it, or the as-of date. */
export function clockEnd(model: CaseModel, child: string, from: IsoDate, asOf: IsoDate): IsoDate {
  const closure = closureAfter(model, child, from);
  return closure && compareDates(closure.date, asOf) < 0 ? closure.date : asOf;
}

export function earliest(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) <= 0 ? a : b;
}

// ---- Statements inside entries ----
// A statement whose date is not a real date (2021-02-30) is CR001's; the rules read it as absent rather than
// feeding an impossible date to the calendar.

function dated<T extends { date: string }>(statement: T | undefined): T | undefined {
  return statement && parseIsoDate(statement.date) !== undefined ? statement : undefined;
}

/** A real date or undefined: for dates that rules read straight from the AST (due, done, returned). */
export function realDate(date: string | undefined): IsoDate | undefined {
  return date === undefined ? undefined : parseIsoDate(date);
}

export function decisionOf(contact: EntryOf<'Contact'>) {
  return dated(contact.items.find(isDecisionStatement));
}

export function outcomeOf(section47: EntryOf<'Section47'>) {
  return dated(section47.items.find(isOutcomeStatement));
}

export function completedOf(assessment: EntryOf<'Assessment'>) {
  return dated(assessment.items.find(isCompletedStatement));
}

export function authorisedOf(assessment: EntryOf<'Assessment'>) {
  return dated(assessment.items.find(isAuthorisedStatement));
}

export function fieldValue(entry: Entry, name: string): string | undefined {
  return valueOf(entry, name);
}

export function fieldText(entry: Entry, name: string): string | undefined {
  return proseOf(entry, name);
}

export function hasItem(entry: Entry, name: string): boolean {
  return findItem(entry, name) !== undefined;
}

// ---- Periods: plans, enquiries, allocations ----

export interface Period {
  readonly start: IsoDate;
  /** Exclusive end, or undefined while it is still running. */
  readonly end?: IsoDate;
  readonly startEntry: Entry;
  readonly endEntry?: Entry;
}

export interface PlanPeriod extends Period {
  readonly plan: 'child-protection' | 'child-in-need';
}

/** Which plan an entry starts for a child, if any. */
function planStartedBy(entry: Entry): PlanPeriod['plan'] | 'end' | undefined {
  switch (entry.$type) {
    case 'Conference': {
      const decision = fieldValue(entry, 'decision');
      if (decision === 'child-protection-plan') return 'child-protection';
      if (decision === 'cin-plan') return 'child-in-need';
      if (decision === 'end-plan' || decision === 'no-plan') return 'end';
      return undefined;
    }
    case 'Section47':
      return outcomeOf(entry)?.value === 'cin-plan' ? 'child-in-need' : undefined;
    case 'Assessment':
      // An assessment recommends a child protection plan; only a conference makes one.
      return fieldValue(entry, 'outcome') === 'cin-plan' && completedOf(entry) ? 'child-in-need' : undefined;
    case 'StepDown':
    case 'Closure':
      return 'end';
    default:
      return undefined;
  }
}

function planDate(entry: Entry): IsoDate {
  if (entry.$type === 'Section47') return outcomeOf(entry)?.date ?? entry.date;
  if (entry.$type === 'Assessment') return completedOf(entry)?.date ?? entry.date;
  return entry.date;
}

/** The child's plans in date order: a plan runs until another plan, an end-plan, a step-down or a closure. */
export function planPeriods(model: CaseModel, child: string): PlanPeriod[] {
  return remember(model, 'plans:' + child, () => computePlanPeriods(model, child));
}

function computePlanPeriods(model: CaseModel, child: string): PlanPeriod[] {
  const events = model.entries
    .filter((entry) => isAbout(entry, child))
    .map((entry) => ({ entry, kind: planStartedBy(entry), date: planDate(entry) }))
    .filter((event) => event.kind !== undefined)
    .sort((a, b) => compareDates(a.date, b.date));
  const periods: PlanPeriod[] = [];
  let open: { plan: PlanPeriod['plan']; start: IsoDate; startEntry: Entry } | undefined;
  for (const event of events) {
    if (open && !(event.kind === open.plan && event.entry.$type === 'Conference')) {
      periods.push({ ...open, end: event.date, endEntry: event.entry });
      open = undefined;
    }
    if (event.kind !== 'end' && event.kind !== undefined && !open) open = { plan: event.kind, start: event.date, startEntry: event.entry };
  }
  if (open) periods.push(open);
  return periods;
}

export function planOn(model: CaseModel, child: string, date: IsoDate): PlanPeriod | undefined {
  return planPeriods(model, child).find((p) => compareDates(p.start, date) <= 0 && (p.end === undefined || compareDates(date, p.end) < 0));
}

/** Section 47 enquiries about the child: from the decision to start one until its outcome. */
export function section47Periods(model: CaseModel, child: string): Period[] {
  return remember(model, 's47:' + child, () => computeSection47Periods(model, child));
}

function computeSection47Periods(model: CaseModel, child: string): Period[] {
  const periods: Period[] = [];
  for (const discussion of entriesOfType(model, 'StrategyDiscussion')) {
    if (!isAbout(discussion, child) || fieldValue(discussion, 'decision') !== 'section-47') continue;
    const enquiry = entriesOfType(model, 'Section47').find((s) => isAbout(s, child) && compareDates(s.date, discussion.date) >= 0);
    const outcome = enquiry ? outcomeOf(enquiry) : undefined;
    periods.push({ start: discussion.date, end: outcome?.date, startEntry: discussion, endEntry: enquiry });
  }
  for (const enquiry of entriesOfType(model, 'Section47')) {
    if (!isAbout(enquiry, child) || periods.some((p) => p.endEntry === enquiry)) continue;
    periods.push({ start: enquiry.date, end: outcomeOf(enquiry)?.date, startEntry: enquiry, endEntry: enquiry });
  }
  return periods;
}

export function inSection47(model: CaseModel, child: string, date: IsoDate): boolean {
  return section47Periods(model, child).some(
    (p) => compareDates(p.start, date) <= 0 && (p.end === undefined || compareDates(date, p.end) <= 0),
  );
}

export interface AllocationPeriod extends Period {
  /** The allocated worker's id, or undefined for an unallocated period. */
  readonly worker?: string;
}

/**
 * Who held the child's case when: an allocation runs until the next allocation, an unallocated entry, a
 * step-down or a closure. A referral or step-up with no allocation after it opens an unallocated period.
 */
export function allocationPeriods(model: CaseModel, child: string): AllocationPeriod[] {
  return remember(model, 'allocations:' + child, () => computeAllocationPeriods(model, child));
}

function computeAllocationPeriods(model: CaseModel, child: string): AllocationPeriod[] {
  const relevant = model.entries.filter(
    (e) =>
      isAbout(e, child) &&
      (e.$type === 'Allocation' ||
        e.$type === 'Unallocated' ||
        e.$type === 'StepDown' ||
        e.$type === 'Closure' ||
        e.$type === 'StepUp' ||
        e.$type === 'Referral'),
  );
  const periods: AllocationPeriod[] = [];
  let open: { start: IsoDate; startEntry: Entry; worker?: string } | undefined;
  const close = (entry: Entry) => {
    if (open) periods.push({ ...open, end: entry.date, endEntry: entry });
    open = undefined;
  };
  for (const entry of relevant) {
    switch (entry.$type) {
      case 'Allocation':
        close(entry);
        open = { start: entry.date, startEntry: entry, worker: entry.worker?.ref?.name ?? entry.worker?.$refText };
        break;
      case 'Unallocated':
        close(entry);
        open = { start: entry.date, startEntry: entry };
        break;
      case 'StepDown':
      case 'Closure':
        close(entry);
        break;
      case 'StepUp':
      case 'Referral':
        if (!open) {
          // A new episode with nobody holding it: unallocated until an allocation says otherwise.
          open = { start: entry.date, startEntry: entry };
        }
        break;
    }
  }
  if (open) periods.push(open);
  return periods.filter((p) => p.end === undefined || compareDates(p.start, p.end) < 0);
}

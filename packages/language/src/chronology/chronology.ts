import type { LangiumDocument } from 'langium';
import { AstUtils } from 'langium';
import type { Entry } from '../generated/ast.js';
import { isChild } from '../generated/ast.js';
import type { CaseModel } from '../model/case-model.js';
import { clockEnd, displayName, entriesOfType, isAbout, planPeriods } from '../model/derived.js';
import { entryKind } from '../model/entry-kinds.js';
import type { Policy } from '../policy/schema.js';
import { compareDates, formatLongDate, type IsoDate, type WorkingDayCalendar } from '../time/index.js';
import { significanceOf, significanceRank, type Significance } from './significance.js';
import { allocationsOf, impactOf, sourceOf, summaryOf } from './summary.js';

/** One row of a chronology: one entry of the record (product.md, the chronology JSON contract). */
export interface ChronologyRow {
  readonly date: IsoDate;
  readonly time: string | null;
  /** The entry keyword: `visit`, `strategy-discussion`… */
  readonly kind: string;
  /** Ids of the children the entry is about, as written. */
  readonly children: readonly string[];
  readonly summary: string;
  readonly source: string;
  readonly significance: Significance;
  readonly impact: string | null;
  readonly file: string;
  /** 1-based line of the entry's header. */
  readonly line: number;
}

/**
 * A stretch of time in which the service a child should have had was missing: no visit for longer than the
 * child's plan allows, or nobody allocated. Inspectors read a chronology for these silences as much as for
 * the events in it.
 */
export interface ServiceGap {
  readonly child: string;
  readonly kind: 'no-visit' | 'unallocated';
  readonly from: IsoDate;
  /** The visit or allocation that ended it, or the as-of date (or closure) when it is still open. */
  readonly to: IsoDate;
  readonly ongoing: boolean;
  readonly workingDays: number;
  /** For `no-visit`: the plan's visit interval in working days. */
  readonly allowedWorkingDays?: number;
  readonly label: string;
}

export interface ChronologyChild {
  readonly id: string;
  readonly name: string;
  readonly born?: IsoDate;
}

export interface CaseChronology {
  readonly caseId: string;
  readonly title?: string;
  readonly asOf: IsoDate;
  readonly children: readonly ChronologyChild[];
  /** In date, then time, then file order, as the case model holds them. */
  readonly rows: readonly ChronologyRow[];
  readonly gaps: readonly ServiceGap[];
}

export interface ChronologyFilter {
  /** A child's id: only the entries about that child, and that child's gaps. */
  readonly child?: string;
  /** Inclusive. */
  readonly from?: IsoDate;
  /** Inclusive. */
  readonly to?: IsoDate;
  /** The least significance a row must have. */
  readonly significance?: Significance;
}

export interface ChronologyOptions {
  readonly policy: Policy;
  readonly calendar: WorkingDayCalendar;
  readonly asOf: IsoDate;
  /** How a file is named in the rows (the CLI passes paths as given); the URI's path by default. */
  readonly pathOf?: (document: LangiumDocument) => string;
  readonly filter?: ChronologyFilter;
}

/** The children an entry is about: resolved children and any names that do not resolve (nothing is lost). */
function childIds(entry: Entry): string[] {
  const ids: string[] = [];
  for (const ref of entry.children) {
    const party = ref.ref;
    const id = party ? (isChild(party) ? party.name : undefined) : ref.$refText;
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

export function chronologyRow(
  model: CaseModel,
  entry: Entry,
  policy: Policy,
  pathOf: (document: LangiumDocument) => string,
): ChronologyRow {
  return {
    date: entry.date,
    time: entry.time ?? null,
    kind: entryKind(entry).keyword,
    children: childIds(entry),
    summary: summaryOf(entry),
    source: sourceOf(model, entry),
    significance: significanceOf(entry, policy),
    impact: impactOf(entry),
    file: pathOf(AstUtils.getDocument(entry)),
    line: (entry.$cstNode?.range.start.line ?? 0) + 1,
  };
}

/** The chronology of one case: every entry from all its files, with the gaps in service, then filtered. */
export function buildChronology(model: CaseModel, options: ChronologyOptions): CaseChronology {
  const pathOf = options.pathOf ?? ((document: LangiumDocument) => document.uri.path);
  const chronology: CaseChronology = {
    caseId: model.caseId,
    title: model.decl?.members.find((m) => m.$type === 'Title')?.value,
    asOf: options.asOf,
    children: model.children.map((child) => ({ id: child.name, name: child.fullName, born: child.born })),
    rows: model.entries.map((entry) => chronologyRow(model, entry, options.policy, pathOf)),
    gaps: serviceGaps(model, options.policy, options.calendar, options.asOf),
  };
  return options.filter ? filterChronology(chronology, options.filter) : chronology;
}

export function filterChronology(chronology: CaseChronology, filter: ChronologyFilter): CaseChronology {
  const { child, from, to, significance } = filter;
  const least = significance === undefined ? 0 : significanceRank(significance);
  const inRange = (date: IsoDate) =>
    (from === undefined || compareDates(date, from) >= 0) && (to === undefined || compareDates(date, to) <= 0);
  return {
    ...chronology,
    children: child === undefined ? chronology.children : chronology.children.filter((c) => c.id === child),
    rows: chronology.rows.filter(
      (row) => (child === undefined || row.children.includes(child)) && inRange(row.date) && significanceRank(row.significance) >= least,
    ),
    // A gap is kept when any part of it falls in the range: a silence that began before `from` still matters.
    gaps: chronology.gaps.filter(
      (gap) =>
        (child === undefined || gap.child === child) &&
        (from === undefined || compareDates(gap.to, from) >= 0) &&
        (to === undefined || compareDates(gap.from, to) <= 0),
    ),
  };
}

/**
 * Gaps in service for every child of the case, in date order: stretches without a visit longer than the
 * child's plan allows (the policy's visit intervals, counted in working days by the calendar, as CR307 reads
 * them) and unallocated periods (as CR311 reads them). An open stretch runs to the as-of date, or to the
 * closure that stopped the clock.
 */
export function serviceGaps(model: CaseModel, policy: Policy, calendar: WorkingDayCalendar, asOf: IsoDate): ServiceGap[] {
  const gaps: ServiceGap[] = [];
  const visits = entriesOfType(model, 'Visit');
  const { visitIntervalChildProtectionWorkingDays: cp, visitIntervalChildInNeedWorkingDays: cin } = policy.timescales;
  for (const child of model.children) {
    const name = displayName(child, child.name);
    for (const period of planPeriods(model, child.name)) {
      if (compareDates(period.start, asOf) > 0) continue;
      const allowed = period.plan === 'child-protection' ? cp : cin;
      const planName = period.plan === 'child-protection' ? 'child protection plan' : 'child in need plan';
      const end = period.end ?? clockEnd(model, child.name, period.start, asOf);
      let previous = period.start;
      const noVisit = (to: IsoDate, ongoing: boolean) => {
        const days = calendar.workingDaysBetween(previous, to);
        gaps.push({
          child: child.name,
          kind: 'no-visit',
          from: previous,
          to,
          ongoing,
          workingDays: days,
          allowedWorkingDays: allowed,
          label: `${name}: no visit for ${days} working days${ongoing ? ' (still)' : ''}; ${planName} allows ${allowed}`,
        });
      };
      for (const visit of visits) {
        if (!isAbout(visit, child.name) || compareDates(visit.date, period.start) <= 0 || compareDates(visit.date, end) > 0) continue;
        if (compareDates(visit.date, calendar.addWorkingDays(previous, allowed)) > 0) noVisit(visit.date, false);
        previous = visit.date;
      }
      if (compareDates(end, calendar.addWorkingDays(previous, allowed)) > 0) noVisit(end, period.end === undefined);
    }
    for (const period of allocationsOf(model, child.name)) {
      if (period.worker !== undefined || compareDates(period.start, asOf) > 0) continue;
      const to = period.end ?? clockEnd(model, child.name, period.start, asOf);
      const ongoing = period.end === undefined;
      const days = calendar.workingDaysBetween(period.start, to);
      // As CR311: a referral allocated within the grace period is how allocation works, not a gap.
      if (period.startEntry.$type !== 'Unallocated' && days <= policy.timescales.allocationGraceWorkingDays) continue;
      gaps.push({
        child: child.name,
        kind: 'unallocated',
        from: period.start,
        to,
        ongoing,
        workingDays: days,
        label: ongoing
          ? `${name}: unallocated since ${formatLongDate(period.start)} (${days} working days)`
          : `${name}: unallocated for ${days} working days`,
      });
    }
  }
  return gaps.sort((a, b) => compareDates(a.from, b.from) || compareDates(a.to, b.to));
}

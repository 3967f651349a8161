import type { LangiumDocument } from 'langium';
import type { Document, Entry, Party } from '../generated/ast.js';
import { isWorker } from '../generated/ast.js';
import type { ReportedDiagnostic } from '../engine/workspace.js';
import type { CaseModel } from '../model/case-model.js';
import {
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
} from '../model/derived.js';
import type { Policy } from '../policy/schema.js';
import { caseIdOf } from '../references/case-scope.js';
import { ruleByCode, type Severity } from '../rules/catalogue.js';
import { compareDates, type IsoDate, type WorkingDayCalendar } from '../time/index.js';
import { serviceGaps } from '../chronology/chronology.js';
import { allocationsOf, responsibleWorker } from '../chronology/summary.js';

/**
 * The quality-assurance report: what an inspection-preparation meeting reads. Compliance by rule, by team and
 * by worker, caseloads on the as-of date, how long the timescaled steps took, the children waiting longest,
 * and every finding with its place in the record. Built from the engine's findings and the case models; the
 * renderers (report-render.ts) only lay it out.
 */

export interface ReportCase {
  readonly model: CaseModel;
  readonly policy: Policy;
  readonly calendar: WorkingDayCalendar;
}

export interface ReportFile {
  /** As shown to the user (as given, or relative to the working directory). */
  readonly path: string;
  readonly document: LangiumDocument;
  readonly diagnostics: readonly ReportedDiagnostic[];
}

export interface ReportInput {
  readonly asOf: IsoDate;
  readonly cases: readonly ReportCase[];
  /** The files asked for, with their findings (files read only to link a split case are not listed). */
  readonly files: readonly ReportFile[];
}

export interface ReportFinding {
  readonly code: string;
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly case: string | null;
  /** The children the finding is about: the entry's children, narrowed to those the message names. */
  readonly children: readonly string[];
  /** The same children by their full names, for people to read. */
  readonly childNames: readonly string[];
  readonly worker: string | null;
  readonly team: string | null;
}

export interface SeverityCounts {
  findings: number;
  errors: number;
  warnings: number;
  infos: number;
}

export interface RuleCompliance extends SeverityCounts {
  readonly code: string;
  readonly name: string;
  readonly summary: string;
  readonly defaultSeverity: Severity | null;
  readonly cases: number;
  readonly children: number;
}

export interface WorkerCompliance extends SeverityCounts {
  readonly worker: string;
  readonly team: string;
  readonly role: string | null;
  /** Open allocated children on the as-of date. */
  readonly caseload: number;
  /** Entries the worker recorded or, where an entry names nobody, held as the allocated worker. */
  readonly entries: number;
  readonly cases: number;
  readonly children: number;
}

export interface TeamCompliance extends SeverityCounts {
  readonly team: string;
  readonly workers: number;
  readonly caseload: number;
  readonly entries: number;
  readonly cases: number;
  readonly children: number;
}

export interface DistributionBin {
  readonly label: string;
  /** Inclusive bounds in working days; `to` null for the open-ended last bin. */
  readonly from: number;
  readonly to: number | null;
  readonly count: number;
  /** The whole bin lies beyond the timescale. */
  readonly beyond: boolean;
}

export interface Distribution {
  readonly id: 'contact-decision' | 'assessment' | 'initial-conference' | 'visit-interval-cp' | 'visit-interval-cin';
  readonly title: string;
  readonly measure: string;
  /** The timescale in working days (policy), drawn as the line between bins within and beyond it. */
  readonly timescale: number;
  readonly bins: readonly DistributionBin[];
  readonly count: number;
  readonly beyond: number;
  readonly median: number | null;
  /** Still open on the as-of date (not in the bins): undecided contacts, unfinished assessments… */
  readonly open: number;
  readonly note: string;
}

export interface WaitingChild {
  readonly case: string;
  readonly child: string;
  readonly childName: string;
  readonly since: IsoDate;
  readonly workingDays: number;
  readonly worker: string | null;
  readonly file: string;
  readonly line: number;
  readonly detail: string;
}

export interface QaReport {
  readonly version: 1;
  readonly asOf: IsoDate;
  readonly totals: SeverityCounts & { files: number; cases: number; children: number; entries: number };
  readonly rules: readonly RuleCompliance[];
  readonly teams: readonly TeamCompliance[];
  readonly workers: readonly WorkerCompliance[];
  readonly timeliness: readonly Distribution[];
  readonly waiting: {
    readonly noVisit: readonly WaitingChild[];
    readonly assessmentOpen: readonly WaitingChild[];
    readonly unallocated: readonly WaitingChild[];
  };
  readonly findings: readonly ReportFinding[];
}

/** How many children each "waiting longest" list shows. */
export const WAITING_LIST_LENGTH = 25;

/** Tallies are built up in place, then handed out read-only. */
type Tally<T> = { -readonly [K in keyof T]: T[K] } & { caseSet: Set<string>; childSet: Set<string> };

const UNATTRIBUTED = 'Unattributed';
const NO_TEAM = 'No team recorded';

/** Workers are declared per case; the same person in two cases is one worker for the report (name and team). */
function workerKey(worker: Party): string {
  return `${worker.fullName}\u0000${isWorker(worker) ? (worker.team ?? '') : ''}`;
}

function teamOf(worker: Party | undefined): string {
  return worker && isWorker(worker) && worker.team ? worker.team : NO_TEAM;
}

function counts(): SeverityCounts {
  return { findings: 0, errors: 0, warnings: 0, infos: 0 };
}

function count(into: SeverityCounts, severity: Severity): void {
  into.findings++;
  if (severity === 'error') into.errors++;
  else if (severity === 'warning') into.warnings++;
  else into.infos++;
}

/** The entries of one file by header line, to place a finding (by its line) in the entry that holds it. */
function entryLocator(document: LangiumDocument): (line: number) => Entry | undefined {
  const entries = (document.parseResult.value as Document).entries
    .filter((entry) => entry.$cstNode)
    .map((entry) => ({ entry, start: entry.$cstNode!.range.start.line + 1, end: entry.$cstNode!.range.end.line + 1 }));
  return (line) => {
    let low = 0;
    let high = entries.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const candidate = entries[mid]!;
      if (line < candidate.start) high = mid - 1;
      else if (line > candidate.end) low = mid + 1;
      else return candidate.entry;
    }
    return undefined;
  };
}

/** The entry's children that the message names (a finding about Ben on a visit to Amelia and Ben), else all. */
function childrenOfFinding(model: CaseModel, entry: Entry, message: string): string[] {
  const all = childNames(entry);
  if (all.length < 2) return all;
  const named = all.filter((id) => {
    const name = displayName(childNamed(model, id), id);
    return new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(message);
  });
  return named.length > 0 ? named : all;
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

/** Bins of working days around a timescale: a few within it, the timescale's edge exact, a few beyond it. */
function binsFor(values: readonly number[], edges: readonly number[], timescale: number): DistributionBin[] {
  const bins: DistributionBin[] = [];
  for (let i = 0; i < edges.length; i++) {
    const from = edges[i]!;
    const to = i + 1 < edges.length ? edges[i + 1]! - 1 : null;
    const label = to === null ? `${from}+` : from === to ? `${from}` : `${from}–${to}`;
    bins.push({ label, from, to, count: values.filter((v) => v >= from && (to === null || v <= to)).length, beyond: from > timescale });
  }
  return bins;
}

function distribution(
  id: Distribution['id'],
  title: string,
  measure: string,
  timescale: number,
  values: readonly number[],
  edges: readonly number[],
  open: number,
  note: string,
): Distribution {
  return {
    id,
    title,
    measure,
    timescale,
    bins: binsFor(values, edges, timescale),
    count: values.length,
    beyond: values.filter((v) => v > timescale).length,
    median: median(values),
    open,
    note,
  };
}

/** Bin edges that put the timescale at a bin boundary (…, t-?, t+1, …), so "beyond" is exact. */
function edgesAround(timescale: number, within: readonly number[], beyond: readonly number[]): number[] {
  return [
    ...new Set([0, ...within.filter((e) => e > 0 && e <= timescale), timescale + 1, ...beyond.filter((e) => e > timescale + 1)]),
  ].sort((a, b) => a - b);
}

interface CaseFacts {
  contactDays: number[];
  contactsOpen: number;
  assessmentDays: number[];
  assessmentsOpen: number;
  conferenceDays: number[];
  conferencesAwaited: number;
  /** Intervals that began while the child was on a child protection plan, or a child in need plan. */
  visitIntervalsCp: number[];
  visitIntervalsCin: number[];
}

/** The working days each timescaled step took in one case (the same start and stop points the rules use). */
function timelinessFacts(reportCase: ReportCase, asOf: IsoDate, facts: CaseFacts): void {
  const { model, calendar } = reportCase;
  const closedBefore = (entry: Entry) => {
    const names = childNames(entry);
    return names.length > 0 && names.every((child) => compareDates(clockEnd(model, child, entry.date, asOf), asOf) < 0);
  };
  for (const contact of entriesOfType(model, 'Contact')) {
    if (compareDates(contact.date, asOf) > 0) continue;
    const decision = decisionOf(contact);
    if (decision && compareDates(decision.date, contact.date) >= 0)
      facts.contactDays.push(calendar.workingDaysBetween(contact.date, decision.date));
    else if (!decision && !closedBefore(contact)) facts.contactsOpen++;
  }
  const referrals = entriesOfType(model, 'Referral');
  for (const assessment of entriesOfType(model, 'Assessment')) {
    if (compareDates(assessment.date, asOf) > 0) continue;
    // The statutory clock starts at the referral (CR305): the latest referral about one of its children before it.
    const referral = referrals.filter((r) => sharesChild(r, assessment) && compareDates(r.date, assessment.date) <= 0).at(-1);
    const start = referral?.date ?? assessment.date;
    const completed = completedOf(assessment);
    if (completed && compareDates(completed.date, start) >= 0)
      facts.assessmentDays.push(calendar.workingDaysBetween(start, completed.date));
    else if (!completed && !closedBefore(assessment)) facts.assessmentsOpen++;
  }
  const discussions = entriesOfType(model, 'StrategyDiscussion').filter((d) => fieldValue(d, 'decision') === 'section-47');
  const initials = entriesOfType(model, 'Conference').filter((c) => c.kind === 'initial');
  for (const discussion of discussions) {
    if (compareDates(discussion.date, asOf) > 0) continue;
    const conference = initials.find((c) => sharesChild(c, discussion) && compareDates(c.date, discussion.date) >= 0);
    if (conference) facts.conferenceDays.push(calendar.workingDaysBetween(discussion.date, conference.date));
    else {
      const enquiry = entriesOfType(model, 'Section47').find(
        (s) => sharesChild(s, discussion) && compareDates(s.date, discussion.date) >= 0,
      );
      const outcome = enquiry?.items.find((i) => i.$type === 'OutcomeStatement');
      if ((!outcome || (outcome.$type === 'OutcomeStatement' && outcome.value === 'conference')) && !closedBefore(discussion))
        facts.conferencesAwaited++;
    }
  }
  const visits = entriesOfType(model, 'Visit');
  for (const child of model.children) {
    // Each interval is judged by the plan the child was on when it began: 10 working days on a child
    // protection plan, 20 on a child in need plan; intervals off any plan have no timescale and are not drawn.
    const plans = planPeriods(model, child.name);
    const planAt = (date: IsoDate) =>
      plans.find((p) => compareDates(p.start, date) <= 0 && (p.end === undefined || compareDates(date, p.end) < 0))?.plan;
    let previous: IsoDate | undefined;
    for (const visit of visits) {
      if (!isAbout(visit, child.name) || compareDates(visit.date, asOf) > 0) continue;
      if (previous !== undefined) {
        const plan = planAt(previous);
        const days = calendar.workingDaysBetween(previous, visit.date);
        if (plan === 'child-protection') facts.visitIntervalsCp.push(days);
        else if (plan === 'child-in-need') facts.visitIntervalsCin.push(days);
      }
      previous = visit.date;
    }
  }
}

function pathOfDocument(files: ReadonlyMap<string, string>, document: LangiumDocument): string {
  return files.get(document.uri.toString()) ?? document.uri.path;
}

/** Children whose case is open on the as-of date, with the allocation period that holds them then. */
function openPeriods(model: CaseModel, child: string, asOf: IsoDate) {
  const periods = allocationsOf(model, child);
  const index = periods.findIndex((p) => compareDates(p.start, asOf) <= 0 && (p.end === undefined || compareDates(asOf, p.end) < 0));
  if (index < 0) return undefined;
  // The episode began where the chain of back-to-back periods leading to this one began.
  let first = index;
  while (first > 0 && periods[first - 1]!.end === periods[first]!.start) first--;
  return { current: periods[index]!, episodeStart: periods[first]!.start };
}

function lineOf(entry: Entry): number {
  return (entry.$cstNode?.range.start.line ?? 0) + 1;
}

export function buildQaReport(input: ReportInput): QaReport {
  const { asOf } = input;
  const pathByUri = new Map<string, string>();
  for (const file of input.files) pathByUri.set(file.document.uri.toString(), file.path);
  const modelByCase = new Map(input.cases.map((c) => [c.model.caseId, c]));
  const entryPath = (entry: Entry) => {
    const root = entry.$container as Document & { $document?: LangiumDocument };
    return root.$document ? pathOfDocument(pathByUri, root.$document) : '';
  };

  // ---- Workers, teams and caseloads ----
  const workers = new Map<string, Tally<WorkerCompliance>>();
  const workerOf = (party: Party | undefined) => {
    if (!party) return undefined;
    const key = workerKey(party);
    let row = workers.get(key);
    if (!row) {
      row = {
        worker: party.fullName,
        team: teamOf(party),
        role: isWorker(party) ? (party.role ?? null) : null,
        caseload: 0,
        entries: 0,
        cases: 0,
        children: 0,
        ...counts(),
        caseSet: new Set(),
        childSet: new Set(),
      };
      workers.set(key, row);
    }
    return row;
  };
  let entryCount = 0;
  let childCount = 0;
  const facts: CaseFacts = {
    contactDays: [],
    contactsOpen: 0,
    assessmentDays: [],
    assessmentsOpen: 0,
    conferenceDays: [],
    conferencesAwaited: 0,
    visitIntervalsCp: [],
    visitIntervalsCin: [],
  };
  const noVisit: WaitingChild[] = [];
  const assessmentOpen: WaitingChild[] = [];
  const unallocated: WaitingChild[] = [];
  for (const reportCase of input.cases) {
    const { model, calendar } = reportCase;
    for (const worker of model.workers) workerOf(worker);
    childCount += model.children.length;
    for (const entry of model.entries) {
      entryCount++;
      const row = workerOf(responsibleWorker(model, entry));
      if (row) row.entries++;
    }
    timelinessFacts(reportCase, asOf, facts);
    const visits = entriesOfType(model, 'Visit');
    for (const child of model.children) {
      const open = openPeriods(model, child.name, asOf);
      if (!open) continue;
      const holder = open.current.worker ? model.parties.get(open.current.worker) : undefined;
      const holderRow = open.current.worker ? workerOf(holder) : undefined;
      if (holderRow) holderRow.caseload++;
      const lastVisit = visits.filter((v) => isAbout(v, child.name) && compareDates(v.date, asOf) <= 0).at(-1);
      const since = lastVisit && compareDates(lastVisit.date, open.episodeStart) >= 0 ? lastVisit.date : open.episodeStart;
      const anchor = lastVisit && since === lastVisit.date ? lastVisit : open.current.startEntry;
      noVisit.push({
        case: model.caseId,
        child: child.name,
        childName: child.fullName,
        since,
        workingDays: calendar.workingDaysBetween(since, asOf),
        worker: holder?.fullName ?? null,
        file: entryPath(anchor),
        line: lineOf(anchor),
        detail: lastVisit && since === lastVisit.date ? 'since the last visit' : 'not visited since the case opened',
      });
    }
    const referrals = entriesOfType(model, 'Referral');
    for (const assessment of entriesOfType(model, 'Assessment')) {
      if (completedOf(assessment) || compareDates(assessment.date, asOf) > 0) continue;
      for (const child of childNames(assessment)) {
        if (compareDates(clockEnd(model, child, assessment.date, asOf), asOf) < 0) continue; // closed since
        const referral = referrals.filter((r) => isAbout(r, child) && compareDates(r.date, assessment.date) <= 0).at(-1);
        const since = referral?.date ?? assessment.date;
        const holder = responsibleWorker(model, assessment);
        assessmentOpen.push({
          case: model.caseId,
          child,
          childName: childNamed(model, child)?.fullName ?? child,
          since,
          workingDays: calendar.workingDaysBetween(since, asOf),
          worker: holder?.fullName ?? null,
          file: entryPath(assessment),
          line: lineOf(assessment),
          detail: referral ? `assessment open since the referral` : `assessment open since it started`,
        });
      }
    }
    for (const gap of serviceGaps(model, reportCase.policy, calendar, asOf)) {
      if (gap.kind !== 'unallocated' || !gap.ongoing) continue;
      const period = allocationsOf(model, gap.child).find((p) => p.start === gap.from && p.worker === undefined);
      const anchor = period?.startEntry;
      unallocated.push({
        case: model.caseId,
        child: gap.child,
        childName: childNamed(model, gap.child)?.fullName ?? gap.child,
        since: gap.from,
        workingDays: gap.workingDays,
        worker: null,
        file: anchor ? entryPath(anchor) : '',
        line: anchor ? lineOf(anchor) : 0,
        detail:
          anchor?.$type === 'Unallocated'
            ? 'recorded as unallocated'
            : `no allocation after the ${anchor?.$type === 'StepUp' ? 'step-up' : 'referral'}`,
      });
    }
  }

  // ---- Findings, placed in their entries ----
  const findings: ReportFinding[] = [];
  const rules = new Map<string, Tally<RuleCompliance>>();
  const totals = counts();
  for (const file of input.files) {
    const locate = entryLocator(file.document);
    const caseId = caseIdOf(file.document.parseResult.value as Document) ?? null;
    const reportCase = caseId === null ? undefined : modelByCase.get(caseId);
    for (const d of file.diagnostics) {
      const entry = locate(d.line);
      const model = reportCase?.model;
      const children = entry && model ? childrenOfFinding(model, entry, d.message) : [];
      const worker = entry && model ? responsibleWorker(model, entry) : undefined;
      const workerRow = workerOf(worker);
      findings.push({
        code: d.code,
        rule: d.rule,
        severity: d.severity,
        message: d.message,
        file: file.path,
        line: d.line,
        column: d.column,
        case: caseId,
        children,
        childNames: children.map((id) => (model ? (childNamed(model, id)?.fullName ?? id) : id)),
        worker: worker?.fullName ?? null,
        team: worker ? teamOf(worker) : null,
      });
      count(totals, d.severity);
      let rule = rules.get(d.code);
      if (!rule) {
        const meta = ruleByCode(d.code);
        rule = {
          code: d.code,
          name: meta?.name ?? d.rule,
          summary: meta?.summary ?? '',
          defaultSeverity: meta?.severity ?? null,
          cases: 0,
          children: 0,
          ...counts(),
          caseSet: new Set(),
          childSet: new Set(),
        };
        rules.set(d.code, rule);
      }
      count(rule, d.severity);
      if (caseId !== null) rule.caseSet.add(caseId);
      for (const child of children) rule.childSet.add(`${caseId}\u0000${child}`);
      if (workerRow) {
        count(workerRow, d.severity);
        if (caseId !== null) workerRow.caseSet.add(caseId);
        for (const child of children) workerRow.childSet.add(`${caseId}\u0000${child}`);
      }
    }
  }
  findings.sort((a, b) => a.code.localeCompare(b.code) || a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);

  // A worker with no team, findings or caseload in any case is still listed: a QA lead asks "who has nothing?".
  const workerRows: WorkerCompliance[] = [...workers.values()]
    .map(({ caseSet, childSet, ...row }) => ({ ...row, cases: caseSet.size, children: childSet.size }))
    .sort((a, b) => a.team.localeCompare(b.team) || a.worker.localeCompare(b.worker));
  const unattributed = findings.filter((f) => f.worker === null);
  const teams = new Map<string, Tally<TeamCompliance>>();
  const teamRow = (team: string) => {
    let row = teams.get(team);
    if (!row)
      teams.set(
        team,
        (row = { team, workers: 0, caseload: 0, entries: 0, cases: 0, children: 0, ...counts(), caseSet: new Set(), childSet: new Set() }),
      );
    return row;
  };
  for (const worker of workers.values()) {
    const row = teamRow(worker.team);
    row.workers++;
    row.caseload += worker.caseload;
    row.entries += worker.entries;
    row.findings += worker.findings;
    row.errors += worker.errors;
    row.warnings += worker.warnings;
    row.infos += worker.infos;
    for (const c of worker.caseSet) row.caseSet.add(c);
    for (const c of worker.childSet) row.childSet.add(c);
  }
  if (unattributed.length > 0) {
    const row = teamRow(UNATTRIBUTED);
    for (const finding of unattributed) {
      count(row, finding.severity);
      if (finding.case !== null) row.caseSet.add(finding.case);
      for (const child of finding.children) row.childSet.add(`${finding.case}\u0000${child}`);
    }
  }
  const teamRows: TeamCompliance[] = [...teams.values()]
    .map(({ caseSet, childSet, ...row }) => ({ ...row, cases: caseSet.size, children: childSet.size }))
    .sort((a, b) => (a.team === UNATTRIBUTED ? 1 : b.team === UNATTRIBUTED ? -1 : a.team.localeCompare(b.team)));

  const policy = input.cases[0]?.policy.timescales;
  const contactScale = policy?.contactDecisionWorkingDays ?? 1;
  const assessmentScale = policy?.assessmentWorkingDays ?? 45;
  const conferenceScale = policy?.initialConferenceWorkingDays ?? 15;
  const visitScale = policy?.visitIntervalChildProtectionWorkingDays ?? 10;
  const cinScale = policy?.visitIntervalChildInNeedWorkingDays ?? 20;
  const timeliness: Distribution[] = [
    distribution(
      'contact-decision',
      'Contact decisions',
      'working days from the contact to the decision',
      contactScale,
      facts.contactDays,
      edgesAround(contactScale, [0, 1], [contactScale + 2, contactScale + 4, contactScale + 9, contactScale + 19]),
      facts.contactsOpen,
      `${facts.contactsOpen} contacts had no decision on the as-of date.`,
    ),
    distribution(
      'assessment',
      'Assessments',
      'working days from the referral to completion',
      assessmentScale,
      facts.assessmentDays,
      edgesAround(assessmentScale, [0, 11, 21, 31, 41], [assessmentScale + 15, assessmentScale + 30, assessmentScale + 60]),
      facts.assessmentsOpen,
      `${facts.assessmentsOpen} assessments were still open on the as-of date (see "Children waiting longest").`,
    ),
    distribution(
      'initial-conference',
      'Initial child protection conferences',
      'working days from the strategy discussion to the initial conference',
      conferenceScale,
      facts.conferenceDays,
      edgesAround(conferenceScale, [0, 6, 11], [conferenceScale + 6, conferenceScale + 16, conferenceScale + 31]),
      facts.conferencesAwaited,
      `${facts.conferencesAwaited} section 47 enquiries were awaiting a conference on the as-of date.`,
    ),
    distribution(
      'visit-interval-cp',
      'Visits on a child protection plan',
      'working days between one visit to a child and the next',
      visitScale,
      facts.visitIntervalsCp,
      edgesAround(visitScale, [0, 6], [visitScale + 6, visitScale * 2 + 1, visitScale * 4 + 1]),
      0,
      `Intervals that began while the child was on a child protection plan (every ${visitScale} working days).`,
    ),
    distribution(
      'visit-interval-cin',
      'Visits on a child in need plan',
      'working days between one visit to a child and the next',
      cinScale,
      facts.visitIntervalsCin,
      edgesAround(cinScale, [0, 6, 11, 16], [cinScale + 11, cinScale * 2 + 1, cinScale * 3 + 1]),
      0,
      `Intervals that began while the child was on a child in need plan (every ${cinScale} working days).`,
    ),
  ];

  const longest = (list: WaitingChild[]) =>
    list.sort((a, b) => b.workingDays - a.workingDays || a.case.localeCompare(b.case)).slice(0, WAITING_LIST_LENGTH);
  const ruleRows: RuleCompliance[] = [...rules.values()]
    .map(({ caseSet, childSet, ...row }) => ({ ...row, cases: caseSet.size, children: childSet.size }))
    .sort((a, b) => a.code.localeCompare(b.code));
  return {
    version: 1,
    asOf,
    totals: { ...totals, files: input.files.length, cases: input.cases.length, children: childCount, entries: entryCount },
    rules: ruleRows,
    teams: teamRows,
    workers: workerRows,
    timeliness,
    waiting: { noVisit: longest(noVisit), assessmentOpen: longest(assessmentOpen), unallocated: longest(unallocated) },
    findings,
  };
}

import type { AstNode } from 'langium';
import { CstUtils, isLeafCstNode } from 'langium';
import type { Action, Assessment, CaseDecl, Child, Adult, Worker, Agency, Document, Entry, Field, Party, Stray } from '../generated/ast.js';
import {
  isAdult,
  isAgency,
  isChild,
  isDecisionStatement,
  isField,
  isMissing,
  isOutcomeStatement,
  isWorker,
  isCompletedStatement,
  isAuthorisedStatement,
  isAction,
} from '../generated/ast.js';
import {
  ENTRY_KINDS,
  entryKind,
  WORKER_ROLES,
  CONFERENCE_KINDS,
  SIGNIFICANCE,
  STEP_DOWN_LEVELS,
  CLOSURE_REASONS,
} from '../model/entry-kinds.js';
import { bodyItemName, findItem, isPresentAndFilled } from '../model/entry-fields.js';
import { isClosedTextBlock } from '../parser/token-builder.js';
import { compareDates, parseIsoDate, isValidTime } from '../time/index.js';
import type { Finding } from '../engine/findings.js';

/**
 * Checks of one entry or declaration on its own: the records rules CR001–CR007 that need no other entry.
 * Each is a small function (node, report) registered for an AST type in CaserecValidator; the case-level
 * rules live in rules/.
 */
export type Report = (finding: Finding) => void;

const KEYWORDS = new Set([
  ...Object.values(ENTRY_KINDS).map((kind) => kind.keyword),
  'by',
  'about',
  'to',
  'from',
  'for',
  'of',
  'source',
  'significance',
  'chair',
  'lead',
  'kind',
  'returned',
  'replaces',
  'reason',
  'because',
  'owner',
  'due',
  'done',
  'none',
  'born',
  'relationship',
  'role',
  'team',
  'title',
  'child',
  'adult',
  'worker',
  'agency',
  'case',
  'decision',
  'outcome',
  'completed',
  'authorised',
  'review-by',
  'not-alone',
  'action',
  'attendees',
  'network',
  'seen-alone',
]);

function describeParty(party: Party): string {
  if (isChild(party)) return 'a child';
  if (isAdult(party)) return 'an adult';
  if (isWorker(party)) return 'a worker';
  return 'an agency';
}

function article(label: string): string {
  return /^[aeiou]/i.test(label) ? 'An' : 'A';
}

function list(values: readonly string[]): string {
  return values.join(', ');
}

// ---- CR001: what parses but is still not the language ----

/** An id that is a keyword of the language parses in a declaration, but cannot be referred to. */
export function checkDeclarationName(node: Child | Adult | Worker | Agency, report: Report): void {
  if (KEYWORDS.has(node.name)) {
    report({
      code: 'CR001',
      node,
      property: 'name',
      message: `"${node.name}" is a keyword of the case-record language and cannot be an id; choose another id (for example "${node.name}1").`,
    });
  }
}

export function checkWorkerRole(worker: Worker, report: Report): void {
  if (worker.role !== undefined && !(WORKER_ROLES as readonly string[]).includes(worker.role)) {
    report({
      code: 'CR001',
      node: worker,
      property: 'role',
      message: `Unknown worker role "${worker.role}". Roles: ${list(WORKER_ROLES)}.`,
    });
  }
}

/** Every DATE and TIME token holds a real date and time (2021-13-45 parses as a DATE token but is not one). */
export function checkDatesAreReal(node: AstNode & Record<string, unknown>, report: Report): void {
  for (const property of ['date', 'born', 'returnedDate', 'due', 'done']) {
    const value = node[property];
    if (typeof value === 'string' && parseIsoDate(value) === undefined) {
      report({ code: 'CR001', node, property, message: `"${value}" is not a real date; dates are YYYY-MM-DD.` });
    }
  }
  for (const property of ['time', 'returnedTime']) {
    const value = node[property];
    if (typeof value === 'string' && !isValidTime(value)) {
      report({ code: 'CR001', node, property, message: `"${value}" is not a time; times are HH:MM on the 24-hour clock.` });
    }
  }
}

/** A text block left open is reported where it opened (the lexer stopped it at the next entry). */
export function checkTextBlockClosed(node: AstNode, report: Report): void {
  if (!node.$cstNode) return;
  for (const leaf of CstUtils.streamCst(node.$cstNode)) {
    if (isLeafCstNode(leaf) && leaf.tokenType.name === 'TEXT' && !isClosedTextBlock(leaf.text)) {
      report({ code: 'CR001', node, property: 'text', message: 'This text block is never closed: add """ at the end of the text.' });
    }
  }
}

/** Fields the kind does not have, statements in the wrong form, and values outside the allowed set. */
export function checkEntryFields(entry: Entry, report: Report): void {
  const kind = entryKind(entry);
  const known = Object.keys(kind.fields);
  const seen = new Set<string>();
  for (const item of entry.items) {
    const name = bodyItemName(item);
    const shape = kind.fields[name];
    if (!shape) {
      report({
        code: 'CR001',
        node: item,
        property: isField(item) ? 'name' : undefined,
        message:
          known.length === 0
            ? `${article(kind.label)} ${kind.label} has no fields; "${name}" does not belong here.`
            : `"${name}" is not a field of a ${kind.label}. Its fields are: ${list(known)}.`,
      });
      continue;
    }
    if (shape.form !== 'statement' && seen.has(name)) {
      report({ code: 'CR001', node: item, message: `"${name}" is given twice in this ${kind.label}; keep one.` });
    }
    seen.add(name);
    if (shape.form === 'dated' && isField(item)) {
      const example = name === 'decision' ? 'decision DATE [TIME] by WORKER: VALUE' : 'outcome DATE: VALUE';
      report({ code: 'CR001', node: item, property: 'name', message: `In a ${kind.label}, ${name} carries its own date: ${example}.` });
    } else if (shape.form !== 'dated' && (isDecisionStatement(item) || isOutcomeStatement(item))) {
      report({ code: 'CR001', node: item, message: `In a ${kind.label}, ${name} is written "${name}: VALUE", without a date.` });
    }
    const values = shape.form === 'enum' || shape.form === 'dated' ? shape.values : undefined;
    if (values) checkValue(item as Field, values, name, report);
  }
}

function checkValue(item: Field | { value?: string; $type: string }, allowed: readonly string[], name: string, report: Report): void {
  const given = isField(item as AstNode)
    ? (item as Field).values.length > 0
      ? (item as Field).values
      : undefined
    : (item as { value?: string }).value !== undefined
      ? [(item as { value: string }).value]
      : undefined;
  if (isField(item as AstNode) && ((item as Field).text !== undefined || (item as Field).string !== undefined)) {
    report({ code: 'CR001', node: item as AstNode, message: `${name} takes one of: ${list(allowed)}; not free text.` });
    return;
  }
  for (const value of given ?? []) {
    if (!allowed.includes(value)) {
      report({
        code: 'CR001',
        node: item as AstNode,
        property: isField(item as AstNode) ? 'values' : 'value',
        message: `"${value}" is not a value of ${name}. Allowed: ${list(allowed)}.`,
      });
    }
  }
  if (isField(item as AstNode) && (given?.length ?? 0) > 1) {
    report({ code: 'CR001', node: item as AstNode, message: `${name} takes one value.` });
  }
}

/** Header values that are enumerations: significance, conference kind, step-down level, closure reason. */
export function checkHeaderValues(entry: Entry, report: Report): void {
  const check = (value: string | undefined, allowed: readonly string[], name: string, property: string) => {
    if (value !== undefined && !allowed.includes(value)) {
      report({ code: 'CR001', node: entry, property, message: `"${value}" is not a ${name}. Allowed: ${list(allowed)}.` });
    }
  };
  switch (entry.$type) {
    case 'Event':
      return check(entry.significance, SIGNIFICANCE, 'significance', 'significance');
    case 'Conference':
      return check(entry.kind, CONFERENCE_KINDS, 'conference kind', 'kind');
    case 'StepDown':
      return check(entry.level, STEP_DOWN_LEVELS, 'step-down level', 'level');
    case 'Closure':
      return check(entry.reason, CLOSURE_REASONS, 'CIN census reason for closure', 'reason');
    default:
      return;
  }
}

// ---- CR002: references to a person of the wrong kind ----

type Expectation = 'child' | 'worker' | 'person';

function expectParty(
  node: AstNode,
  party: Party | undefined,
  expected: Expectation,
  property: string,
  index: number | undefined,
  report: Report,
  role: string,
): void {
  if (!party) return;
  const ok = expected === 'child' ? isChild(party) : expected === 'worker' ? isWorker(party) : !isAgency(party);
  if (!ok) {
    report({
      code: 'CR002',
      node,
      property,
      index,
      message: `${party.name} is ${describeParty(party)}, not ${expected === 'person' ? 'a person' : 'a ' + expected}${role ? ` (${role})` : ''}.`,
    });
  }
}

export function checkReferenceKinds(entry: Entry, report: Report): void {
  entry.children.forEach((ref, index) => expectParty(entry, ref.ref, 'child', 'children', index, report, 'the children an entry is about'));
  const header = entry as unknown as Record<string, { ref?: Party } | undefined>;
  const workerRoles: Record<string, string> = {
    by: 'by',
    worker: 'allocated to',
    chair: 'chair',
    lead: 'lead',
    supervisee: 'supervised worker',
  };
  for (const [property, role] of Object.entries(workerRoles)) {
    if (property === 'by' && entry.$type === 'Supervision')
      expectParty(entry, header.by?.ref, 'worker', 'by', undefined, report, 'supervisor');
    else if (header[property]) expectParty(entry, header[property]?.ref, 'worker', property, undefined, report, role);
  }
  for (const item of entry.items) {
    if (isDecisionStatement(item) || isAuthorisedStatement(item))
      expectParty(
        item,
        item.by?.ref,
        'worker',
        'by',
        undefined,
        report,
        item.$type === 'DecisionStatement' ? 'decision maker' : 'authorising manager',
      );
    if (item.$type === 'NotAloneStatement') expectParty(item, item.child?.ref, 'child', 'child', undefined, report, 'not seen alone');
    if (item.$type === 'PartyList' && item.name === 'seen-alone')
      item.parties.forEach((ref, index) => expectParty(item, ref.ref, 'child', 'parties', index, report, 'seen alone'));
    if (item.$type === 'PartyList' && item.name === 'network')
      item.parties.forEach((ref, index) => expectParty(item, ref.ref, 'person', 'parties', index, report, 'safety network'));
  }
}

// ---- CR003: required fields ----

export function checkRequiredFields(entry: Entry, report: Report): void {
  const kind = entryKind(entry);
  let required = kind.required;
  if (entry.$type === 'Assessment' && !findItem(entry, 'completed')) required = []; // an open assessment is still being written
  if (entry.$type === 'Conference' && valueOfField(entry, 'decision') === 'child-protection-plan') required = [...required, 'category'];
  if (entry.$type === 'Missing' && !entry.returnedDate) required = []; // still missing: nothing to record yet
  const missing = required.filter((name) => !isPresentAndFilled(entry, name));
  for (const name of missing) {
    const empty = findItem(entry, name) !== undefined;
    report({
      code: 'CR003',
      node: entry,
      property: entry.body ? 'body' : undefined,
      message:
        name === 'action'
          ? `This ${kind.label} has no "action"; a complete ${kind.label} records at least one (action "what" owner WHO due DATE).`
          : `This ${kind.label} has no "${name}"${empty ? ' (it is empty)' : ''}; a complete ${kind.label} records it.`,
      data: { field: name, kind: entry.$type },
    });
  }
}

function valueOfField(entry: Entry, name: string): string | undefined {
  const item = findItem(entry, name);
  return item && isField(item) ? item.values[0] : undefined;
}

// ---- CR004: dates in order within an entry, and not after the as-of date ----

export function checkDateOrder(entry: Entry, asOf: string, report: Report): void {
  const kind = entryKind(entry);
  if (parseIsoDate(entry.date) && compareDates(entry.date, asOf) > 0) {
    report({
      code: 'CR004',
      node: entry,
      property: 'date',
      message: `This ${kind.label} is dated ${entry.date}, after the as-of date ${asOf}.`,
    });
  }
  for (const item of entry.items) {
    const dated = isDecisionStatement(item) || isCompletedStatement(item) || isAuthorisedStatement(item) || isOutcomeStatement(item);
    // An authorisation before completion is reported once, below, against the completion date.
    if (dated && !isAuthorisedStatement(item) && before(item.date, entry.date, item.time, entry.time)) {
      report({
        code: 'CR004',
        node: item,
        property: 'date',
        message: `${capitalise(bodyItemName(item))} on ${stamp(item.date, item.time)} is before the ${kind.label} itself (${stamp(entry.date, entry.time)}).`,
      });
    }
    if (dated && parseIsoDate(item.date) && compareDates(item.date, asOf) > 0) {
      report({
        code: 'CR004',
        node: item,
        property: 'date',
        message: `${capitalise(bodyItemName(item))} is dated ${item.date}, after the as-of date ${asOf}.`,
      });
    }
    if (isAction(item) && item.done && parseIsoDate(item.done) && compareDates(item.done, asOf) > 0) {
      report({
        code: 'CR004',
        node: item,
        property: 'done',
        message: `This action is recorded as done on ${item.done}, after the as-of date ${asOf}.`,
      });
    }
  }
  if (entry.$type === 'Assessment') {
    const completed = entry.items.find(isCompletedStatement);
    const authorised = entry.items.find(isAuthorisedStatement);
    if (completed && authorised && before(authorised.date, completed.date)) {
      report({
        code: 'CR004',
        node: authorised,
        property: 'date',
        message: `Authorised on ${authorised.date}, before the assessment was completed (${completed.date}).`,
      });
    }
  }
  if (isMissing(entry) && entry.returnedDate && before(entry.returnedDate, entry.date, entry.returnedTime, entry.time)) {
    report({
      code: 'CR004',
      node: entry,
      property: 'returnedDate',
      message: `Returned on ${stamp(entry.returnedDate, entry.returnedTime)}, before going missing on ${stamp(entry.date, entry.time)}.`,
    });
  }
}

function before(date: string, reference: string, time?: string, referenceTime?: string): boolean {
  if (!parseIsoDate(date) || !parseIsoDate(reference)) return false;
  const order = compareDates(date, reference);
  if (order !== 0) return order < 0;
  return time !== undefined && referenceTime !== undefined && time < referenceTime;
}

function stamp(date: string, time: string | undefined): string {
  return time ? `${date} ${time}` : date;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// ---- CR006: actions need an owner and a due date ----

export function checkActionComplete(action: Action, report: Report): void {
  const missing = [action.owner ? undefined : 'owner', action.due ? undefined : 'due date'].filter((x): x is string => !!x);
  if (missing.length > 0) {
    report({
      code: 'CR006',
      node: action,
      message: `The action "${(action.what ?? '').slice(0, 60)}" has no ${missing.join(' and no ')}; every action needs an owner and a due date so it can be followed up.`,
      data: { missing: missing.map((m) => (m === 'owner' ? 'owner' : 'due')) },
    });
  }
}

// ---- CR007: completed assessments are authorised by a manager ----

export function checkAssessmentAuthorised(assessment: Assessment, managerRoles: readonly string[], report: Report): void {
  const completed = assessment.items.find(isCompletedStatement);
  if (!completed) return;
  const authorised = assessment.items.find(isAuthorisedStatement);
  if (!authorised) {
    report({
      code: 'CR007',
      node: completed,
      message: `This assessment was completed on ${completed.date} but no manager's authorisation is recorded (authorised DATE by MANAGER).`,
    });
    return;
  }
  const manager = authorised.by?.ref;
  if (manager && isWorker(manager) && !managerRoles.includes(manager.role ?? '')) {
    report({
      code: 'CR007',
      node: authorised,
      property: 'by',
      message: `${manager.fullName} (${manager.role ?? 'no role'}) authorised this assessment; authorisation needs a manager (${list(managerRoles)}).`,
    });
  }
}

export type { CaseDecl, Document };

// ---- CR001: text between entries that is not an entry ----

export function checkStray(stray: Stray, report: Report): void {
  if (stray.brace) {
    report({ code: 'CR001', node: stray, message: 'This "}" closes nothing: remove it, or check the entry above for a missing "{".' });
    return;
  }
  const word = quotable(stray.word ?? '');
  const suggestion = closestEntryKeyword(stray.word ?? '');
  const looksLikeEntry = stray.words.some((w) => /^\d{4}-\d{2}-\d{2}$/.test(w));
  report({
    code: 'CR001',
    node: stray,
    property: 'word',
    message:
      suggestion && looksLikeEntry
        ? `"${word}" is not a kind of entry; did you mean "${suggestion}"? This entry is not checked until it is corrected.`
        : `"${word} …" is not part of any entry. Entries start with a kind (${Object.values(ENTRY_KINDS)
            .map((k) => k.keyword)
            .slice(0, 6)
            .join(', ')}, …) and a date; comments start with //.`,
  });
}

/** A word as a message quotes it: a pasted megabyte of letters is cut, not repeated back. */
function quotable(word: string): string {
  return word.length > 40 ? `${word.slice(0, 40)}…` : word;
}

function closestEntryKeyword(word: string): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const { keyword } of Object.values(ENTRY_KINDS)) {
    // The distance is at least the difference in length: skip the quadratic work when it cannot win.
    if (Math.abs(word.length - keyword.length) >= bestDistance) continue;
    const distance = editDistance(word.toLowerCase(), keyword);
    if (distance < bestDistance) [best, bestDistance] = [keyword, distance];
  }
  return best;
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

import type { LangiumDocument } from 'langium';
import type { CaseDecl, Child, Document, Entry, Party, Worker } from '../generated/ast.js';
import { isChild, isWorker } from '../generated/ast.js';
import { caseIdOf } from '../references/case-scope.js';
import { compareDates, parseIsoDate } from '../time/index.js';

/**
 * All entries of one case from all its files, in date and time order, with the people of its case block.
 * Rules read this and nothing else: it is the only code that walks ASTs for them (ARCHITECTURE.md).
 */
export interface CaseModel {
  readonly caseId: string;
  readonly decl: CaseDecl | undefined;
  readonly documents: readonly LangiumDocument<Document>[];
  /** Entries with a real date, in date, then time, then file order. */
  readonly entries: readonly Entry[];
  readonly children: readonly Child[];
  readonly workers: readonly Worker[];
  readonly parties: ReadonlyMap<string, Party>;
}

/** The documents of each case, cases in the order their first document comes. */
export function documentsByCase(documents: Iterable<LangiumDocument>): Map<string, LangiumDocument<Document>[]> {
  const byCase = new Map<string, LangiumDocument<Document>[]>();
  for (const document of documents) {
    const root = document.parseResult.value as Document;
    const caseId = caseIdOf(root);
    if (caseId === undefined) continue;
    let list = byCase.get(caseId);
    if (!list) byCase.set(caseId, (list = []));
    list.push(document as LangiumDocument<Document>);
  }
  return byCase;
}

const END_OF_DAY = '24:00';

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function buildCaseModel(caseId: string, documents: LangiumDocument<Document>[]): CaseModel {
  // Plain code-unit order, not localeCompare: the order of files must not depend on the machine's locale.
  const sorted = [...documents].sort((a, b) => (a.uri.toString() < b.uri.toString() ? -1 : a.uri.toString() > b.uri.toString() ? 1 : 0));
  const decl = sorted.map((d) => d.parseResult.value.caseDecl).find((c) => c !== undefined);
  const entries = sorted.flatMap((d) => d.parseResult.value.entries).filter((e) => parseIsoDate(e.date) !== undefined);
  // An entry with no time is placed with the timed entry it follows on the same day in its file (the
  // referral written after the 09:12 contact that led to it); otherwise at the end of its day, since an
  // untimed entry is usually written up after the day's timed events.
  const sortTime = new Map<Entry, string>();
  for (const document of sorted) {
    let previous: Entry | undefined;
    for (const entry of document.parseResult.value.entries) {
      const inherited = previous && previous.date === entry.date ? (sortTime.get(previous) ?? END_OF_DAY) : END_OF_DAY;
      sortTime.set(entry, entry.time ?? inherited);
      previous = entry;
    }
  }
  // Array.prototype.sort is stable: same date and time keep file order.
  entries.sort((a, b) => compareDates(a.date, b.date) || compareText(sortTime.get(a) ?? '', sortTime.get(b) ?? ''));
  const members = decl?.members ?? [];
  const parties = new Map<string, Party>();
  for (const member of members) if (member.$type !== 'Title' && !parties.has(member.name)) parties.set(member.name, member);
  return {
    caseId,
    decl,
    documents: sorted,
    entries,
    children: members.filter(isChild),
    workers: members.filter(isWorker),
    parties,
  };
}

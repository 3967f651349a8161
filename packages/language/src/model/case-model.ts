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

export function buildCaseModels(documents: Iterable<LangiumDocument>): Map<string, CaseModel> {
  const byCase = new Map<string, LangiumDocument<Document>[]>();
  for (const document of documents) {
    const root = document.parseResult.value as Document;
    const caseId = caseIdOf(root);
    if (caseId === undefined) continue;
    let list = byCase.get(caseId);
    if (!list) byCase.set(caseId, (list = []));
    list.push(document as LangiumDocument<Document>);
  }
  const models = new Map<string, CaseModel>();
  for (const [caseId, docs] of byCase) models.set(caseId, buildCaseModel(caseId, docs));
  return models;
}

export function buildCaseModel(caseId: string, documents: LangiumDocument<Document>[]): CaseModel {
  const sorted = [...documents].sort((a, b) => a.uri.toString().localeCompare(b.uri.toString()));
  const decl = sorted.map((d) => d.parseResult.value.caseDecl).find((c) => c !== undefined);
  const entries = sorted.flatMap((d) => d.parseResult.value.entries).filter((e) => parseIsoDate(e.date) !== undefined);
  // Array.prototype.sort is stable: same date and time keep file order.
  entries.sort((a, b) => compareDates(a.date, b.date) || (a.time ?? '').localeCompare(b.time ?? ''));
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

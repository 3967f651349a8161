import type { LangiumDocument, LangiumDocuments, URI } from 'langium';
import type { Document } from '../generated/ast.js';
import { caseIdOf } from '../references/case-scope.js';
import type { CaserecServices } from '../caserec-module.js';
import type { ClockContext } from './clocks.js';

/** The document at `uri` and every other document of the same case (a case may be split over files). */
export function caseDocuments(documents: LangiumDocuments, uri: URI): LangiumDocument[] {
  const own = documents.getDocument(uri);
  if (!own) return [];
  const caseId = caseIdOfDocument(own);
  if (caseId === undefined) return [own];
  return documents.all.filter((document) => document === own || caseIdOfDocument(document) === caseId).toArray();
}

export function caseIdOfDocument(document: LangiumDocument): string | undefined {
  const root = document.parseResult?.value as Document | undefined;
  if (!root || root.$type !== 'Document') return undefined;
  // `for case` with no case after it parses with no reference at all; it names no case.
  if (root.forCase && !root.forCase.case) return undefined;
  return caseIdOf(root);
}

/** What clocks are measured with for a document's case: its case model, policy, calendar and as-of date. */
export function clockContextFor(services: CaserecServices, document: LangiumDocument): ClockContext | undefined {
  const model = services.caserec.CaseValidator.caseModelOf(document);
  if (!model) return undefined;
  // As in the engine, a case runs under the policy of the file that declares it.
  const declaring = model.documents.find((d) => d.parseResult.value.caseDecl) ?? model.documents[0] ?? document;
  const settings = services.caserec.Settings;
  const loaded = settings.policyFor(declaring.uri);
  return { model, policy: loaded.policy, calendar: settings.calendarFor(loaded), asOf: settings.getAsOf() };
}

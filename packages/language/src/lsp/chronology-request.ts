import type { LangiumDocument } from 'langium';
import type { CaserecServices } from '../caserec-module.js';
import { buildChronology } from '../chronology/index.js';
import { chronologyHtml } from '../render/index.js';
import { clockContextFor } from './case-documents.js';

/**
 * The answer to `caserec/chronologyHtml`: the chronology of the document's case (every file of it), drawn by
 * the same renderer as `caserec chronology --format html` (render/chronology-html.ts), so the editor and the
 * CLI show one chronology. Rows name their file by URI and carry 1-based `data-line`, so that the editor's
 * view can take the reader back to the entry.
 */
export function chronologyHtmlOf(services: CaserecServices, document: LangiumDocument): string {
  const context = clockContextFor(services, document);
  if (!context) return chronologyHtml([]);
  const chronology = buildChronology(context.model, {
    policy: context.policy,
    calendar: context.calendar,
    asOf: context.asOf,
    pathOf: (source) => source.uri.toString(),
  });
  return chronologyHtml([chronology]);
}

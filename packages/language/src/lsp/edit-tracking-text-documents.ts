import { NormalizedTextDocuments } from 'langium/lsp';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { EditSpans, type EditSpan, type EditSpanSource } from '../parser/edit-spans.js';

/**
 * Langium's text documents, which also note where each change the editor sends falls (see parser/edit-spans.ts):
 * the editor already says where an edit is, so the incremental parser need not search megabytes for it.
 */
export class EditTrackingTextDocuments extends NormalizedTextDocuments<TextDocument> implements EditSpanSource {
  private readonly spans: EditSpans;

  constructor() {
    const spans = new EditSpans();
    super({ create: TextDocument.create, update: (document, changes, version) => applyChanges(spans, document, changes, version) });
    this.spans = spans;
  }

  /** Applies the editor's changes to `document`, as a didChange notification does. */
  update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
    return applyChanges(this.spans, document, changes, version);
  }

  takeEditSpan(document: object, parsedText: string): EditSpan | undefined {
    return this.spans.takeEditSpan(document, parsedText);
  }
}

/** One change at a time, as TextDocument.update applies them: each range is in the text the one before left. */
function applyChanges(spans: EditSpans, document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
  let current = document;
  for (const change of changes) {
    const before = current.getText();
    if ('range' in change) spans.recordChange(current, before, current.offsetAt(change.range.start), current.offsetAt(change.range.end));
    else spans.recordReplacement(current, before);
    current = TextDocument.update(current, [change], version);
  }
  return current;
}

/**
 * Where the editor's edits changed a text since the text was last parsed, so that the incremental parser need
 * not find it by comparing megabytes of old and new text on each keystroke (4–8 ms of a 5 MB record's
 * keystroke). Recorded by the language server's text documents (lsp/edit-tracking-text-documents.ts) from the
 * ranges the editor sends; read by the document factory.
 *
 * A span says: since `base`, every change lay after the first `start` characters and before the last `suffix`
 * ones. That stays true of every text between `base` and now, so a span is valid for the parse being replaced
 * exactly when that parse read `base` itself: the factory checks that, and otherwise compares texts as before.
 */
export interface EditSpan {
  /** The text before the first change of the span (the same string object the last parse read, if valid). */
  readonly base: string;
  /** Characters at the start unchanged by every change of the span. */
  readonly start: number;
  /** Characters at the end unchanged by every change of the span. */
  readonly suffix: number;
}

/** The text documents of the language server give the edit span of a document; the CLI has none. */
export interface EditSpanSource {
  /** The span of the edits since `parsedText` was read, or undefined if unknown; forgets it either way. */
  takeEditSpan(document: object, parsedText: string): EditSpan | undefined;
}

export function isEditSpanSource(value: unknown): value is EditSpanSource {
  return typeof (value as Partial<EditSpanSource> | undefined)?.takeEditSpan === 'function';
}

/** The spans of documents being edited, keyed by the editor's text document object. */
export class EditSpans implements EditSpanSource {
  private readonly spans = new WeakMap<object, { base: string; start: number; suffix: number; known: boolean }>();

  /** Before a change: [start, end) of `before`, the document's text, is about to be replaced. */
  recordChange(document: object, before: string, start: number, end: number): void {
    const span = this.spans.get(document);
    const suffix = before.length - end;
    if (!span) this.spans.set(document, { base: before, start, suffix, known: start <= end && suffix >= 0 });
    else {
      span.start = Math.min(span.start, start);
      span.suffix = Math.min(span.suffix, suffix);
      if (!(start <= end && suffix >= 0)) span.known = false;
    }
  }

  /** Before a change that replaces the whole text: where it changed is unknown until the next parse. */
  recordReplacement(document: object, before: string): void {
    const span = this.spans.get(document);
    if (span) span.known = false;
    else this.spans.set(document, { base: before, start: 0, suffix: 0, known: false });
  }

  takeEditSpan(document: object, parsedText: string): EditSpan | undefined {
    const span = this.spans.get(document);
    if (!span) return undefined;
    this.spans.delete(document);
    // `===` on the same string object is a pointer comparison; another object of another length fails at once.
    return span.known && span.base === parsedText ? { base: span.base, start: span.start, suffix: span.suffix } : undefined;
  }
}

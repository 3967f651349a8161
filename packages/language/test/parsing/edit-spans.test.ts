import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { EditTrackingTextDocuments } from '../../src/lsp/edit-tracking-text-documents.js';
import { EditSpans } from '../../src/parser/edit-spans.js';

const RECORD = 'note 2021-10-05 by sw about amelia {\n  text: """Seen at school."""\n}\n';

/** A text document as the server holds it, and the editor's text documents that change it. */
function opened(text = RECORD) {
  const documents = new EditTrackingTextDocuments();
  const document = TextDocument.create('file:///scratch/a.case', 'caserec', 1, text);
  const type = (offset: number, deleteCount: number, insert: string) => {
    const range = { start: document.positionAt(offset), end: document.positionAt(offset + deleteCount) };
    documents.update(document, [{ range, text: insert }], document.version + 1);
  };
  return { documents, document, type };
}

/** What the span claims: the old and new texts agree on the first `start` and the last `suffix` characters. */
function holds(span: { start: number; suffix: number }, before: string, after: string): boolean {
  return (
    before.slice(0, span.start) === after.slice(0, span.start) &&
    before.slice(before.length - span.suffix) === after.slice(after.length - span.suffix) &&
    span.start + span.suffix <= Math.min(before.length, after.length)
  );
}

describe('edit spans: where the editor changed a text since it was parsed', () => {
  it('a keystroke gives its own position, with everything after it unchanged', () => {
    const { documents, document, type } = opened();
    const parsed = document.getText();
    const at = RECORD.indexOf('school');
    type(at, 0, 'the ');
    const span = documents.takeEditSpan(document, parsed)!;
    expect(span).toMatchObject({ start: at, suffix: RECORD.length - at });
    expect(holds(span, parsed, document.getText())).toBe(true);
  });

  it('several changes before a parse give one span covering them all, whatever their order', () => {
    const { documents, document, type } = opened();
    const parsed = document.getText();
    type(RECORD.indexOf('school'), 6, 'home');
    type(RECORD.indexOf('2021'), 0, ' ');
    type(document.getText().indexOf('}'), 0, '\n');
    const span = documents.takeEditSpan(document, parsed)!;
    expect(span.start).toBe(RECORD.indexOf('2021'));
    expect(span.suffix).toBe(RECORD.length - RECORD.indexOf('}'));
    expect(holds(span, parsed, document.getText())).toBe(true);
  });

  it('two changes in one notification are read in turn, each against the text the one before left', () => {
    const { documents, document } = opened();
    const parsed = document.getText();
    const first = { range: { start: document.positionAt(0), end: document.positionAt(4) }, text: 'visit' };
    // In the text after the first change, "amelia" has moved one character on.
    const ameliaAfterFirst = RECORD.indexOf('amelia') + 1;
    const second = { range: { start: document.positionAt(ameliaAfterFirst), end: document.positionAt(ameliaAfterFirst + 6) }, text: 'ava' };
    documents.update(document, [first, second], 2);
    expect(document.getText().startsWith('visit 2021-10-05 by sw about ava {')).toBe(true);
    const span = documents.takeEditSpan(document, parsed)!;
    expect(span).toMatchObject({ start: 0, suffix: RECORD.length - RECORD.indexOf('amelia') - 6 });
    expect(holds(span, parsed, document.getText())).toBe(true);
  });

  it('is taken once: the next parse starts a new span', () => {
    const { documents, document, type } = opened();
    const parsed = document.getText();
    type(0, 0, ' ');
    expect(documents.takeEditSpan(document, parsed)).toBeDefined();
    expect(documents.takeEditSpan(document, parsed)).toBeUndefined();
  });

  it('is refused for any other text than the one its first change was made to (a parse that never took it)', () => {
    const { documents, document, type } = opened();
    const parsed = document.getText();
    type(0, 0, 'x');
    const readByAnotherParse = document.getText();
    type(5, 0, 'y');
    expect(documents.takeEditSpan(document, readByAnotherParse)).toBeUndefined();
    type(7, 0, 'z');
    // A later span, made since `readByAnotherParse`'s successor, is no span for the original text either.
    expect(documents.takeEditSpan(document, parsed)).toBeUndefined();
  });

  it('is unknown after a change that sends the whole text, until the next parse', () => {
    const { documents, document, type } = opened();
    const parsed = document.getText();
    type(0, 0, ' ');
    documents.update(document, [{ text: RECORD + '\n' }], 3);
    type(0, 0, ' ');
    expect(documents.takeEditSpan(document, parsed)).toBeUndefined();
    const reparsed = document.getText();
    type(1, 0, 'x');
    expect(documents.takeEditSpan(document, reparsed)).toMatchObject({ start: 1 });
  });

  it('keeps documents apart', () => {
    const spans = new EditSpans();
    const a = {};
    const b = {};
    spans.recordChange(a, 'abcdef', 2, 3);
    expect(spans.takeEditSpan(b, 'abcdef')).toBeUndefined();
    expect(spans.takeEditSpan(a, 'abcdef')).toEqual({ base: 'abcdef', start: 2, suffix: 3 });
  });
});

import { EmptyFileSystem } from 'langium';
import { expectCompletion } from 'langium/test';
import type { CompletionItem, CompletionList } from 'vscode-languageserver';
import { InsertTextFormat } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import { createCaserecLspServices } from '../../src/lsp/index.js';
import { ENTRY_KINDS, CONSENT, STRATEGY_DECISIONS, CONTACT_OUTCOMES, SIGNIFICANCE } from '../../src/index.js';
import { todayIso } from '../../src/time/index.js';

/**
 * Completion offers what fits where the cursor is (language.md): entry templates where an entry may start,
 * people of the right kind, the values an enumerated field allows, the kind's fields, and today's date.
 * `<|>` marks the cursor.
 */
const services = createCaserecLspServices(EmptyFileSystem).Caserec;
const complete = expectCompletion(services);

const CASE = `case "SG-900002" {
  child amy "Amy Test" born 2015-01-01
  child bo "Bo Test" born 2019-06-01
  adult mum "Mia Test" relationship "mother"
  worker sw "Sue Worker" role social-worker
  worker tm "Tom Manager" role team-manager
  agency pol "Midshire Police"
}
`;

/** The labels offered at the cursor. */
async function labelsAt(text: string): Promise<string[]> {
  let labels: string[] = [];
  await complete({
    text,
    index: 0,
    assert: (list: CompletionList) => {
      labels = list.items.map((item) => item.label);
    },
    disposeAfterCheck: true,
  });
  return labels;
}

async function itemsAt(text: string): Promise<CompletionItem[]> {
  let items: CompletionItem[] = [];
  await complete({ text, index: 0, assert: (list: CompletionList) => (items = list.items), disposeAfterCheck: true });
  return items;
}

describe('completion', () => {
  it('offers a template for every kind of entry where an entry may start', async () => {
    const items = await itemsAt(CASE + '\n<|>');
    const templates = items.filter((item) => item.insertTextFormat === InsertTextFormat.Snippet);
    expect(templates.map((item) => item.label).sort()).toEqual(
      Object.values(ENTRY_KINDS)
        .map((kind) => kind.keyword)
        .sort(),
    );
    const visit = templates.find((item) => item.label === 'visit')!;
    // Filled with the case's people: workers after `by`, children after `to`.
    expect(visit.insertText).toMatch(/^visit \$\{1:\d{4}-\d{2}-\d{2}\} \$\{2:\d{2}:\d{2}\} by \$\{3\|sw,tm\|\} to \$\{4\|amy,bo\|\} \{\n/);
    expect(visit.insertText).toContain('child-voice: """${');
    expect(visit.insertText).toContain('observations: """${');
  });

  it('offers workers after "by" and children after "to" and "about"', async () => {
    expect(await labelsAt(CASE + 'visit 2021-01-04 by <|>')).toEqual(['sw', 'tm']);
    expect(await labelsAt(CASE + 'visit 2021-01-04 by sw to <|>')).toEqual(['amy', 'bo']);
    expect(await labelsAt(CASE + 'contact 2021-01-04 from pol about <|>')).toEqual(['amy', 'bo']);
  });

  it('offers anyone as a source, and managers only after "authorised … by"', async () => {
    expect((await labelsAt(CASE + 'contact 2021-01-04 from <|>')).sort()).toEqual(['amy', 'bo', 'mum', 'pol', 'sw', 'tm']);
    const assessment = CASE + 'assessment 2021-01-04 about amy {\n  completed 2021-02-01\n  authorised 2021-02-02 by <|>';
    expect(await labelsAt(assessment)).toEqual(['tm']);
  });

  it('offers the values an enumerated field allows, from ENTRY_KINDS', async () => {
    expect(await labelsAt(CASE + 'contact 2021-01-04 from pol about amy {\n  consent: <|>')).toEqual([...CONSENT]);
    expect(await labelsAt(CASE + 'strategy-discussion 2021-01-04 about amy chair tm {\n  decision: <|>')).toEqual([...STRATEGY_DECISIONS]);
    expect(await labelsAt(CASE + 'contact 2021-01-04 from pol about amy {\n  decision 2021-01-04 by tm: <|>')).toEqual([
      ...CONTACT_OUTCOMES,
    ]);
    expect(await labelsAt(CASE + 'event 2021-01-04 about amy source pol significance <|>')).toEqual([...SIGNIFICANCE]);
  });

  it("offers the kind's fields and statements inside its braces, not another kind's", async () => {
    const labels = await labelsAt(CASE + 'visit 2021-01-04 by sw to amy {\n  observations: """x"""\n  <|>');
    expect(labels).toEqual(expect.arrayContaining(['child-voice', 'seen-alone', 'not-alone']));
    expect(labels).not.toContain('observations'); // already written
    expect(labels).not.toContain('attendees'); // a field of other kinds
    expect(labels).not.toContain('completed');
  });

  it('offers nothing inside a text block, a string or a comment', async () => {
    expect(await labelsAt(CASE + 'visit 2021-01-04 by sw to amy {\n  observations: """She said: <|>"""\n}\n')).toEqual([]);
    expect(await labelsAt(CASE + 'visit 2021-01-04 by sw to amy {\n  observations: """Unclosed, by <|>')).toEqual([]);
    expect(await labelsAt(CASE + 'conference 2021-01-04 about amy kind initial chair "Chair: <|>"\n')).toEqual([]);
    expect(await labelsAt(CASE + '// a note about <|>\n')).toEqual([]);
  });

  it("offers today's date where a date is expected", async () => {
    expect(await labelsAt(CASE + 'visit <|>')).toEqual([todayIso()]);
  });
});

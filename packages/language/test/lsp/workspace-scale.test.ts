import type { BuildOptions, LangiumDocument } from 'langium';
import { DefaultDocumentBuilder, EmptyFileSystem, URI } from 'langium';
import { describe, expect, it } from 'vitest';
import { createCaserecLspServices } from '../../src/lsp/index.js';

/**
 * What Langium asks of every document of the workspace on each keystroke is answered more cheaply (a folder may
 * hold thousands of records): the answers must be Langium's own.
 */

const CASE = (id: string) => `case "${id}" {\n  child amy "Amy Test" born 2015-01-01\n  worker sw "Sam Worker" role social-worker\n}\n`;

function workspace() {
  const { shared } = createCaserecLspServices(EmptyFileSystem);
  const documents = shared.workspace.LangiumDocuments;
  const add = (name: string, text: string) => {
    const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(`/scale/${name}`));
    documents.addDocument(document);
    return document;
  };
  return { shared, documents, add };
}

describe('a workspace of many records', () => {
  it('lists its documents as the tree of URIs holds them, after each addition and removal', () => {
    const { documents, add } = workspace();
    const listed = () => documents.all.map((d) => d.uri.toString()).toArray();
    const names = (...ns: string[]) => ns.map((n) => URI.file(`/scale/${n}`).toString());
    expect(listed()).toEqual([]);
    add('b.case', CASE('B'));
    add('a.case', CASE('A'));
    expect(listed().sort()).toEqual(names('a.case', 'b.case'));
    add('sub/c.case', CASE('C'));
    expect(listed().sort()).toEqual(names('a.case', 'b.case', 'sub/c.case'));
    documents.deleteDocument(URI.file('/scale/a.case'));
    expect(listed().sort()).toEqual(names('b.case', 'sub/c.case'));
    add('sub/d.case', CASE('D'));
    documents.deleteDocuments(URI.file('/scale/sub'));
    expect(listed()).toEqual(names('b.case'));
  });

  it("decides which documents' findings are incomplete exactly as Langium does", async () => {
    const { shared, add } = workspace();
    const builder = shared.workspace.DocumentBuilder as unknown as {
      resultsAreIncomplete(document: LangiumDocument, options: BuildOptions | undefined): boolean;
    };
    const langiums = DefaultDocumentBuilder.prototype as unknown as typeof builder;
    const built = add('built.case', CASE('X') + 'note 2023-01-04 by sw about amy {\n  text: """Rang."""\n}\n');
    const fast = add('fast.case', CASE('Y'));
    const never = add('never.case', CASE('Z'));
    await shared.workspace.DocumentBuilder.build([built], { validation: true });
    await shared.workspace.DocumentBuilder.build([fast], { validation: { categories: ['built-in', 'fast'] } });
    const optionsToTry: Array<BuildOptions | undefined> = [
      undefined,
      {},
      { validation: true },
      { validation: false },
      { validation: { categories: ['built-in', 'fast'] } },
      { validation: { categories: ['slow'] } },
      { validation: { categories: [] } },
      { validation: {} },
    ];
    let compared = 0;
    for (const document of [built, fast, never]) {
      for (const options of optionsToTry) {
        expect(builder.resultsAreIncomplete(document, options), `${document.uri.path} ${JSON.stringify(options)}`).toBe(
          langiums.resultsAreIncomplete.call(builder, document, options),
        );
        compared++;
      }
    }
    expect(compared).toBe(24);
    // The cases that tell the answers apart are among them.
    expect(builder.resultsAreIncomplete(fast, { validation: true })).toBe(true);
    expect(builder.resultsAreIncomplete(built, { validation: true })).toBe(false);
  });
});

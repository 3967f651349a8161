import type { BuildOptions, LangiumDocument } from 'langium';
import { DefaultDocumentBuilder, DocumentState, EmptyFileSystem, TextDocument, URI } from 'langium';
import { describe, expect, it } from 'vitest';
import type { Document, Note } from '../../src/index.js';
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

  it('a keystroke neither links nor checks the records of the folder that nobody opened', async () => {
    // As after opening a record while the folder loads: the folder's first build was cancelled, so its records
    // are parsed but not yet indexed or linked.
    const { shared, documents, add } = workspace();
    const folder = ['b.case', 'c.case', 'd.case'].map((name, i) =>
      add(name, CASE(`F${i}`) + 'referral 2023-01-05 from nowhere about amy {\n}\n'),
    );
    const uri = URI.file('/scale/open.case');
    const text = CASE('OPEN') + 'note 2023-01-04 by sw about amy {\n  text: """Rang."""\n}\n';
    const textDocument = TextDocument.create(uri.toString(), 'caserec', 1, text);
    shared.workspace.TextDocuments!.set(textDocument);
    documents.addDocument(shared.workspace.LangiumDocumentFactory.fromTextDocument(textDocument, uri));
    const builder = shared.workspace.DocumentBuilder;
    builder.updateBuildOptions = { validation: { categories: ['built-in', 'fast'] } };

    await builder.update([uri], []);
    const open = documents.getDocument(uri)!;
    expect(open.state).toBe(DocumentState.Validated);
    for (const document of folder) {
      // Indexed, so that another file of its case could find its names; not linked.
      expect(document.state, document.uri.path).toBeGreaterThanOrEqual(DocumentState.IndexedContent);
      expect(document.state, document.uri.path).toBeLessThan(DocumentState.Linked);
      expect(document.diagnostics, document.uri.path).toBeUndefined();
    }
    // The next keystroke leaves them as they are, and the open record first in the build.
    const states = folder.map((document) => document.state);
    await builder.update([uri], []);
    expect(folder.map((document) => document.state)).toEqual(states);
    const sortable = builder as unknown as { sortDocuments(documents: LangiumDocument[]): LangiumDocument[] };
    expect(sortable.sortDocuments([...folder, open])[0]).toBe(open);
    // "Validate workspace" (a build of them all) still checks them: the unknown `nowhere` is a linking error.
    await builder.build(folder, { validation: true });
    for (const document of folder) expect(document.diagnostics?.map((d) => d.message).join('\n')).toMatch(/nowhere/);
  });

  it("gathers a case's symbols again from the other files' kept lists when one file's names change", async () => {
    const { shared, documents, add } = workspace();
    const a = add('a.case', CASE('A'));
    const more = add('a-more.case', 'for case "A"\n\nnote 2023-01-04 by sw about amy {\n  text: """Rang."""\n}\n');
    const uri = URI.file('/scale/b.case');
    const open = (version: number, text: string) => {
      shared.workspace.TextDocuments!.set(TextDocument.create(uri.toString(), 'caserec', version, text));
    };
    open(1, CASE('B'));
    documents.addDocument(shared.workspace.LangiumDocumentFactory.fromTextDocument(shared.workspace.TextDocuments!.get(uri)!, uri));
    const builder = shared.workspace.DocumentBuilder;
    await builder.build(documents.all.toArray(), { validation: false });
    const provider = shared.ServiceRegistry.getServices(uri).references.ScopeProvider as unknown as {
      symbolsOfCase(caseId: string): Array<{ name: string }>;
    };
    const names = (caseId: string) => provider.symbolsOfCase(caseId).map((symbol) => symbol.name);
    const before = provider.symbolsOfCase('A');
    expect(names('A')).toEqual(['amy', 'sw']);
    expect(names('B')).toEqual(['amy', 'sw']);

    // Case B's child is renamed: B's names change, case A's files are not touched.
    open(2, CASE('B').replace('child amy "Amy Test"', 'child bea "Bea Test"'));
    await builder.update([uri], []);
    expect(names('B')).toEqual(['bea', 'sw']);
    const after = provider.symbolsOfCase('A');
    expect(after).not.toBe(before); // the exports changed, so the case's list is gathered again…
    expect(after).toHaveLength(before.length);
    after.forEach((symbol, i) => expect(symbol).toBe(before[i])); // …from A's kept local names
    expect(a.state).toBeGreaterThanOrEqual(DocumentState.Linked);
    const note = (more.parseResult.value as Document).entries[0] as Note;
    expect(note.children[0]!.ref?.name).toBe('amy');
  });
});

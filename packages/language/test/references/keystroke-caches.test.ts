import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LangiumDocument, ReferenceInfo } from 'langium';
import { CstUtils, EmptyFileSystem, URI } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import type { Document, Entry, SafetyPlan } from '../../src/index.js';
import { createCaserecLspServices } from '../../src/lsp/index.js';
import type { EditTrackingTextDocuments } from '../../src/lsp/edit-tracking-text-documents.js';
import type { LazyIndexManager } from '../../src/references/lazy-index-manager.js';

/**
 * What a keystroke keeps, and when it must not: the record's exported names and the scopes built from them
 * (kept while no name changed), the links of an entry that points at another entry (made again each time, to
 * the current node), and the per-node findings of such an entry (kept while its reference resolves to the very
 * node it did). Each is checked against what a fresh build of the same text gives.
 */

const REPO = join(import.meta.dirname, '..', '..', '..', '..');
const JONES = readFileSync(join(REPO, 'test/fixtures/contract/jones-family.case'), 'utf8');
/** A third plan that replaces sp2 and lacks its required parts: it has per-node findings of its own. */
const RECORD = JONES + '\nsafety-plan sp3 2021-12-20 for amelia replaces sp2 {\n}\n';

function editor(text: string) {
  const { shared, Caserec } = createCaserecLspServices(EmptyFileSystem);
  Caserec.caserec.Settings.asOf = '2023-03-10';
  shared.workspace.DocumentBuilder.updateBuildOptions = { validation: { categories: ['built-in', 'fast'] } };
  const textDocuments = shared.workspace.TextDocuments as EditTrackingTextDocuments;
  const uri = URI.file('/caserec-test/jones-family.case');
  const textDocument = TextDocument.create(uri.toString(), 'caserec', 1, text);
  textDocuments.set(textDocument);
  shared.workspace.LangiumDocuments.addDocument(shared.workspace.LangiumDocumentFactory.fromTextDocument(textDocument, uri));
  const document = () => shared.workspace.LangiumDocuments.getDocument(uri) as LangiumDocument<Document>;
  const index = shared.workspace.IndexManager as LazyIndexManager;
  return {
    Caserec,
    document,
    exports: () => new Map(index.exportsByDocument()).get(uri.toString()),
    plan: (name: string) => document().parseResult.value.entries.find((e): e is SafetyPlan => e.$type === 'SafetyPlan' && e.name === name)!,
    build: () => shared.workspace.DocumentBuilder.build([document()], { validation: { categories: ['built-in', 'fast'] } }),
    /** Replaces the first `find` after `after` by `replace`, as an editor's ranged change. */
    async type(after: string, find: string, replace: string) {
      const current = textDocuments.get(uri.toString())!;
      const text = current.getText();
      const at = text.indexOf(find, text.indexOf(after));
      expect(at).toBeGreaterThan(0);
      const range = { start: current.positionAt(at), end: current.positionAt(at + find.length) };
      textDocuments.update(current, [{ range, text: replace }], current.version + 1);
      await shared.workspace.DocumentBuilder.update([uri], []);
      return text.slice(0, at) + replace + text.slice(at + find.length);
    },
  };
}

async function freshDiagnostics(text: string): Promise<string[]> {
  const fresh = editor(text);
  await fresh.build();
  return findingLines(fresh.document().diagnostics);
}

function findingLines(diagnostics: readonly Diagnostic[] | undefined): string[] {
  return (diagnostics ?? []).map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code} ${d.message}`).sort();
}

function findingsIn(entry: Entry, diagnostics: readonly Diagnostic[] | undefined): Diagnostic[] {
  const { start, end } = entry.$cstNode!.range;
  return (diagnostics ?? []).filter((d) => d.range.start.line >= start.line && d.range.start.line <= end.line);
}

describe('what a keystroke keeps', () => {
  it('typing in an entry without a name keeps the exports and the scopes; where a name sits is read live', async () => {
    const record = editor(RECORD);
    await record.build();
    const exports = record.exports();
    const sp2 = record.plan('sp2');
    const info: ReferenceInfo = { reference: sp2.replaces!, container: sp2, property: 'replaces' };
    const scope = record.Caserec.references.ScopeProvider.getScope(info);
    const sp1Line = record.plan('sp1').$cstNode!.range.start.line;

    // A new line in a visit's observations, above both plans.
    const text = await record.type('police officer.', 'police officer.', 'police officer.\n  Typed.');
    expect(record.exports()).toBe(exports);
    expect(record.Caserec.references.ScopeProvider.getScope(info)).toBe(scope);
    const description = exports!.find((d) => d.name.endsWith('::sp2'))!;
    expect(description.node).toBe(sp2);
    const nameNode = record.Caserec.references.NameProvider.getNameNode(sp2)!;
    expect(description.nameSegment!.range).toEqual(nameNode.range);
    expect(description.selectionSegment!.range).toEqual(CstUtils.toDocumentSegment(sp2.$cstNode!).range);
    expect(description.path).toBe(record.Caserec.workspace.AstNodeLocator.getAstNodePath(sp2));
    expect(record.plan('sp1').$cstNode!.range.start.line).toBe(sp1Line);
    expect(findingLines(record.document().diagnostics)).toEqual(await freshDiagnostics(text));
  });

  it('renaming a plan makes new exports, and the plan that replaced it no longer resolves, as in a fresh build', async () => {
    const record = editor(RECORD);
    await record.build();
    const exports = record.exports();
    const text = await record.type('safety-plan sp1', 'sp1', 'spx');
    expect(record.exports()).not.toBe(exports);
    expect(record.plan('sp2').replaces?.ref).toBeUndefined();
    const diagnostics = findingLines(record.document().diagnostics);
    expect(diagnostics.some((d) => d.includes('CR002') && d.includes('"sp1"'))).toBe(true);
    expect(diagnostics).toEqual(await freshDiagnostics(text));
  });

  it('an edit inside the replaced plan links the plan that replaced it to the new node', async () => {
    const record = editor(RECORD);
    await record.build();
    const oldSp1 = record.plan('sp1');
    const sp2 = record.plan('sp2');
    expect(sp2.replaces?.ref).toBe(oldSp1);
    await record.type('safety-plan sp1', '{', '{\n  // typed');
    const newSp1 = record.plan('sp1');
    expect(newSp1).not.toBe(oldSp1);
    // sp2 was not touched by the edit: the same node, linked again.
    expect(record.plan('sp2')).toBe(sp2);
    expect(sp2.replaces?.ref).toBe(newSp1);
  });

  it('an entry that points at another entry keeps its per-node findings while that entry is the same node', async () => {
    const record = editor(RECORD);
    await record.build();
    const sp3 = record.plan('sp3');
    const before = findingsIn(sp3, record.document().diagnostics);
    expect(before.length).toBeGreaterThan(0);

    // Elsewhere: sp3 and sp2 (its target) are the same nodes, so sp3's findings are the same objects.
    await record.type('police officer.', 'police officer.', 'police officers.');
    const kept = findingsIn(sp3, record.document().diagnostics);
    expect(kept).toHaveLength(before.length);
    kept.forEach((finding, i) => expect(finding).toBe(before[i]));

    // Inside sp2: sp3 now points at a new node and is checked again (same findings, new objects).
    const text = await record.type('safety-plan sp2', 'review-by', 'review-by ');
    expect(record.plan('sp3')).toBe(sp3);
    const checked = findingsIn(sp3, record.document().diagnostics);
    expect(findingLines(checked)).toEqual(findingLines(before));
    checked.forEach((finding, i) => expect(finding).not.toBe(before[i]));
    expect(findingLines(record.document().diagnostics)).toEqual(await freshDiagnostics(text));
  });
});

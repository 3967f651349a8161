import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AstNode, CstNode, LangiumDocument, ParseResult } from 'langium';
import { EmptyFileSystem, isAstNode, isReference, URI } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import { createCaserecLspServices } from '../../src/lsp/index.js';
import type { EditTrackingTextDocuments } from '../../src/lsp/edit-tracking-text-documents.js';
import type { Document } from '../../src/index.js';
import { incrementalStats, parseIncrementally } from '../../src/parser/incremental-parse.js';
import { edit, random } from './random-edits.js';

/**
 * Incremental parsing must be invisible: after any edit, the spliced tree and the findings equal those of a
 * full parse and build of the new text. Thousands of seeded random edits, applied in chains to real records
 * (so that splices build on splices), are each compared with a fresh parse; a share of them also with the
 * diagnostics of a fresh build in a separate workspace.
 */

const REPO = join(import.meta.dirname, '..', '..', '..', '..');
const fixture = (path: string) => readFileSync(join(REPO, path), 'utf8');

const RECORDS = {
  jones: { files: { 'jones-family.case': fixture('test/fixtures/contract/jones-family.case') }, edited: 'jones-family.case' },
  morgan: {
    files: {
      'case.case': fixture('test/fixtures/contract/morgan-case/case.case'),
      '2022-records.case': fixture('test/fixtures/contract/morgan-case/2022-records.case'),
    },
    edited: '2022-records.case',
  },
  // An edit of the case block reparses its file in full; the other file keeps its tree and must drop every
  // link and kept finding made against the old case block.
  'morgan case block': {
    files: {
      'case.case': fixture('test/fixtures/contract/morgan-case/case.case'),
      '2022-records.case': fixture('test/fixtures/contract/morgan-case/2022-records.case'),
    },
    edited: 'case.case',
  },
};

function changeStart(before: string, after: string): number {
  let i = 0;
  while (i < before.length && i < after.length && before.charCodeAt(i) === after.charCodeAt(i)) i++;
  return i;
}

function changeSuffix(before: string, after: string, start: number): number {
  let i = 0;
  while (
    i < Math.min(before.length, after.length) - start &&
    before.charCodeAt(before.length - 1 - i) === after.charCodeAt(after.length - 1 - i)
  )
    i++;
  return i;
}

/** The edit as an editor sends it: the range of `before` that changed and the text that replaced it. */
function rangedChange(before: string, after: string) {
  const start = changeStart(before, after);
  const suffix = changeSuffix(before, after, start);
  const document = TextDocument.create('file:///scratch', 'caserec', 1, before);
  return {
    range: { start: document.positionAt(start), end: document.positionAt(before.length - suffix) },
    text: after.slice(start, after.length - suffix),
  };
}

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`broken tree: ${what}`);
}

/** Everything a parse produces that later phases read: the AST, its CST with positions, and the errors. */
function describeParse(result: ParseResult<Document>): unknown {
  const ids = new Map<unknown, number>();
  const idOf = (grammar: unknown) => {
    if (!ids.has(grammar)) ids.set(grammar, ids.size);
    return ids.get(grammar);
  };
  const cst = (node: CstNode): unknown => {
    const content = (node as unknown as { content?: CstNode[] }).content;
    const base = [node.offset, node.end, node.range.start.line, node.range.start.character, node.range.end.line, node.range.end.character];
    if (content) {
      for (const child of content) check(child.container === node, 'a CST child points to its container');
      return [...base, idOf(node.grammarSource), content.map(cst)];
    }
    return [...base, node.hidden, (node as unknown as { tokenType: { name: string } }).tokenType.name, idOf(node.grammarSource)];
  };
  const ast = (node: AstNode): unknown => {
    check(node.$cstNode?.astNode === node, 'an AST node and its CST node point to each other');
    const out: Record<string, unknown> = { $type: node.$type, $cst: [node.$cstNode?.offset, node.$cstNode?.end] };
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('$')) continue;
      const one = (item: unknown, index?: number): unknown => {
        if (isAstNode(item)) {
          check(item.$container === node && item.$containerProperty === key, 'an AST node points to its container');
          check(index === undefined || item.$containerIndex === index, 'an AST node knows its index');
          return ast(item);
        }
        if (isReference(item)) return { ref: item.$refText, at: item.$refNode?.offset };
        return item;
      };
      out[key] = Array.isArray(value) ? value.map((item, index) => one(item, index)) : one(value);
    }
    return out;
  };
  return {
    ast: ast(result.value),
    cst: result.value.$cstNode ? cst(result.value.$cstNode) : undefined,
    text: result.value.$cstNode?.root.fullText,
    lexerErrors: result.lexerErrors.map((e) => [e.offset, e.message]),
    parserErrors: result.parserErrors.map((e) => [e.token.startOffset, e.message]),
  };
}

function describeDiagnostics(diagnostics: readonly Diagnostic[] | undefined): string[] {
  return (diagnostics ?? [])
    .map(
      (d) =>
        `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${d.code} ${d.message}`,
    )
    .sort();
}

/** An editor's workspace: documents opened from text and changed through the text documents, as the server does. */
function editorWorkspace(files: Record<string, string>) {
  const { shared, Caserec } = createCaserecLspServices(EmptyFileSystem);
  Caserec.caserec.Settings.asOf = '2023-03-10';
  // Every rule on every change, as the server does with its default settings (rulesOnType).
  shared.workspace.DocumentBuilder.updateBuildOptions = { validation: true };
  const textDocuments = shared.workspace.TextDocuments as EditTrackingTextDocuments;
  const uris = new Map<string, URI>();
  for (const [name, text] of Object.entries(files)) {
    const uri = URI.file(`/caserec-test/${name}`);
    uris.set(name, uri);
    const textDocument = TextDocument.create(uri.toString(), 'caserec', 1, text);
    textDocuments.set(textDocument);
    shared.workspace.LangiumDocuments.addDocument(shared.workspace.LangiumDocumentFactory.fromTextDocument(textDocument, uri));
  }
  const document = (name: string) => shared.workspace.LangiumDocuments.getDocument(uris.get(name)!) as LangiumDocument<Document>;
  return {
    Caserec,
    document,
    async build() {
      await shared.workspace.DocumentBuilder.build(shared.workspace.LangiumDocuments.all.toArray(), { validation: true });
    },
    /** Changes a file as an editor does: the range that changed, through the server's text documents. */
    async change(name: string, text: string) {
      const textDocument = textDocuments.get(uris.get(name)!.toString())!;
      textDocuments.update(textDocument, [rangedChange(textDocument.getText(), text)], textDocument.version + 1);
      await shared.workspace.DocumentBuilder.update([uris.get(name)!], []);
    },
  };
}

/** The diagnostics of each file after a fresh parse and build of all the files, in a workspace of their own. */
async function freshDiagnostics(files: Record<string, string>): Promise<Record<string, string[]>> {
  const workspace = editorWorkspace(files);
  await workspace.build();
  return Object.fromEntries(Object.keys(files).map((name) => [name, describeDiagnostics(workspace.document(name).diagnostics)]));
}

/**
 * Edit chains on one record: each step is a random edit or, two times in five, an undo back to a text of up to
 * three steps before (damage is usually repaired soon; without undo one stray brace would leave the whole chain
 * on the full-parse path). Calls `check` with the text before and after each step.
 */
async function editChains(
  text: string,
  seeds: number,
  steps: number,
  check: (before: string, after: string, label: string, step: number) => Promise<void> | void,
) {
  for (let seed = 1; seed <= seeds; seed++) {
    const next = random(seed * 7919 + text.length);
    const history = [text];
    for (let step = 0; step < steps; step++) {
      const before = history[history.length - 1]!;
      let after: string;
      let what: string;
      if (history.length > 1 && next() < 0.4) {
        const back = Math.min(history.length - 1, 1 + Math.floor(next() * 3));
        after = history[history.length - 1 - back]!;
        what = `undo ${back}`;
      } else {
        ({ text: after, what } = edit(before, next));
      }
      history.push(after);
      await check(before, after, `seed ${seed} step ${step}: ${what}`, step);
    }
  }
}

const FILES = {
  'jones-family.case': RECORDS.jones.files['jones-family.case'],
  'morgan 2022-records.case': RECORDS.morgan.files['2022-records.case'],
  'examples/many-findings/price.case': fixture('examples/many-findings/price.case'),
};

describe('incremental parsing equals a full parse', () => {
  const { Caserec } = createCaserecLspServices(EmptyFileSystem);
  const parser = Caserec.parser.LangiumParser;

  for (const [name, original] of Object.entries(FILES)) {
    it(`after each of 1,500 random edits of ${name}, the tree, positions and errors equal a full parse`, async () => {
      let spliced = 0;
      let edits = 0;
      let cleanToClean = 0;
      const widening = random(4242);
      const spansGiven = incrementalStats.spanFromEditor;
      // The tree the editor holds: spliced when the splice was possible, else the full parse.
      let current = parser.parse<Document>(original);
      let currentText = original;
      await editChains(original, 50, 30, (before, after, label) => {
        if (before !== currentText) current = parser.parse<Document>(before);
        const clean = current.lexerErrors.length === 0 && current.parserErrors.length === 0;
        const fresh = parser.parse<Document>(after);
        // Edits alternate: no span (the texts are compared), the exact span an editor's change gives, and a span
        // wider by up to 200 characters each side (several changes before one parse, as the text documents note).
        const exactStart = changeStart(before, after);
        const exactSuffix = changeSuffix(before, after, exactStart);
        const widen = () => Math.floor(widening() * 200);
        const kind = edits % 3;
        const span =
          kind === 0
            ? undefined
            : kind === 1
              ? { start: exactStart, suffix: exactSuffix }
              : { start: Math.max(0, exactStart - widen()), suffix: Math.max(0, exactSuffix - widen()) };
        const outcome = parseIncrementally(parser, current, before, after, span);
        edits++;
        const header = current.value.caseDecl?.$cstNode ?? current.value.forCase?.$cstNode;
        const afterHeader = exactStart > (header?.end ?? -1);
        // A widened span may reach a neighbour's line or the case header, which is parsed in full by design.
        const cleanEdit = clean && afterHeader && fresh.lexerErrors.length === 0 && fresh.parserErrors.length === 0;
        if (cleanEdit && kind !== 2) cleanToClean++;
        if ('result' in outcome) {
          if (kind !== 2) spliced++;
          expect(describeParse(outcome.result), `${name} ${label}`).toEqual(describeParse(fresh));
          current = outcome.result;
        } else {
          current = fresh;
        }
        currentText = after;
      });
      expect(edits).toBe(1500);
      // Two edits in three came with a span; it is read only after an old tree without syntax errors.
      expect(incrementalStats.spanFromEditor - spansGiven).toBeGreaterThan(100);
      // The splice must carry enough edits for this test to prove something, and nearly every edit below the
      // case block between texts without syntax errors (the ones an editor mostly sees; an edit of the case
      // block, or one that leaves a syntax error, is parsed in full by design), widened spans aside.
      expect(spliced).toBeGreaterThan(140);
      expect(spliced / cleanToClean).toBeGreaterThan(0.95);
    }, 120_000);
  }

  for (const record of ['jones', 'morgan', 'morgan case block'] as const) {
    it(`through the document builder, the findings after each edit of the ${record} record equal a fresh build`, async () => {
      const { files, edited } = RECORDS[record];
      const before = incrementalStats.spliced;
      const spansBefore = incrementalStats.spanFromEditor;
      const original = files[edited as keyof typeof files] as string;
      let workspace = editorWorkspace(files);
      await workspace.build();
      let edits = 0;
      await editChains(original, 8, 20, async (_before, after, label, step) => {
        if (step === 0) {
          workspace = editorWorkspace(files);
          await workspace.build();
        }
        await workspace.change(edited, after);
        edits++;
        const document = workspace.document(edited);
        expect(describeParse(document.parseResult), `${record} ${label}`).toEqual(describeParse(parser.parse<Document>(after)));
        const all = { ...files, [edited]: after };
        const incremental = Object.fromEntries(
          Object.keys(all).map((name) => [name, describeDiagnostics(workspace.document(name).diagnostics)]),
        );
        expect(incremental, `${record} ${label}`).toEqual(await freshDiagnostics(all));
      });
      expect(edits).toBe(160);
      if (record !== 'morgan case block') {
        expect(incrementalStats.spliced - before).toBeGreaterThan(15);
        // The text documents gave the parser where each edit fell (a fresh workspace per chain, so not all).
        expect(incrementalStats.spanFromEditor - spansBefore).toBeGreaterThan(15);
      }
    }, 300_000);
  }
});

import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import { NodeFileSystem } from 'langium/node';
import { URI } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { encodeMessage, messageEncoder, primeFindings } from '../../src/lsp/message-encoder.js';
import { createCaserecServices } from '../../src/caserec-module.js';
import { createCaserecLspServices } from '../../src/lsp/index.js';
import type { EditTrackingTextDocuments } from '../../src/lsp/edit-tracking-text-documents.js';

function publication(uri: string, diagnostics: unknown[], version?: number) {
  return { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version, diagnostics } };
}

const finding = (line: number, message: string): Diagnostic => ({
  range: { start: { line, character: 2 }, end: { line, character: 9 } },
  severity: 2,
  code: 'CR305',
  source: 'caserec',
  message,
  data: { code: 'CR305', carried: true },
});

describe('the stdio message encoder', () => {
  it('writes a publication byte for byte as JSON.stringify does, the second time from the kept pieces', () => {
    const diagnostics: unknown[] = [
      finding(3, 'Visit overdue: “Amelia” not seen for 21 working days — see CR305'),
      finding(4, 'A line\nbreak, a tab\t, a quote " and a backslash \\'),
      { ...finding(5, 'no version, no tags'), tags: undefined, relatedInformation: [] },
      undefined,
      null,
      7,
    ];
    const message = publication('file:///records/cole%20family.case', diagnostics, 12);
    const expected = JSON.stringify(message);
    expect(encodeMessage(message).toString('utf8')).toBe(expected);
    expect(encodeMessage(message).toString('utf8')).toBe(expected);
    // The same findings in a later publication of another version, among new ones.
    const later = publication('file:///records/cole%20family.case', [finding(1, 'new'), ...diagnostics.slice(0, 2)], 13);
    expect(encodeMessage(later).toString('utf8')).toBe(JSON.stringify(later));
  });

  it('writes other messages, an empty publication and one without a version as JSON.stringify does', () => {
    const messages = [
      { jsonrpc: '2.0', id: 4, result: { contents: { kind: 'markdown', value: '**CR305** — visit overdue' } } },
      { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 1, message: 'caserec: …' } },
      publication('file:///a.case', []),
      publication('file:///a.case', [finding(0, 'x')]),
      // A URI that holds the encoder's own placeholder is written the plain way.
      publication('file:///\u0000caserec: findings\u0000.case', [finding(0, 'x')], 2),
    ];
    for (const message of messages) expect(encodeMessage(message).toString('utf8')).toBe(JSON.stringify(message));
  });

  it('keeps what a finding was when first published: findings must not be changed afterwards', () => {
    const kept = finding(2, 'as first published');
    encodeMessage(publication('file:///b.case', [kept], 1));
    kept.message = 'changed later';
    // Why the server never changes a published finding (and the protocol tests verify every publication).
    expect(encodeMessage(publication('file:///b.case', [kept], 2)).toString('utf8')).toContain('as first published');
  });

  it("makes findings' JSON ahead of publication, once each, only when it writes the messages, and stops when superseded", async () => {
    const ahead = [finding(10, 'a'), finding(11, 'b'), finding(12, 'c')];
    // Before the server has written anything through it (over IPC it never does), there is nothing to prepare.
    expect(await primeFindings(ahead)).toBe(0);
    await messageEncoder.encode(publication('file:///c.case', [], 1), { charset: 'utf-8' });
    expect(await primeFindings(ahead)).toBe(3);
    expect(await primeFindings(ahead)).toBe(0);
    const message = publication('file:///c.case', ahead, 2);
    expect(encodeMessage(message).toString('utf8')).toBe(JSON.stringify(message));
    // A later call stops an earlier one at its next slice.
    const many = Array.from({ length: 5 }, (_, i) => finding(20 + i, `many ${i}`));
    const earlier = primeFindings(many, 1);
    const later = primeFindings([finding(30, 'later')], 1);
    expect(await earlier).toBe(1);
    expect(await later).toBe(1);
  });

  it('gives the same bytes as JSON.stringify for the findings of the examples, published twice', async () => {
    const services = createCaserecServices(NodeFileSystem).Caserec;
    const examples = path.resolve(__dirname, '../../../../examples');
    const files = fs.readdirSync(examples, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.case'));
    expect(files.length).toBeGreaterThan(3);
    const documents = files.map((file) =>
      services.shared.workspace.LangiumDocumentFactory.fromString(
        fs.readFileSync(path.join(examples, file), 'utf8'),
        URI.file(path.join(examples, file)),
      ),
    );
    for (const document of documents) services.shared.workspace.LangiumDocuments.addDocument(document);
    await services.shared.workspace.DocumentBuilder.build(documents, { validation: true });
    let findings = 0;
    for (const document of documents) {
      const message = publication(document.uri.toString(), document.diagnostics ?? [], 1);
      findings += message.params.diagnostics.length;
      expect(encodeMessage(message).toString('utf8')).toBe(JSON.stringify(message));
      expect(encodeMessage({ ...message, params: { ...message.params, version: 2 } }).toString('utf8')).toBe(
        JSON.stringify({ ...message, params: { ...message.params, version: 2 } }),
      );
    }
    expect(findings).toBeGreaterThan(10);
  });
});

/** examples/many-findings/price.case opened in the server's services and checked whole, as on opening. */
async function openPrice() {
  const file = path.resolve(__dirname, '../../../../examples/many-findings/price.case');
  const { shared, Caserec } = createCaserecLspServices(NodeFileSystem);
  Caserec.caserec.Settings.asOf = '2023-03-10';
  const uri = URI.file(file);
  const textDocuments = shared.workspace.TextDocuments as EditTrackingTextDocuments;
  const textDocument = TextDocument.create(uri.toString(), 'caserec', 1, fs.readFileSync(file, 'utf8'));
  textDocuments.set(textDocument);
  const document = shared.workspace.LangiumDocumentFactory.fromTextDocument(textDocument, uri);
  shared.workspace.LangiumDocuments.addDocument(document);
  await shared.workspace.DocumentBuilder.build([document], { validation: true });
  return { shared, uri, textDocuments, textDocument, document };
}

describe('findings kept across case passes', () => {
  it('are the same objects when unchanged, so their JSON is made once; a changed one is a new object', async () => {
    const { shared, uri, textDocuments, textDocument, document } = await openPrice();
    shared.workspace.DocumentBuilder.updateBuildOptions = { validation: true };
    const first = [...(document.diagnostics ?? [])];
    expect(first.length).toBeGreaterThan(10);

    // A word typed into the last line of the file: no finding above it moves or changes.
    const end = textDocument.positionAt(textDocument.getText().trimEnd().length);
    textDocuments.update(textDocument, [{ range: { start: end, end }, text: ' ' }], 2);
    await shared.workspace.DocumentBuilder.update([uri], []);
    const second = document.diagnostics ?? [];
    // Every finding of the second build that the first build had too is the first build's object.
    const firstByJson = new Map(first.map((d) => [JSON.stringify(d), d]));
    const same = second.filter((d) => firstByJson.has(JSON.stringify(d)));
    expect(same.length).toBeGreaterThan(10);
    for (const d of same) expect(d).toBe(firstByJson.get(JSON.stringify(d)));
    // An insertion of a line near the top: every finding below it moves, so each is a new object.
    const top = { line: 18, character: 0 };
    textDocuments.update(textDocument, [{ range: { start: top, end: top }, text: '\n' }], 3);
    await shared.workspace.DocumentBuilder.update([uri], []);
    const third = document.diagnostics ?? [];
    const moved = third.filter((d) => d.range.start.line > 18);
    expect(moved.length).toBeGreaterThan(10);
    for (const d of moved) expect(second).not.toContain(d);
    // Kept or new, each is as a fresh build of the same text gives it.
    const fresh = createCaserecLspServices(NodeFileSystem);
    fresh.Caserec.caserec.Settings.asOf = '2023-03-10';
    const again = fresh.shared.workspace.LangiumDocumentFactory.fromString(textDocument.getText(), uri);
    fresh.shared.workspace.LangiumDocuments.addDocument(again);
    await fresh.shared.workspace.DocumentBuilder.build([again], { validation: true });
    expect(JSON.stringify(third)).toBe(JSON.stringify(again.diagnostics));
  });

  it('moved by a new line, stay the same objects on each keystroke after it until the case pass', async () => {
    const { shared, uri, textDocuments, textDocument, document } = await openPrice();
    // Keystrokes as the server checks them: per-entry checks, the case pass's findings carried along.
    shared.workspace.DocumentBuilder.updateBuildOptions = { validation: { categories: ['built-in', 'fast'] } };
    const type = async (position: { line: number; character: number }, insert: string, version: number) => {
      textDocuments.update(textDocument, [{ range: { start: position, end: position }, text: insert }], version);
      await shared.workspace.DocumentBuilder.update([uri], []);
      return [...(document.diagnostics ?? [])];
    };
    // A new line between the first two entries (below the case block, so the parse is spliced).
    const afterNewLine = await type({ line: 32, character: 0 }, '\n', 2);
    // Then a key typed into the entry above it: every finding below stays where the new line moved it.
    const afterKey = await type({ line: 30, character: 12 }, 'x', 3);
    const moved = afterNewLine.filter((d) => d.range.start.line > 33);
    expect(moved.length).toBeGreaterThan(10);
    expect(moved.some((d) => (d.data as { carried?: boolean }).carried)).toBe(true);
    expect(moved.some((d) => !(d.data as { carried?: boolean }).carried)).toBe(true);
    for (const d of moved) expect(afterKey).toContain(d);
  });
});

// Where a keystroke's rebuild goes, in process: opens a record in the language server's services (no
// connection), types into a prose block one character at a time through the text documents, as the server
// does, and prints the median time of each build phase per edit, and how many edits were spliced.
//   node scripts/bench/edit-phases.mjs FILE.case [--edits N] [--as-of D] [--fast-only] [--profile-edits OUT.cpuprofile]
//                                      [--workspace DIR]
// --workspace loads every .case file under DIR beside the record first, as an editor does with its folder open.
// --profile-edits writes a CPU profile of the edits alone (not of the first build).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LANGUAGE_OUT, median, nowMs, round } from './lib.mjs';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const opt = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const edits = Number(opt('--edits', '30'));
await import(pathToFileURL(path.join(LANGUAGE_OUT, 'polyfill.js')).href);
const { createCaserecLspServices } = await import(pathToFileURL(path.join(LANGUAGE_OUT, 'lsp/index.js')).href);
const { incrementalStats } = await import(pathToFileURL(path.join(LANGUAGE_OUT, 'parser/incremental-parse.js')).href);
const langium = await import('langium');
const { TextDocument } = await import('vscode-languageserver-textdocument');

const { shared, Caserec } = createCaserecLspServices(langium.EmptyFileSystem);
Caserec.caserec.Settings.asOf = opt('--as-of', '2040-01-01');
shared.workspace.DocumentBuilder.updateBuildOptions = args.includes('--fast-only')
  ? { validation: { categories: ['built-in', 'fast'] } }
  : { validation: true };
const builder = shared.workspace.DocumentBuilder;
let text = fs.readFileSync(file, 'utf8');
const uri = langium.URI.file(path.resolve(file));
const textDocument = TextDocument.create(uri.toString(), 'caserec', 1, text);
shared.workspace.TextDocuments.set(textDocument);
const document = shared.workspace.LangiumDocumentFactory.fromTextDocument(textDocument, uri);
shared.workspace.LangiumDocuments.addDocument(document);
const others = [];
const workspaceDir = opt('--workspace');
if (workspaceDir) {
  for (const name of fs
    .readdirSync(workspaceDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.case'))
    .sort()) {
    const absolute = path.resolve(workspaceDir, name);
    const other = shared.workspace.LangiumDocumentFactory.fromString(fs.readFileSync(absolute, 'utf8'), langium.URI.file(absolute));
    shared.workspace.LangiumDocuments.addDocument(other);
    others.push(other);
  }
}
await builder.build([document, ...others], { validation: true });
if (workspaceDir) console.log(`workspace: ${others.length} other files loaded and built`);

const phases = {};
let mark = 0;
const names = { 1: 'parse', 2: 'index content', 3: 'scopes', 4: 'link', 5: 'index refs', 6: 'validate' };
for (const state of [1, 2, 3, 4, 5, 6]) {
  builder.onBuildPhase(state, () => {
    const now = nowMs();
    (phases[names[state]] ??= []).push(now - mark);
    mark = now;
  });
}
const profileOut = opt('--profile-edits');
let session;
if (profileOut) {
  const { Session } = await import('node:inspector/promises');
  session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
}
let cursor = text.indexOf('observations: """', Math.floor(text.length / 2)) + 'observations: """'.length;
const totals = [];
const before = incrementalStats.spliced;
const spansBefore = incrementalStats.spanFromEditor;
for (let i = 0; i < edits; i++) {
  text = text.slice(0, cursor) + 'x' + text.slice(cursor);
  // As the server receives it: the range typed into, through the server's text documents.
  const at = textDocument.positionAt(cursor);
  shared.workspace.TextDocuments.update(textDocument, [{ range: { start: at, end: at }, text: 'x' }], textDocument.version + 1);
  cursor++;
  const start = nowMs();
  mark = start;
  await builder.update([uri], []);
  totals.push(nowMs() - start);
}
if (session) {
  const { profile } = await session.post('Profiler.stop');
  fs.writeFileSync(profileOut, JSON.stringify(profile));
}
console.log(
  `${path.basename(file)}: ${edits} edits, ${incrementalStats.spliced - before} spliced (${incrementalStats.spanFromEditor - spansBefore} where the edit's range gave the span); median ms per phase:`,
);
for (const [name, values] of Object.entries(phases)) console.log(`  ${name.padEnd(14)} ${round(median(values))}`);
console.log(`  ${'total'.padEnd(14)} ${round(median(totals))}`);
const sorted = [...totals].sort((a, b) => a - b);
console.log(
  `  total p95 ${round(sorted[Math.ceil(sorted.length * 0.95) - 1])}, max ${round(sorted.at(-1))}; slowest edits: ${sorted
    .slice(-5)
    .map((ms) => round(ms))
    .join(', ')}`,
);

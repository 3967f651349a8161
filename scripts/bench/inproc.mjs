// In-process measurements of one record, run by run.mjs in a fresh `node --expose-gc` child per record so
// that heap and RSS figures belong to that record alone:
//   node --expose-gc scripts/bench/inproc.mjs '{"file":"…","json":"…","asOf":"…","runs":5,"mode":"throughput"}'
// mode "throughput": lexing, parsing and full validation (with the time of each build phase) against
// JSON.parse of the JSON encoding of the same records; mode "memory": one build, documents held, retained
// heap and peak RSS.
import * as fs from 'node:fs';
import { NodeFileSystem } from 'langium/node';
import { importLanguage, median, nowMs } from './lib.mjs';

const options = JSON.parse(process.argv[2]);
const language = await importLanguage();
const { createCaserecServices, validateFiles } = language;
const text = fs.readFileSync(options.file, 'utf8');
const bytes = Buffer.byteLength(text);

function services() {
  const { Caserec } = createCaserecServices(NodeFileSystem);
  Caserec.caserec.Settings.asOf = options.asOf;
  return Caserec;
}

/** Phases of one full build, in ms: parse (document creation), then each DocumentBuilder phase. */
async function fullBuild(Caserec) {
  const builder = Caserec.shared.workspace.DocumentBuilder;
  const marks = [];
  const names = ['IndexedContent', 'ComputedScopes', 'Linked', 'IndexedReferences', 'Validated'];
  const states = [2, 3, 4, 5, 6];
  const disposables = states.map((state, i) => builder.onBuildPhase(state, () => marks.push([names[i], nowMs()])));
  const cpuStart = process.cpuUsage();
  const t0 = nowMs();
  const { results, documents } = await validateFiles(Caserec, [{ path: options.file, absolute: options.file, text }]);
  const t1 = nowMs();
  const cpu = process.cpuUsage(cpuStart);
  for (const d of disposables) d.dispose();
  // Parsing happens in loadDocuments before the builder starts; the first mark ends indexing.
  const phases = {};
  let previous = t0;
  for (const [name, at] of marks) {
    phases[name] = at - previous;
    previous = at;
  }
  const diagnostics = results[0].diagnostics.length;
  return { totalMs: t1 - t0, cpuMs: (cpu.user + cpu.system) / 1000, phases, diagnostics, documents };
}

if (options.mode === 'memory') {
  const Caserec = services();
  // Warm up on the contract sample (another case) so that lazily built state (the parser, rule tables, the
  // calendar) is not counted as retained by the record.
  const warm = new URL('../../test/fixtures/contract/jones-family.case', import.meta.url);
  await validateFiles(Caserec, [{ path: 'warm.case', absolute: warm.pathname, text: fs.readFileSync(warm, 'utf8') }]);
  const { generateRecord } = await import('./corpus.mjs');
  const other = generateRecord({ seed: 999, targetBytes: 30_000 });
  await validateFiles(Caserec, [{ path: 'warm2.case', absolute: '/nonexistent/warm2.case', text: other.text }]);
  globalThis.gc();
  globalThis.gc();
  const before = process.memoryUsage().heapUsed;
  const held = await fullBuild(Caserec);
  globalThis.gc();
  globalThis.gc();
  const after = process.memoryUsage().heapUsed;
  // For comparison: the same records as JSON, parsed and held.
  const jsonText = fs.readFileSync(options.json, 'utf8');
  globalThis.gc();
  const beforeJson = process.memoryUsage().heapUsed;
  const heldJson = JSON.parse(jsonText);
  globalThis.gc();
  const jsonRetained = process.memoryUsage().heapUsed - beforeJson;
  const result = {
    jsonRetainedPerSourceByte: jsonRetained / Buffer.byteLength(jsonText),
    jsonHeld: Array.isArray(heldJson.entries) ? heldJson.entries.length : 0,
    bytes,
    retainedBytes: after - before,
    retainedPerSourceByte: (after - before) / bytes,
    maxRssKb: process.resourceUsage().maxRSS,
    heldDocuments: held.documents.length,
  };
  process.stdout.write(JSON.stringify(result));
} else {
  const runs = options.runs ?? 3;
  const Caserec = services();
  const parser = Caserec.parser.LangiumParser;
  const lexer = Caserec.parser.Lexer;
  lexer.tokenize(text.slice(0, 5000));
  const lexMs = [];
  const parseMs = [];
  const buildMs = [];
  const buildCpuMs = [];
  const phaseRuns = [];
  let diagnostics = 0;
  let tokens = 0;
  let lexErrors = 0;
  let parseErrors = 0;
  // Lexer and parser warm-up (not counted) until about 2 MB has gone through, so that small records are measured
  // JIT-warm too; the build loop below then has one warm-up run of its own.
  for (let i = Math.min(20, Math.ceil(2_000_000 / bytes)); i > 0; i--) parser.parse(text);
  const warmups = 1;
  for (let i = 0; i < runs + warmups; i++) {
    globalThis.gc?.();
    let t = nowMs();
    const lexed = lexer.tokenize(text);
    const lex = nowMs() - t;
    tokens = lexed.tokens.length;
    lexErrors = lexed.errors.length;
    globalThis.gc?.();
    t = nowMs();
    const parsed = parser.parse(text);
    const parse = nowMs() - t;
    parseErrors = parsed.parserErrors.length + parsed.lexerErrors.length;
    const fresh = services();
    globalThis.gc?.();
    const build = await fullBuild(fresh);
    diagnostics = build.diagnostics;
    if (i < warmups) continue;
    lexMs.push(lex);
    parseMs.push(parse);
    buildMs.push(build.totalMs);
    buildCpuMs.push(build.cpuMs);
    phaseRuns.push(build.phases);
  }
  const json = fs.readFileSync(options.json, 'utf8');
  const jsonBytes = Buffer.byteLength(json);
  const jsonMs = [];
  for (let i = 0; i < Math.max(5, runs * 3); i++) {
    const t = nowMs();
    JSON.parse(json);
    jsonMs.push(nowMs() - t);
  }
  const phases = {};
  for (const name of Object.keys(phaseRuns[0] ?? {})) phases[name] = median(phaseRuns.map((p) => p[name]));
  process.stdout.write(
    JSON.stringify({
      bytes,
      jsonBytes,
      tokens,
      lexErrors,
      parseErrors,
      diagnostics,
      runs,
      lexMs: median(lexMs),
      parseMs: median(parseMs),
      buildMs: median(buildMs),
      buildCpuMs: median(buildCpuMs),
      jsonParseMs: median(jsonMs),
      // Best of the runs: on a busy machine the least disturbed run is the best estimate of the cost itself.
      best: {
        lexMs: Math.min(...lexMs),
        parseMs: Math.min(...parseMs),
        buildMs: Math.min(...buildMs),
        buildCpuMs: Math.min(...buildCpuMs),
        jsonParseMs: Math.min(...jsonMs),
      },
      phases,
    }),
  );
}

// Where the time goes. Two uses:
//   node scripts/bench/profile.mjs build FILE.case [--as-of D] [--runs N]
//       CPU-profiles N full builds (parse, index, link, validate) of FILE in process (node:inspector), after one
//       warm-up build, writes bench-out/profiles/build-*.cpuprofile and prints the hot spots.
//   node scripts/bench/profile.mjs summarise FILE.cpuprofile [--top N]
//       prints the hot spots of any V8 CPU profile (for example one written by the language server under
//       `node --cpu-prof`, see run.mjs --profile-server).
// Hot spots are reported three ways: by function (self time), by area (lexer, parser, linking, our rules, GC…)
// and by inclusive time of a few functions we care about (the scope provider, the token matchers, …).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Session } from 'node:inspector/promises';
import { NodeFileSystem } from 'langium/node';
import { OUT, importLanguage, round } from './lib.mjs';

/** Areas, matched against the script URL (and function name) of each profile node, first match wins. */
const AREAS = [
  ['GC', (n) => n.callFrame.functionName === '(garbage collector)'],
  ['(program)/(root)', (n) => ['(program)', '(root)'].includes(n.callFrame.functionName)],
  ['caserec token matchers (TEXT, UNKNOWN_START)', (n) => /parser\/token-builder\.js/.test(n.callFrame.url)],
  ['caserec scope provider', (n) => /references\/case-scope\.js/.test(n.callFrame.url)],
  ['caserec prose heuristics (rules/heuristics/)', (n) => /language\/out\/rules\/heuristics\//.test(n.callFrame.url)],
  ['caserec case rules (rules/, model/, time/)', (n) => /language\/out\/(rules|model|time|policy)\//.test(n.callFrame.url)],
  ['caserec validation (records checks, document validator)', (n) => /language\/out\/(validation|engine)\//.test(n.callFrame.url)],
  ['chevrotain lexer', (n) => /chevrotain\/lib\/src\/scan\//.test(n.callFrame.url)],
  ['chevrotain parser', (n) => /chevrotain(-allstar)?\/lib\//.test(n.callFrame.url)],
  ['langium parser (CST/AST building)', (n) => /langium\/lib\/parser\//.test(n.callFrame.url)],
  [
    'langium linker/scoping/index',
    (n) => /langium\/lib\/(references|workspace\/ast-descriptions|workspace\/index-manager)/.test(n.callFrame.url),
  ],
  ['langium validation', (n) => /langium\/lib\/validation\//.test(n.callFrame.url)],
  ['langium utils (AST/CST streams)', (n) => /langium\/lib\/utils\//.test(n.callFrame.url)],
  ['langium workspace/other', (n) => /langium\/lib\//.test(n.callFrame.url)],
  ['vscode-languageserver / jsonrpc', (n) => /vscode-(languageserver|jsonrpc)/.test(n.callFrame.url)],
  ['node internals', (n) => /^node:/.test(n.callFrame.url)],
  ['V8 builtins / regexp (no URL)', (n) => n.callFrame.url === ''],
  ['other', () => true],
];

/** Functions whose inclusive time matters to the levers (function name, URL pattern). */
const WATCHED = [
  ['CaserecScopeProvider.getScope', 'getScope', /case-scope\.js/],
  ['CaserecScopeProvider.symbolsOfCase', 'symbolsOfCase', /case-scope\.js/],
  ['MapScope constructor', 'MapScope', /references\/scope\.js/],
  ['matchTextBlock', 'matchTextBlock', /token-builder\.js/],
  ['matchUnknownStart', 'matchUnknownStart', /token-builder\.js/],
  ['Lexer.tokenize (chevrotain)', 'tokenizeInternal', /chevrotain/],
  ['LangiumParser.parse', 'parse', /langium\/lib\/parser\/langium-parser\.js/],
  ['DefaultLinker.link', 'link', /references\/linker\.js/],
  ['DefaultDocumentValidator.validateDocument', 'validateDocument', /validation\/document-validator\.js/],
  ['CaseValidator.runRules', 'runRules', /case-validator\.js/],
  ['buildCaseModel', 'buildCaseModel', /case-model\.js/],
  ['IndexManager.updateReferences', 'updateReferences', /index-manager\.js/],
  ['IndexManager.updateContent', 'updateContent', /index-manager\.js/],
  ['positionAt / range (TextDocument)', 'positionAt', /./],
];

export function summariseProfile(profile, top = 25) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Self time per node from the samples.
  const self = new Map();
  const deltas = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const busy =
    total - [...self.entries()].filter(([id]) => byId.get(id).callFrame.functionName === '(idle)').reduce((a, [, v]) => a + v, 0);
  const isIdle = (id) => byId.get(id).callFrame.functionName === '(idle)';
  // By function (self), idle time left out: shares are of busy time.
  const byFunction = new Map();
  for (const [id, ms] of self) {
    if (isIdle(id)) continue;
    const f = byId.get(id).callFrame;
    const key = `${f.functionName || '(anonymous)'}  ${path.basename(f.url || '')}:${f.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
  }
  // By area (self).
  const byArea = new Map();
  for (const [id, ms] of self) {
    if (isIdle(id)) continue;
    const node = byId.get(id);
    const [area] = AREAS.find(([, test]) => test(node));
    byArea.set(area, (byArea.get(area) ?? 0) + ms);
  }
  // Inclusive time of watched functions: a sample counts once if any ancestor frame matches.
  const inclusive = new Map(WATCHED.map(([label]) => [label, 0]));
  const memo = new Map();
  const matchesOf = (id) => {
    if (memo.has(id)) return memo.get(id);
    const f = byId.get(id).callFrame;
    const up = parent.has(id) ? matchesOf(parent.get(id)) : new Set();
    const mine = new Set(up);
    for (const [label, name, url] of WATCHED) if (f.functionName === name && url.test(f.url)) mine.add(label);
    memo.set(id, mine);
    return mine;
  };
  for (const [id, ms] of self) for (const label of matchesOf(id)) inclusive.set(label, inclusive.get(label) + ms);
  const sortDesc = (m) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  const pct = (ms) => `${round((100 * ms) / busy, 1)}%`;
  return {
    totalMs: round(total),
    busyMs: round(busy),
    byArea: sortDesc(byArea).map(([area, ms]) => ({ area, ms: round(ms), share: pct(ms) })),
    byFunction: sortDesc(byFunction)
      .slice(0, top)
      .map(([fn, ms]) => ({ fn, ms: round(ms), share: pct(ms) })),
    inclusive: sortDesc(inclusive)
      .filter(([, ms]) => ms > 0)
      .map(([fn, ms]) => ({ fn, ms: round(ms), share: pct(ms) })),
  };
}

export function printSummary(title, summary) {
  console.log(`\n== ${title}: ${summary.busyMs} ms busy of ${summary.totalMs} ms sampled`);
  console.log('\nBy area (self time):');
  for (const r of summary.byArea) console.log(`  ${r.share.padStart(6)}  ${String(r.ms).padStart(8)} ms  ${r.area}`);
  console.log('\nInclusive time of watched functions:');
  for (const r of summary.inclusive) console.log(`  ${r.share.padStart(6)}  ${String(r.ms).padStart(8)} ms  ${r.fn}`);
  console.log('\nTop functions (self time):');
  for (const r of summary.byFunction) console.log(`  ${r.share.padStart(6)}  ${String(r.ms).padStart(8)} ms  ${r.fn}`);
}

async function profileBuild(file, asOf, runs) {
  const { createCaserecServices, validateFiles } = await importLanguage();
  const text = fs.readFileSync(file, 'utf8');
  // Services (and so the parser) are created before profiling starts: a build, not start-up, is measured.
  const fresh = () => {
    const { Caserec } = createCaserecServices(NodeFileSystem);
    Caserec.caserec.Settings.asOf = asOf;
    return Caserec;
  };
  const build = (Caserec) => validateFiles(Caserec, [{ path: file, absolute: path.resolve(file), text }]);
  await build(fresh());
  const prepared = Array.from({ length: runs }, fresh);
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  for (const Caserec of prepared) await build(Caserec);
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  fs.mkdirSync(path.join(OUT, 'profiles'), { recursive: true });
  const out = path.join(OUT, 'profiles', `build-${path.basename(file, '.case')}.cpuprofile`);
  fs.writeFileSync(out, JSON.stringify(profile));
  return { profile, out };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [command, file, ...rest] = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = rest.indexOf(name);
    return i >= 0 ? rest[i + 1] : fallback;
  };
  const top = Number(opt('--top', '25'));
  if (command === 'build' && file) {
    const runs = Number(opt('--runs', '3'));
    const { profile, out } = await profileBuild(file, opt('--as-of', '2030-01-01'), runs);
    const summary = summariseProfile(profile, top);
    printSummary(`${runs} full build(s) of ${file}`, summary);
    console.log(`\nprofile: ${path.relative(process.cwd(), out)} (open in Chrome DevTools or speedscope)`);
    if (rest.includes('--json')) fs.writeFileSync(out.replace(/\.cpuprofile$/, '.summary.json'), JSON.stringify(summary, null, 2));
  } else if (command === 'summarise' && file) {
    printSummary(file, summariseProfile(JSON.parse(fs.readFileSync(file, 'utf8')), top));
  } else {
    console.error('usage: profile.mjs build FILE.case [--as-of D] [--runs N] [--top N] | summarise FILE.cpuprofile [--top N]');
    process.exitCode = 2;
  }
}

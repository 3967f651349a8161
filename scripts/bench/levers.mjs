// Measured what-ifs for the performance levers, without touching engine code: each experiment swaps a service
// or wraps a function at run time, checks that the results are unchanged, and times the difference.
//   node scripts/bench/levers.mjs [lexer|scope|rules|entry|startup|bundle|gc|all] [--quick]
// Records come from bench-out/corpus (written by run.mjs) or are generated here with the same seeds.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { NodeFileSystem } from 'langium/node';
import { LANGUAGE_OUT, OUT, ROOT, CLI, importLanguage, median, nowMs, round, run, table } from './lib.mjs';
import { generateRecord } from './corpus.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const which = args.find((a) => !a.startsWith('--')) ?? 'all';
const language = await importLanguage();
const langium = await import('langium');
const outModule = (rel) => import(pathToFileURL(path.join(LANGUAGE_OUT, rel)).href);
const generated = await outModule('generated/module.js');
const { registerValidationChecks } = await outModule('validation/caserec-validator.js');
const { CaserecTokenBuilder } = await outModule('parser/token-builder.js');
const { CaserecScopeProvider, caseIdOf } = await outModule('references/case-scope.js');
const results = {};

/** Services as createCaserecServices builds them, with `override` injected last. */
function services(override = {}, asOf = '2040-01-01') {
  const shared = langium.inject(langium.createDefaultSharedCoreModule(NodeFileSystem), generated.CaserecGeneratedSharedModule);
  const Caserec = langium.inject(
    langium.createDefaultCoreModule({ shared }),
    generated.CaserecGeneratedModule,
    language.CaserecModule,
    override,
  );
  shared.ServiceRegistry.register(Caserec);
  registerValidationChecks(Caserec);
  Caserec.caserec.Settings.asOf = asOf;
  return Caserec;
}

function records() {
  const sizes = quick
    ? [['100 KB', 100_000, 100]]
    : [
        ['1 MB', 1_000_000, 101],
        ['5 MB', 5_000_000, 105],
      ];
  return sizes.map(([label, bytes, seed]) => {
    const file = path.join(OUT, 'corpus', `record-${label.replace(' ', '').toLowerCase()}.case`);
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : generateRecord({ seed, targetBytes: bytes }).text;
    return { label, text, file };
  });
}

async function build(Caserec, text, name = 'bench.case') {
  const t = nowMs();
  const { results: r } = await language.validateFiles(Caserec, [{ path: name, absolute: path.join(OUT, name), text }]);
  return { ms: nowMs() - t, diagnostics: r[0].diagnostics };
}

const sameDiagnostics = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// 1. The lexer's first-character optimisation: chevrotain turns it off for the whole lexer when one custom
//    token pattern has no START_CHARS_HINT (UNKNOWN_START has none), and then tries every pattern at every
//    offset. The hint for UNKNOWN_START is every letter its matcher can start with.
class HintedTokenBuilder extends CaserecTokenBuilder {
  buildTerminalToken(terminal) {
    const tokenType = super.buildTerminalToken(terminal);
    if (terminal.name === 'UNKNOWN_START') tokenType.START_CHARS_HINT = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'];
    return tokenType;
  }
}

async function lexerExperiment() {
  const plain = services();
  const hinted = services({ parser: { TokenBuilder: () => new HintedTokenBuilder() } });
  const rows = [];
  const samples = [
    ...records(),
    ...['test/fixtures/contract/jones-family.case', 'packages/language/test/fixtures/damaged/damaged.case']
      .filter((f) => fs.existsSync(path.join(ROOT, f)))
      .map((f) => ({ label: path.basename(f), text: fs.readFileSync(path.join(ROOT, f), 'utf8') })),
  ];
  for (const { label, text } of samples) {
    const a = plain.parser.Lexer.tokenize(text);
    const b = hinted.parser.Lexer.tokenize(text);
    const key = (r) =>
      JSON.stringify([r.tokens.map((t) => [t.tokenType.name, t.startOffset, t.image.length]), r.errors.length, r.hidden.length]);
    const identical = key(a) === key(b);
    const runs = text.length > 2_000_000 ? 3 : 7;
    const time = (svc) => {
      const ms = [];
      for (let i = 0; i < runs; i++) {
        const t = nowMs();
        svc.parser.Lexer.tokenize(text);
        ms.push(nowMs() - t);
      }
      return median(ms);
    };
    const parseTime = (svc) => {
      const ms = [];
      for (let i = 0; i < Math.min(runs, 3); i++) {
        const t = nowMs();
        svc.parser.LangiumParser.parse(text);
        ms.push(nowMs() - t);
      }
      return median(ms);
    };
    const [lexPlain, lexHinted, parsePlain, parseHinted] = [time(plain), time(hinted), parseTime(plain), parseTime(hinted)];
    const fullPlain = text.length > 50_000 ? await build(services(), text) : undefined;
    const fullHinted =
      text.length > 50_000 ? await build(services({ parser: { TokenBuilder: () => new HintedTokenBuilder() } }), text) : undefined;
    rows.push([
      label,
      identical ? 'identical' : 'DIFFERENT',
      round(lexPlain),
      round(lexHinted),
      `${round(lexPlain / lexHinted, 1)}×`,
      round(parsePlain),
      round(parseHinted),
      fullPlain ? round(fullPlain.ms) : '',
      fullHinted ? round(fullHinted.ms) : '',
      fullPlain ? (sameDiagnostics(fullPlain.diagnostics, fullHinted.diagnostics) ? 'same' : 'DIFFERENT') : '',
    ]);
  }
  results.lexer = table(
    'Lever: START_CHARS_HINT on UNKNOWN_START (re-enables chevrotain first-char optimisation)',
    [
      'record',
      'tokens',
      'lex ms',
      'lex ms hinted',
      'speed-up',
      'parse ms',
      'parse ms hinted',
      'build ms',
      'build ms hinted',
      'diagnostics',
    ],
    rows,
  );
}

// 2. Scoping: CaserecScopeProvider.getScope filters every symbol of the case and builds a new MapScope for
//    every reference. Cached per (case, reference type) for the workspace state instead:
class CachedScopeProvider extends CaserecScopeProvider {
  constructor(svc) {
    super(svc);
    this.scopes = new langium.WorkspaceCache(svc.shared);
  }
  getScope(context) {
    const referenceType = this.reflection.getReferenceType(context);
    if (referenceType === 'CaseDecl') return super.getScope(context);
    const root = context.container.$cstNode?.root.astNode ?? langium.AstUtils.findRootNode(context.container);
    const caseId = caseIdOf(root);
    if (caseId === undefined) return langium.EMPTY_SCOPE;
    return this.scopes.get(caseId + '\0' + referenceType, () => {
      const matching = this.symbolsOfCase(caseId).filter((d) => this.reflection.isSubtype(d.type, referenceType));
      return new langium.MapScope(matching);
    });
  }
}

async function phaseTimes(Caserec, text) {
  const builder = Caserec.shared.workspace.DocumentBuilder;
  const marks = [];
  const disposables = [3, 4, 6].map((state) => builder.onBuildPhase(state, () => marks.push([state, nowMs()])));
  const t0 = nowMs();
  const { diagnostics } = await build(Caserec, text);
  for (const d of disposables) d.dispose();
  const at = Object.fromEntries(marks);
  return { linkMs: at[4] - at[3], totalMs: at[6] - t0, diagnostics };
}

async function scopeExperiment() {
  const rows = [];
  for (const { label, text } of records()) {
    const a = [];
    const b = [];
    let same = true;
    for (let i = 0; i < (quick ? 2 : 3); i++) {
      const plain = await phaseTimes(services(), text);
      const cached = await phaseTimes(services({ references: { ScopeProvider: (svc) => new CachedScopeProvider(svc) } }), text);
      same &&= sameDiagnostics(plain.diagnostics, cached.diagnostics);
      a.push(plain);
      b.push(cached);
    }
    const linkA = median(a.map((r) => r.linkMs));
    const linkB = median(b.map((r) => r.linkMs));
    const totalA = median(a.map((r) => r.totalMs));
    const totalB = median(b.map((r) => r.totalMs));
    rows.push([
      label,
      round(linkA),
      round(linkB),
      round(totalA),
      round(totalB),
      `${round((100 * (totalA - totalB)) / totalA, 1)}%`,
      same ? 'same' : 'DIFFERENT',
    ]);
  }
  results.scope = table(
    'Lever: cache the case scope per (case, reference type) instead of filtering all symbols per reference',
    ['record', 'link ms', 'link ms cached', 'build ms', 'build ms cached', 'build saved', 'diagnostics'],
    rows,
  );
}

// 3. The case rules: time of each rule's check (they re-run in full whenever any file of the case changes).
async function rulesExperiment() {
  const { CASE_RULES } = await outModule('rules/index.js');
  const totals = new Map();
  const originals = CASE_RULES.map((rule) => rule.check);
  CASE_RULES.forEach((rule, i) => {
    rule.check = (context) => {
      const t = nowMs();
      try {
        return originals[i](context);
      } finally {
        totals.set(rule.code, (totals.get(rule.code) ?? 0) + nowMs() - t);
      }
    };
  });
  const rows = [];
  for (const { label, text } of records()) {
    totals.clear();
    const full = await build(services(), text);
    const all = [...totals.values()].reduce((x, y) => x + y, 0);
    const top = [...totals.entries()].sort((x, y) => y[1] - x[1]).slice(0, 5);
    rows.push([
      label,
      round(full.ms),
      round(all),
      `${round((100 * all) / full.ms, 1)}%`,
      top.map(([code, ms]) => `${code} ${round(ms)}`).join(', '),
    ]);
  }
  CASE_RULES.forEach((rule, i) => (rule.check = originals[i]));
  results.rules = table(
    'Case rules: time per full build (all rules re-run on any change to the case)',
    ['record', 'build ms', 'rules ms', 'share', 'slowest rules (ms)'],
    rows,
  );
}

// 4. Reparsing only the changed entry: the parse of one entry's text against the whole document's.
async function entryExperiment() {
  const Caserec = services();
  const rows = [];
  for (const { label, text } of records()) {
    const parse = (t, runs) => {
      const ms = [];
      for (let i = 0; i < runs; i++) {
        const s = nowMs();
        Caserec.parser.LangiumParser.parse(t);
        ms.push(nowMs() - s);
      }
      return median(ms);
    };
    const at = text.indexOf('\nvisit ', Math.floor(text.length / 2)) + 1;
    const end = text.indexOf('\n}\n', at) + 3;
    const entry = text.slice(at, end);
    const whole = parse(text, 3);
    const one = parse(entry, 50);
    const { phases } = await phaseBreakdown(text);
    rows.push([label, round(whole), round(one, 2), entry.length, round(phases.link), round(phases.validate), round(phases.rules)]);
  }
  results.entry = table(
    'Lever: reparse only the changed entry (whole-document parse vs one ~1 KB entry; what a keystroke still pays after it)',
    ['record', 'parse doc ms', 'parse entry ms', 'entry bytes', 'link+index ms', 'validate ms', 'of which case rules ms'],
    rows,
  );
}

async function phaseBreakdown(text) {
  const Caserec = services();
  let rulesMs = 0;
  const original = Caserec.caserec.CaseValidator.runRules.bind(Caserec.caserec.CaseValidator);
  Caserec.caserec.CaseValidator.runRules = (model) => {
    const t = nowMs();
    try {
      return original(model);
    } finally {
      rulesMs += nowMs() - t;
    }
  };
  const builder = Caserec.shared.workspace.DocumentBuilder;
  const marks = {};
  const ds = [2, 3, 4, 5, 6].map((s) => builder.onBuildPhase(s, () => (marks[s] = nowMs())));
  await build(Caserec, text);
  ds.forEach((d) => d.dispose());
  return { phases: { link: marks[5] - marks[3], validate: marks[6] - marks[5], rules: rulesMs } };
}

// 5. Start-up: Langium's production mode (skips chevrotain's grammar validations when the lexer and parser
//    are built) and an esbuild bundle of the CLI (one file: no module resolution, fewer reads).
async function startupExperiment() {
  if (args.includes('--startup-child')) return;
  const runs = quick ? 5 : 15;
  const child = async (mode) => {
    const ms = [];
    for (let i = 0; i < runs; i++) {
      const r = await run(process.execPath, [path.join(ROOT, 'scripts/bench/levers.mjs'), 'startup-child', mode]);
      ms.push(JSON.parse(r.stdout).ms);
    }
    return median(ms);
  };
  const dev = await child('development');
  const prod = await child('production');
  results.startup = table(
    'Lever: Langium production mode (services + first parse of a tiny record, in a fresh process)',
    ['mode', 'ms'],
    [
      ['development (generated today)', round(dev)],
      ['production (langium generate --mode=production)', round(prod)],
    ],
  );
}

async function bundleExperiment() {
  const esbuild = await import('esbuild');
  const outfile = path.join(OUT, 'bundle', 'caserec.mjs');
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  const t = nowMs();
  await esbuild.build({
    entryPoints: [CLI],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    minify: true,
    logLevel: 'error',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  const bundleMs = nowMs() - t;
  const small = path.join(ROOT, 'test/fixtures/contract/jones-family.case');
  const argv = ['validate', small, '--as-of', '2021-11-10', '--format', 'json'];
  const runs = quick ? 5 : 20;
  const time = async (entry) => {
    const ms = [];
    let out;
    for (let i = 0; i < runs; i++) {
      const r = await run(process.execPath, [entry, ...argv]);
      ms.push(r.wallMs);
      out = r.stdout;
    }
    return { ms: median(ms), out };
  };
  const plain = await time(CLI);
  const bundled = await time(outfile);
  results.bundle = table(
    'Lever: esbuild bundle of the CLI (cold start, validate jones-family.case)',
    ['CLI', 'median ms', 'output'],
    [
      ['node packages/cli/bin/caserec.js', round(plain.ms), ''],
      [
        `bundled (${round(fs.statSync(outfile).size / 1e6, 2)} MB, built in ${round(bundleMs)} ms)`,
        round(bundled.ms),
        plain.out === bundled.out ? 'same' : 'DIFFERENT',
      ],
    ],
  );
}

// 6. The young generation: parsing allocates many short-lived objects (tokens, CST nodes); a larger
//    semi-space means fewer scavenges. Same record, fresh process each, default against the flag.
async function gcExperiment() {
  const rows = [];
  for (const { label, file } of records()) {
    if (!fs.existsSync(file)) continue;
    const json = file.replace(/\.case$/, '.json');
    const measure = async (flags) => {
      const r = await run(process.execPath, [
        ...flags,
        '--expose-gc',
        path.join(ROOT, 'scripts/bench/inproc.mjs'),
        JSON.stringify({ file, json, asOf: '2040-01-01', runs: quick ? 2 : 4 }),
      ]);
      return JSON.parse(r.stdout).best;
    };
    const plain = await measure([]);
    const semi = await measure(['--max-semi-space-size=32']);
    rows.push([
      label,
      round(plain.parseMs),
      round(semi.parseMs),
      round(plain.buildMs),
      round(semi.buildMs),
      `${round((100 * (plain.buildMs - semi.buildMs)) / plain.buildMs, 1)}%`,
    ]);
  }
  results.gc = table(
    'Lever: node --max-semi-space-size=32 (best of runs, fresh process each)',
    ['record', 'parse ms', 'parse ms (flag)', 'build ms', 'build ms (flag)', 'build saved'],
    rows,
  );
}

if (which === 'startup-child') {
  const mode = args[1];
  const t = nowMs();
  const override = mode === 'production' ? { LanguageMetaData: () => ({ ...generated.CaserecLanguageMetaData, mode: 'production' }) } : {};
  const Caserec = services(override);
  Caserec.parser.LangiumParser.parse('case "X" {\n  child a "A B"\n}\n');
  process.stdout.write(JSON.stringify({ ms: nowMs() - t }));
} else {
  if (which === 'all' || which === 'lexer') await lexerExperiment();
  if (which === 'all' || which === 'scope') await scopeExperiment();
  if (which === 'all' || which === 'rules') await rulesExperiment();
  if (which === 'all' || which === 'entry') await entryExperiment();
  if (which === 'all' || which === 'startup') await startupExperiment();
  if (which === 'all' || which === 'bundle') await bundleExperiment();
  if (which === 'all' || which === 'gc') await gcExperiment();
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, `levers${which === 'all' ? '' : '-' + which}.txt`), Object.values(results).join('\n') + '\n');
}

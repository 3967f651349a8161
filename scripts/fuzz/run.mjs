// The fuzzer: `npm run fuzz -- --runs N [--seed S] [--jobs J] [--cli K] [--budget-ms 2000] [--no-extremes]`
//
// Engine checks (in worker threads, so a hang can be stopped): damaged records from scripts/fuzz/arbitraries.mjs
// go through parse + link + validate; each must not throw, must not make Langium catch an error ("An error
// occurred…" diagnostics), must not make a case rule fail (console.error), must place its diagnostics inside the
// file, and must finish within the budget (2 s for inputs under 100 KB, plus 3 s per MB above). The extremes
// (a 10 MB line and the like) are tried once each.
// CLI checks (a sample, as processes): the built CLI on damaged records and on bytes that are not UTF-8 must
// exit 0, 1 or 2, print no stack trace, and leave the record (content, mtime) and its folder untouched.
// Throughout, the network is blocked (scripts/fuzz/no-network.mjs) here, in the workers and in the CLI
// processes, and any attempt is a failure.
//
// Failures are grouped by signature; the first input of each is minimised (delta debugging, lines then
// characters) and saved with its report under bench-out/fuzz-failures/. Exit code 1 when anything failed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as crypto from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { installNoNetwork, networkCalls, NETWORK_MARKER } from './no-network.mjs';
import { loadSeeds, caseInput, byteInput, extremeInputs } from './arbitraries.mjs';
import { CLI, OUT, ROOT, median, quantile, round, run as runProcess } from '../bench/lib.mjs';

installNoNetwork();

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const RUNS = Number(opt('--runs', '2000'));
const SEED = Number(opt('--seed', String(Date.now() % 2 ** 31)));
const JOBS = Number(opt('--jobs', String(Math.max(1, Math.min(2, os.cpus().length)))));
const CLI_RUNS = Number(opt('--cli', String(Math.min(300, Math.max(10, Math.round(RUNS / 500))))));
const BUDGET_MS = Number(opt('--budget-ms', '2000'));
const EXTREMES = !args.includes('--no-extremes');
const FAILURES_DIR = path.join(OUT, 'fuzz-failures');
const AS_OF = '2023-03-10';

const budgetFor = (bytes) => BUDGET_MS + Math.max(0, bytes - 100_000) * (3000 / 1e6);
const watchdogFor = (bytes) => Math.max(30_000, budgetFor(bytes) * 5);
const bytesOf = (input) => input.files.reduce((sum, f) => sum + Buffer.byteLength(f.text), 0);

// ---- Engine workers ---------------------------------------------------------------------------------------------
class EngineWorker {
  constructor() {
    this.spawn();
  }
  spawn() {
    this.worker = new Worker(new URL('./engine-worker.mjs', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: 3072 } });
    this.pending = undefined;
    this.ready = new Promise((resolve) => {
      this.worker.once('message', resolve);
    });
    this.worker.on('message', (msg) => {
      if (msg.ready || !this.pending) return;
      const { resolve, timer } = this.pending;
      clearTimeout(timer);
      this.pending = undefined;
      resolve(msg);
    });
    this.worker.on('error', (error) => this.fail({ crash: `worker error: ${error?.message ?? error}`, stack: String(error?.stack ?? '') }));
    this.worker.on('exit', (code) => this.fail({ crash: `worker exited with code ${code}` }));
  }
  fail(result) {
    if (!this.pending) return;
    const { resolve, timer } = this.pending;
    clearTimeout(timer);
    this.pending = undefined;
    resolve(result);
  }
  async run(input, timeoutMs) {
    await this.ready;
    const started = performance.now();
    const result = await new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending = undefined;
        resolve({ hang: true, ms: performance.now() - started });
      }, timeoutMs);
      this.pending = { resolve, timer };
      this.worker.postMessage({ id: crypto.randomUUID(), files: input.files, asOf: AS_OF });
    });
    if (result.hang || result.crash) {
      this.worker.removeAllListeners();
      await this.worker.terminate().catch(() => {});
      this.spawn();
    }
    return result;
  }
  close() {
    this.worker.removeAllListeners();
    return this.worker.terminate();
  }
}

/** The failures an engine result shows, as [kind, message, stack] (empty when the input passed). */
function engineProblems(result, bytes) {
  const problems = [];
  if (result.hang) problems.push(['hang', `no result within ${round(result.ms)} ms`, '']);
  if (result.crash) problems.push(['crash', result.crash, result.stack ?? '']);
  if (result.error) problems.push(['throws', result.error.message, result.error.stack]);
  if (result.poisoned) problems.push(['state-poisoned', result.poisoned, result.error?.stack ?? '']);
  // Langium catches an exception in a validation check, logs it twice (message, then stack) and turns it into an
  // "An error occurred during validation" diagnostic: one failure, with the logged stack for its signature.
  const logged = result.consoleErrors ?? [];
  const stackOf = (message) =>
    logged.find((l) => /\n\s+at /.test(l) && l.includes(message.replace(/^An error occurred[^:]*: /, '').slice(0, 60))) ?? '';
  for (const m of result.internal ?? []) problems.push(['caught-internal-error', m, stackOf(m)]);
  const explained = (l) => (result.internal ?? []).some((m) => l.includes(m.replace(/^An error occurred[^:]*: /, '').slice(0, 60)));
  for (const m of logged) if (!explained(m)) problems.push(['console-error', m, m]);
  for (const m of result.badRanges ?? []) problems.push(['diagnostic-outside-file', m, '']);
  for (const c of result.network ?? []) problems.push(['network', c.name, c.stack]);
  if (!result.hang && !result.crash && result.ms > budgetFor(bytes))
    problems.push(['slow', `${round(result.ms)} ms for ${bytes} bytes (budget ${round(budgetFor(bytes))} ms)`, '']);
  return problems;
}

/** Groups failures: the kind, the message with numbers and quoted text blanked, and the first frame of ours. */
function signatureOf(kind, message, stack) {
  const text = String(message)
    .split('\n')[0]
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\d+/g, 'N')
    .slice(0, 140);
  const frame =
    /(?:packages\/language\/out|packages\/cli\/out|node_modules\/langium\/lib|node_modules\/chevrotain\/lib)\/[^\s)]+/.exec(
      String(stack ?? ''),
    )?.[0] ?? '';
  return `${kind}: ${text}${frame ? ` @ ${frame.replace(/:\d+$/, '')}` : ''}`;
}

// ---- Minimising ---------------------------------------------------------------------------------------------------
/** Delta debugging over pieces (lines, then characters): the smallest text for which `fails` still holds. */
async function ddmin(text, fails, budget) {
  const split = (s, unit) => (unit === 'line' ? s.split(/(?<=\n)/) : [...s]);
  let current = text;
  for (const unit of ['line', 'char']) {
    let pieces = split(current, unit);
    if (unit === 'char' && pieces.length > 20_000) break; // character passes on huge inputs cost too much
    let n = 2;
    while (pieces.length >= 2 && budget.left > 0) {
      const size = Math.ceil(pieces.length / n);
      let reduced = false;
      for (let start = 0; start < pieces.length && budget.left > 0; start += size) {
        const candidate = [...pieces.slice(0, start), ...pieces.slice(start + size)];
        budget.left--;
        if (await fails(candidate.join(''))) {
          pieces = candidate;
          n = Math.max(n - 1, 2);
          reduced = true;
          break;
        }
      }
      if (!reduced) {
        if (n >= pieces.length) break;
        n = Math.min(pieces.length, n * 2);
      }
    }
    current = pieces.join('');
  }
  return current;
}

async function minimiseEngine(input, signature, worker) {
  const budget = { left: Number(opt('--minimise-steps', '400')) };
  const deadline = Date.now() + 180_000;
  const stillFails = async (files) => {
    if (Date.now() > deadline) return false;
    const bytes = files.reduce((s, f) => s + Buffer.byteLength(f.text), 0);
    const result = await worker.run({ files }, watchdogFor(bytes));
    return engineProblems(result, bytes).some(([k, m, s]) => signatureOf(k, m, s) === signature);
  };
  const files = input.files.map((f) => ({ ...f }));
  for (let i = 0; i < files.length; i++) {
    files[i].text = await ddmin(files[i].text, (text) => stillFails(files.map((f, j) => (j === i ? { ...f, text } : f))), budget);
  }
  return files;
}

function saveFailure(kind, signature, input, minimised, details) {
  const hash = crypto.createHash('sha1').update(signature).digest('hex').slice(0, 10);
  const dir = path.join(FAILURES_DIR, `${kind}-${hash}`);
  fs.mkdirSync(dir, { recursive: true });
  const write = (name, content) => fs.writeFileSync(path.join(dir, name.replace(/[\\/]/g, '__')), content);
  for (const f of input.files ?? []) write(`original-${f.name}`, f.text);
  for (const f of minimised ?? []) write(`minimised-${f.name}`, f.text ?? f.bytes);
  if (input.bytes) write('original-bytes.case', input.bytes);
  write('report.json', JSON.stringify({ signature, label: input.label, ...details }, null, 2) + '\n');
  return path.relative(ROOT, dir);
}

// ---- The engine phase -------------------------------------------------------------------------------------------------
const failures = new Map(); // signature -> { kind, count, first, saved }
const times = [];
const slowest = [];
function noteTime(label, bytes, ms) {
  times.push(ms);
  slowest.push({ label, bytes, ms: round(ms) });
  if (slowest.length > 50) {
    slowest.sort((a, b) => b.ms - a.ms);
    slowest.length = 10;
  }
}

async function recordFailures(problems, input, where, worker) {
  for (const [kind, message, stack] of problems) {
    const signature = signatureOf(kind, message, stack);
    const known = failures.get(signature);
    if (known) {
      known.count++;
      continue;
    }
    const entry = { kind, count: 1, message: String(message).slice(0, 1000), stack: String(stack ?? '').slice(0, 3000), where };
    failures.set(signature, entry);
    console.log(`  FAIL ${signature}\n       input: ${input.label} (${where})`);
    let minimised;
    if (worker && kind !== 'network') {
      minimised = await minimiseEngine(input, signature, worker);
      console.log(`       minimised to ${minimised.reduce((s, f) => s + f.text.length, 0)} characters`);
    }
    entry.saved = saveFailure(kind, signature, input, minimised, { kind, message: entry.message, stack: entry.stack, where, seed: SEED });
  }
}

async function enginePhase(seeds) {
  const workers = Array.from({ length: JOBS }, () => new EngineWorker());
  const minimiser = new EngineWorker();
  const arbitrary = caseInput(seeds);
  let done = 0;
  const batch = 200;
  const started = Date.now();
  let lastReport = started;
  for (let b = 0; done < RUNS; b++) {
    const inputs = fc.sample(arbitrary, { numRuns: Math.min(batch, RUNS - done), seed: SEED + b });
    let next = 0;
    await Promise.all(
      workers.map(async (worker) => {
        while (next < inputs.length) {
          const index = next++;
          const input = inputs[index];
          const bytes = bytesOf(input);
          let result = await worker.run(input, watchdogFor(bytes));
          let problems = engineProblems(result, bytes);
          // A slow input is timed again before it counts: the machine may have been busy.
          if (problems.length === 1 && problems[0][0] === 'slow') {
            const again = await worker.run(input, watchdogFor(bytes));
            if (!engineProblems(again, bytes).length) ((result = again), (problems = []));
          }
          if (!result.hang && !result.crash) noteTime(input.label, bytes, result.ms);
          if (problems.length) await recordFailures(problems, input, `engine, seed ${SEED + b} sample ${index}`, minimiser);
          done++;
        }
      }),
    );
    if (Date.now() - lastReport > 30_000) {
      lastReport = Date.now();
      console.log(`  ${done} / ${RUNS} engine inputs, ${round((Date.now() - started) / 1000)} s, ${failures.size} failure signature(s)`);
    }
  }
  const extremes = [];
  if (EXTREMES) {
    for (const input of extremeInputs(seeds)) {
      const bytes = bytesOf(input);
      const result = await workers[0].run(input, watchdogFor(bytes));
      const problems = engineProblems(result, bytes);
      extremes.push({ label: input.label, bytes, ms: round(result.ms), diagnostics: result.diagnostics, ok: problems.length === 0 });
      console.log(
        `  extreme: ${input.label}: ${round(result.ms)} ms${problems.length ? ' FAILED: ' + problems.map((p) => p[0]).join(', ') : ''}`,
      );
      // Extremes are not minimised (each try takes seconds); the input is described by its label.
      if (problems.length)
        await recordFailures(
          problems,
          { ...input, files: input.files.map((f) => ({ ...f, text: f.text.slice(0, 2000) + '\n…(truncated)' })) },
          'engine, extreme',
          undefined,
        );
      done++;
    }
  }
  await Promise.all([...workers, minimiser].map((w) => w.close()));
  return { inputs: done, seconds: round((Date.now() - started) / 1000), extremes };
}

// ---- The CLI phase ----------------------------------------------------------------------------------------------------
const STACK_TRACE = /^\s+at .+(\(|:\d+:\d+)|node:internal|Uncaught|TypeError|ReferenceError|RangeError|SyntaxError: /m;
const OLD_TIME = new Date('2001-02-03T04:05:06Z');

function snapshot(dir) {
  const out = {};
  for (const name of fs.readdirSync(dir, { recursive: true })) {
    const full = path.join(dir, String(name));
    const stat = fs.lstatSync(full);
    out[String(name)] = stat.isFile()
      ? `${stat.mtimeMs}:${crypto.createHash('sha1').update(fs.readFileSync(full)).digest('hex')}`
      : stat.isDirectory()
        ? 'dir'
        : 'other';
  }
  return JSON.stringify(out);
}

async function cliCheck(input, format, target = 'file') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caserec-fuzz-'));
  try {
    const files = input.bytes
      ? [{ name: 'record.case', bytes: input.bytes }]
      : input.files.map((f) => ({ name: f.name, bytes: Buffer.from(f.text, 'utf8') }));
    for (const f of files) {
      const full = path.join(dir, f.name);
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, f.bytes);
      fs.utimesSync(full, OLD_TIME, OLD_TIME);
    }
    const before = snapshot(dir);
    const paths = target === 'folder' ? [dir] : files.map((f) => path.join(dir, f.name));
    const result = await runProcess(process.execPath, [CLI, 'validate', ...paths, '--as-of', AS_OF, '--format', format], {
      cwd: dir,
      env: { CASEREC_FUZZ_NO_NETWORK: '1', NODE_OPTIONS: `--import ${pathToFileURL(path.join(ROOT, 'scripts/fuzz/no-network.mjs')).href}` },
      timeoutMs: 180_000,
      keepOutput: false,
    });
    const after = snapshot(dir);
    const problems = [];
    if (result.timedOut) problems.push(['cli-hang', `killed after ${round(result.wallMs)} ms`, '']);
    else if (![0, 1, 2].includes(result.code))
      problems.push(['cli-exit-code', `exit code ${result.code} signal ${result.signal}`, result.stderr.slice(0, 3000)]);
    if (result.stderr.includes(NETWORK_MARKER)) problems.push(['network', 'CLI attempted a network call', result.stderr.slice(0, 3000)]);
    else if (STACK_TRACE.test(result.stderr))
      problems.push(['cli-stack-trace', result.stderr.split('\n').find((l) => l.trim()) ?? '', result.stderr.slice(0, 3000)]);
    if (before !== after) problems.push(['cli-wrote-files', 'the record folder changed (content, mtime or new files)', '']);
    return { problems, ms: result.wallMs, code: result.code };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function cliPhase(seeds) {
  const texts = fc.sample(caseInput(seeds, { maxHugeBytes: 500_000 }), { numRuns: Math.ceil(CLI_RUNS / 2), seed: SEED ^ 0x5eed });
  const raw = fc.sample(byteInput(seeds), { numRuns: Math.floor(CLI_RUNS / 2), seed: SEED ^ 0xb17e });
  const formats = ['text', 'json', 'sarif', 'junit'];
  const inputs = [
    { label: 'empty file', files: [{ name: 'empty.case', text: '' }] },
    { label: '10 MB line', files: [{ name: 'line.case', text: 'a'.repeat(10_000_000) }] },
    ...texts.flatMap((t, i) => [t, raw[i]]).filter(Boolean),
  ];
  const codes = { 0: 0, 1: 0, 2: 0 };
  const ms = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: JOBS }, async () => {
      while (next < inputs.length) {
        const index = next++;
        const input = inputs[index];
        const format = formats[index % formats.length];
        const target = index % 5 === 0 ? 'folder' : 'file';
        const r = await cliCheck(input, format, target);
        ms.push(r.ms);
        if (r.code in codes) codes[r.code]++;
        for (const [kind, message, stack] of r.problems) {
          const signature = signatureOf(kind, message, stack);
          const known = failures.get(signature);
          if (known) {
            known.count++;
            continue;
          }
          const entry = { kind, count: 1, message, stack, where: `cli (${format}, ${target})` };
          failures.set(signature, entry);
          console.log(`  FAIL ${signature}\n       input: ${input.label}`);
          entry.saved = saveFailure(kind, signature, input, undefined, { kind, message, stack, where: entry.where, seed: SEED });
        }
      }
    }),
  );
  // A FIFO and a folder named like a record: neither may hang or crash the CLI.
  const special = fs.mkdtempSync(path.join(os.tmpdir(), 'caserec-fuzz-special-'));
  try {
    fs.mkdirSync(path.join(special, 'folder.case'));
    const fifo = path.join(special, 'pipe.case');
    let fifoMade = false;
    try {
      (await import('node:child_process')).execFileSync('mkfifo', [fifo]);
      fifoMade = true;
    } catch {
      fifoMade = false;
    }
    for (const target of [special, ...(fifoMade ? [fifo] : []), path.join(special, 'folder.case')]) {
      const r = await runProcess(process.execPath, [CLI, 'validate', target, '--as-of', AS_OF], { timeoutMs: 30_000, keepOutput: false });
      const ok = !r.timedOut && [0, 1, 2].includes(r.code) && !STACK_TRACE.test(r.stderr);
      console.log(`  special: validate ${path.basename(target)} -> ${r.timedOut ? 'TIMED OUT' : `exit ${r.code}`}${ok ? '' : ' FAILED'}`);
      if (!ok)
        failures.set(`cli-special: ${path.basename(target)}`, {
          kind: 'cli-special',
          count: 1,
          message: r.stderr.slice(0, 500),
          where: 'cli special',
        });
      ms.push(r.wallMs);
    }
  } finally {
    fs.rmSync(special, { recursive: true, force: true });
  }
  return { inputs: inputs.length + 3, codes, medianMs: round(median(ms)), maxMs: round(Math.max(...ms)) };
}

// ---- Main -----------------------------------------------------------------------------------------------------------
fs.mkdirSync(FAILURES_DIR, { recursive: true });
console.log(`caserec fuzz: seed ${SEED}, ${RUNS} engine inputs on ${JOBS} worker(s), ${CLI_RUNS} CLI processes, budget ${BUDGET_MS} ms`);
const seeds = loadSeeds();
const started = Date.now();
const engine = await enginePhase(seeds);
const cli = CLI_RUNS > 0 ? await cliPhase(seeds) : { inputs: 0 };
const mainNetwork = networkCalls();
if (mainNetwork.length) failures.set('network: fuzz process', { kind: 'network', count: mainNetwork.length, message: mainNetwork[0].name });
const summary = {
  seed: SEED,
  seconds: round((Date.now() - started) / 1000),
  engine: {
    inputs: engine.inputs,
    seconds: engine.seconds,
    medianMs: round(median(times), 2),
    p99Ms: round(quantile(times, 0.99), 1),
    slowest: slowest.sort((a, b) => b.ms - a.ms).slice(0, 5),
    extremes: engine.extremes,
  },
  cli,
  networkCallsInFuzzProcess: mainNetwork.length,
  failures: [...failures.entries()].map(([signature, f]) => ({ signature, kind: f.kind, count: f.count, where: f.where, saved: f.saved })),
};
fs.writeFileSync(path.join(OUT, 'fuzz-summary.json'), JSON.stringify(summary, null, 2) + '\n');
console.log(
  `\n${engine.inputs + (cli.inputs ?? 0)} inputs in ${summary.seconds} s: ${engine.inputs} through the engine (median ${summary.engine.medianMs} ms, p99 ${summary.engine.p99Ms} ms), ${cli.inputs ?? 0} through the CLI process`,
);
console.log(`slowest engine inputs: ${summary.engine.slowest.map((s) => `${s.ms} ms (${s.bytes} bytes, ${s.label})`).join('; ')}`);
if (cli.codes) console.log(`CLI exit codes: ${JSON.stringify(cli.codes)}; median ${cli.medianMs} ms, max ${cli.maxMs} ms`);
console.log(`network calls: ${mainNetwork.length} in this process (workers and CLI processes report theirs as failures)`);
console.log(`failures: ${summary.failures.length === 0 ? 'none' : ''}`);
for (const f of summary.failures) console.log(`  ${f.count}× ${f.signature}\n     ${f.where}${f.saved ? ` -> ${f.saved}` : ''}`);
console.log(`summary: ${path.relative(process.cwd(), path.join(OUT, 'fuzz-summary.json'))}`);
process.exitCode = summary.failures.length ? 1 : 0;

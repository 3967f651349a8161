// Small helpers shared by the benchmark scripts: paths, statistics, child processes with CPU and peak-RSS
// probes, and table printing.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const OUT = path.join(ROOT, 'bench-out');
export const CLI = path.join(ROOT, 'packages/cli/bin/caserec.js');
export const LANGUAGE_OUT = path.join(ROOT, 'packages/language/out');
export const SERVER = path.join(LANGUAGE_OUT, 'lsp/main.js');
export const PROBE = path.join(ROOT, 'scripts/bench/probe.mjs');

/** The built language package, imported by file URL (its exports map hides out/validation, which we need). */
export async function importLanguage() {
  await import(pathToFileURL(path.join(LANGUAGE_OUT, 'polyfill.js')).href);
  return import(pathToFileURL(path.join(LANGUAGE_OUT, 'index.js')).href);
}

export const MB = 1e6;

export function median(values) {
  return quantile(values, 0.5);
}

/** Nearest-rank quantile (p95 of 30 samples is the 29th). */
export function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function round(value, digits = 1) {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function nowMs() {
  return Number(process.hrtime.bigint()) / 1e6;
}

/**
 * Runs a command to the end; resolves { code, signal, wallMs, stdout, stderr, probe } where probe holds the
 * child's own CPU time and peak RSS when it is a Node process started with `--import probe.mjs`.
 */
export function run(command, args, { cwd = ROOT, env = {}, input, timeoutMs = 600_000, keepOutput = true, probe = false } = {}) {
  return new Promise((resolve) => {
    const probeFile = probe
      ? path.join(os.tmpdir(), `caserec-probe-${process.pid}-${Math.random().toString(36).slice(2)}.json`)
      : undefined;
    const childEnv = { ...process.env, ...env };
    if (probeFile) {
      childEnv.CASEREC_BENCH_PROBE = probeFile;
      childEnv.NODE_OPTIONS = `${childEnv.NODE_OPTIONS ?? ''} --import ${pathToFileURL(PROBE).href}`.trim();
    }
    const started = nowMs();
    const child = spawn(command, args, { cwd, env: childEnv, stdio: ['pipe', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => keepOutput && out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.stdin.on('error', () => {});
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wallMs = nowMs() - started;
      let probed;
      if (probeFile && fs.existsSync(probeFile)) {
        probed = JSON.parse(fs.readFileSync(probeFile, 'utf8'));
        fs.rmSync(probeFile, { force: true });
      }
      resolve({
        code,
        signal,
        wallMs,
        timedOut: signal === 'SIGKILL',
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        probe: probed,
      });
    });
  });
}

/** Prints rows (arrays of cells) as an aligned text table with a header. */
export function table(title, header, rows) {
  const all = [header, ...rows].map((r) => r.map((c) => (c === undefined || c === null ? '' : String(c))));
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const text = [`\n${title}`, line(all[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
  console.log(text);
  return text;
}

export function loadAverage() {
  return os.loadavg().map((v) => round(v, 2));
}

export function sizeLabel(bytes) {
  return bytes >= MB ? `${round(bytes / MB, 1)} MB` : `${Math.round(bytes / 1000)} KB`;
}

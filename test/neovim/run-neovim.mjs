#!/usr/bin/env node
// Headless Neovim (Debian's 0.7.2) as a real LSP client for a stdio language server.
//
// CLI:
//   node test/neovim/run-neovim.mjs --server "node packages/language/out/server-main.js --stdio" \
//        --file examples/x.case [--min-diagnostics 1] [--expect-diagnostic REGEX] \
//        [--hover LINE:CHAR] [--expect-hover REGEX] [--request METHOD@LINE:CHAR ...] \
//        [--timeout 20] [--out artifacts/neovim-result.json]
//   Positions are LSP positions: 0-based line and character.
//   --server is split on spaces; use --server-json '["node","a b/x.js","--stdio"]' for paths with spaces.
//   Exit 0 when Neovim finished and every expectation held, 1 otherwise (timeouts included).
//
// Library (e.g. from a vitest test):
//   import { runNeovim } from '../test/neovim/run-neovim.mjs';
//   const r = await runNeovim({ cmd: ['node', 'server.js', '--stdio'], file, minDiagnostics: 1,
//                               requests: [{ name: 'hover', method: 'textDocument/hover', line: 0, character: 2 }] });
//   // r.ok, r.diagnostics[], r.requests.hover.result, r.errors[], r.timings, r.exitCode
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const luaFile = path.join(here, 'lsp-client.lua');

/**
 * @param {{ cmd: string[], file: string, root?: string, cwd?: string, minDiagnostics?: number,
 *   requests?: {name?: string, method: string, line?: number, character?: number, params?: object}[],
 *   timeoutMs?: number, nvim?: string, env?: Record<string,string> }} opts
 */
export async function runNeovim(opts) {
  const nvim = opts.nvim ?? process.env.CASEREC_NVIM ?? 'nvim';
  const timeoutMs = opts.timeoutMs ?? 20000;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'caserec-nvim-'));
  const file = path.resolve(opts.file);
  const cfg = {
    cmd: opts.cmd,
    file,
    root: path.resolve(opts.root ?? process.cwd()),
    cwd: opts.cwd ? path.resolve(opts.cwd) : undefined,
    out: path.join(tmp, 'result.json'),
    timeout_ms: timeoutMs,
    min_diagnostics: opts.minDiagnostics ?? 0,
    requests: opts.requests ?? [],
  };
  fs.writeFileSync(path.join(tmp, 'config.json'), JSON.stringify(cfg));
  const t0 = Date.now();
  const child = spawn(nvim, ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${luaFile}`], {
    cwd: cfg.root,
    env: { ...process.env, ...opts.env, CASEREC_NVIM_CONFIG: path.join(tmp, 'config.json'), XDG_STATE_HOME: tmp, XDG_CACHE_HOME: tmp },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group: a hung server is killed with Neovim
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  // Outer bound: Lua waits at most timeoutMs per step; kill everything well after that.
  const hardMs = timeoutMs * (2 + cfg.requests.length) + 5000;
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }, hardMs);
  const exitCode = await new Promise((resolve) => {
    child.on('error', (e) => {
      output += String(e);
      resolve(127);
    });
    child.on('exit', (code, sig) => resolve(code ?? (sig ? 128 : 1)));
  });
  clearTimeout(timer);
  try {
    process.kill(-child.pid, 'SIGKILL'); // leftovers (a server that ignored exit)
  } catch {
    /* gone */
  }
  let result;
  try {
    result = JSON.parse(fs.readFileSync(cfg.out, 'utf8'));
  } catch {
    result = { ok: false, errors: ['Neovim wrote no result'], diagnostics: [], requests: {} };
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  result.errors = Array.isArray(result.errors) ? result.errors : [];
  result.diagnostics = Array.isArray(result.diagnostics) ? result.diagnostics : [];
  result.requests = result.requests && !Array.isArray(result.requests) ? result.requests : {};
  result.timings ??= {};
  if (killed) result.errors.push(`Neovim killed after ${hardMs} ms`);
  result.ok = result.ok && exitCode === 0 && !killed;
  result.exitCode = exitCode;
  result.wallMs = Date.now() - t0;
  if (output.trim()) result.nvimOutput = output;
  return result;
}

/** Text of a hover result (MarkupContent, MarkedString or MarkedString[]). */
export function hoverText(hover) {
  if (!hover || hover === null) return '';
  const c = hover.contents;
  const one = (x) => (typeof x === 'string' ? x : (x?.value ?? ''));
  return Array.isArray(c) ? c.map(one).join('\n') : one(c);
}

async function cli() {
  const { values } = parseArgs({
    options: {
      server: { type: 'string' },
      'server-json': { type: 'string' },
      file: { type: 'string' },
      root: { type: 'string' },
      'min-diagnostics': { type: 'string' },
      'expect-diagnostic': { type: 'string', multiple: true },
      hover: { type: 'string' },
      'expect-hover': { type: 'string' },
      request: { type: 'string', multiple: true },
      timeout: { type: 'string', default: '20' },
      out: { type: 'string' },
    },
  });
  const cmd = values['server-json'] ? JSON.parse(values['server-json']) : values.server?.split(/\s+/).filter(Boolean);
  if (!cmd?.length || !values.file) {
    console.error('usage: run-neovim.mjs --server "CMD ARGS" --file FILE [--min-diagnostics N] [--hover L:C] ...');
    process.exit(2);
  }
  if (spawnSync(process.env.CASEREC_NVIM ?? 'nvim', ['--version']).status !== 0) {
    console.error('run-neovim: nvim not found (apt-get install neovim; .ci/setup-tools.sh does it)');
    process.exit(2);
  }
  const pos = (s) => {
    const m = /^(\d+):(\d+)$/.exec(s);
    if (!m) throw new Error(`bad position ${s} (want LINE:CHAR, 0-based)`);
    return { line: Number(m[1]), character: Number(m[2]) };
  };
  const requests = [];
  if (values.hover) requests.push({ name: 'hover', method: 'textDocument/hover', ...pos(values.hover) });
  for (const r of values.request ?? []) {
    const [method, at] = r.split('@');
    requests.push({ name: method, method, ...(at ? pos(at) : {}) });
  }
  const expectDiags = values['expect-diagnostic'] ?? [];
  const minDiagnostics = Number(values['min-diagnostics'] ?? (expectDiags.length ? 1 : 0));
  const r = await runNeovim({
    cmd,
    file: values.file,
    root: values.root,
    minDiagnostics,
    requests,
    timeoutMs: Number(values.timeout) * 1000,
  });

  const checks = [];
  const check = (name, pass, detail) => checks.push({ name, pass, detail });
  check('neovim finished', r.exitCode === 0 && r.errors.length === 0, r.errors.join('; ') || `exit ${r.exitCode}`);
  if (minDiagnostics) check(`>= ${minDiagnostics} diagnostic(s)`, r.diagnostics.length >= minDiagnostics, `${r.diagnostics.length}`);
  for (const re of expectDiags)
    check(
      `diagnostic /${re}/`,
      r.diagnostics.some((d) => new RegExp(re).test(d.message)),
      r.diagnostics.map((d) => d.message).join(' | '),
    );
  if (values['expect-hover']) {
    const text = hoverText(r.requests.hover?.result);
    check(`hover /${values['expect-hover']}/`, new RegExp(values['expect-hover']).test(text), JSON.stringify(text));
  }
  for (const d of r.diagnostics) console.log(`diagnostic ${d.line}:${d.character} [${d.severity}] ${d.message}`);
  for (const [name, q] of Object.entries(r.requests))
    console.log(`${name}: ${JSON.stringify(q.result)}${q.error ? ` error ${q.error}` : ''}`);
  for (const c of checks) console.log(`${c.pass ? 'ok  ' : 'FAIL'} ${c.name}${c.pass ? '' : ` (got ${c.detail})`}`);
  if (r.nvimOutput && checks.some((c) => !c.pass)) console.log(`--- nvim output ---\n${r.nvimOutput}`);
  const failed = checks.filter((c) => !c.pass).length;
  console.log(`neovim took ${r.wallMs} ms (in nvim: ${JSON.stringify(r.timings)})`);
  console.log(`neovim: ${checks.length - failed} passed, ${failed} failed`);
  if (values.out) {
    fs.mkdirSync(path.dirname(path.resolve(values.out)), { recursive: true });
    fs.writeFileSync(values.out, JSON.stringify({ ...r, checks }, null, 2));
  }
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await cli();

#!/usr/bin/env node
// The editor tests with real clients, in one run (CI: after `npm run build` and `npm run package -w caserec-vscode`):
//
//   node test/editors/run.mjs [--only vsix,vscode,vscode-vsix,neovim] [--timeout SECONDS]
//
// Steps, in order (each one's output is passed through):
//   vsix         the packaged .vsix (packages/extension/caserec-vscode.vsix) installs into VS Code 1.139 (the
//                server of the code-server package: `server-main.js --install-extension` into a fresh extensions
//                folder), is listed with its version, and holds what the extension needs to run.
//   vscode       extension-host tests of packages/extension with the real `vscode` API
//                (test/vscode/caserec/index.cjs on a temporary copy of test/vscode/caserec/workspace, through
//                test/vscode/run-tests.mjs).
//   vscode-vsix  the same tests against the extension as the .vsix installed it (screenshots prefixed `vsix-`).
//   neovim       headless Neovim against the bundled and the unbundled server (test/neovim/caserec.mjs).
// Screenshots and logs go to ${CASEREC_ARTIFACTS:-artifacts} (relative to the current folder), among them
// vscode-editor-squiggles.png and vscode-chronology.png.
//
// The whole run is bounded by --timeout (default $CASEREC_EDITORS_TIMEOUT or 600 s): a step that would run past it
// is stopped (SIGTERM, then SIGKILL to its process group) and counted as failed. Exit 0 when every test passed,
// 1 otherwise. The last line is always `editors: N passed, N failed` (N counts the tests of every step).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const STEPS = ['vsix', 'vscode', 'vscode-vsix', 'neovim'];

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    timeout: { type: 'string' },
  },
});
const only = values.only ? values.only.split(',').map((s) => s.trim()) : STEPS;
for (const s of only) {
  if (!STEPS.includes(s)) {
    console.error(`editors: unknown step "${s}" (steps: ${STEPS.join(', ')})`);
    console.log('editors: 0 passed, 1 failed');
    process.exit(1);
  }
}
const totalS = Number(values.timeout ?? process.env.CASEREC_EDITORS_TIMEOUT ?? 600);
const t0 = Date.now();
const deadline = t0 + totalS * 1000;
const remainingS = () => Math.max(0, Math.floor((deadline - Date.now()) / 1000));
const artifacts = path.resolve(process.env.CASEREC_ARTIFACTS || 'artifacts');
fs.mkdirSync(artifacts, { recursive: true });

const toolsDir = process.env.CASEREC_TOOLS || path.join(os.homedir(), '.cache', 'caserec-tools');
const node24 = process.env.CASEREC_NODE24 || path.join(toolsDir, 'node24/node_modules/node/bin/node');
const codeServer = process.env.CASEREC_CODE_SERVER || path.join(toolsDir, 'code-server/node_modules/code-server');
const serverMain = path.join(codeServer, 'lib/vscode/out/server-main.js');
const extensionDir = path.join(repo, 'packages/extension');
const vsix = path.join(extensionDir, 'caserec-vscode.vsix');
const manifest = JSON.parse(fs.readFileSync(path.join(extensionDir, 'package.json'), 'utf8'));
const extensionId = `${manifest.publisher}.${manifest.name}`;

let passed = 0;
let failed = 0;
const report = []; // one line per step
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'caserec-editors-'));
let installedDir; // set by the vsix step

const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
const rel = (p) => path.relative(process.cwd(), p) || '.';

/**
 * Runs a command with its output passed through and captured; stops it at `timeoutS` (SIGTERM to its process
 * group, SIGKILL 15 s later). Resolves with { code, output, timedOut }.
 */
function run(cmd, args, { timeoutS, env = {} } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: repo, env: { ...process.env, CASEREC_ARTIFACTS: artifacts, ...env }, detached: true });
    let output = '';
    const pass = (stream) => (d) => {
      output += d;
      stream.write(d);
    };
    child.stdout.on('data', pass(process.stdout));
    child.stderr.on('data', pass(process.stderr));
    let timedOut = false;
    let killer;
    const signal = (sig) => {
      try {
        process.kill(-child.pid, sig);
      } catch {
        /* gone */
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`editors: stopping ${path.basename(args[0] ?? cmd)} after ${timeoutS} s`);
      signal('SIGTERM');
      killer = setTimeout(() => signal('SIGKILL'), 15000);
    }, timeoutS * 1000);
    child.on('error', (e) => {
      output += String(e);
      clearTimeout(timer);
      resolve({ code: 127, output, timedOut });
    });
    child.on('close', (code, sig) => {
      clearTimeout(timer);
      clearTimeout(killer);
      signal('SIGKILL'); // leftovers of the group
      resolve({ code: code ?? (sig ? 128 : 1), output, timedOut });
    });
  });
}

/** Counts a step's tests from its last `<label>: N passed, N failed` line; a failure without one counts as 1. */
function count(step, label, { code, output, timedOut }, ms) {
  const lines = [...output.matchAll(new RegExp(`^${label}: (\\d+) passed, (\\d+) failed`, 'gm'))];
  let p = 0;
  let f = 0;
  if (lines.length) {
    p = Number(lines.at(-1)[1]);
    f = Number(lines.at(-1)[2]);
  }
  if ((code !== 0 || timedOut) && f === 0) f = 1; // crashed, rig error or timeout: no test may say it failed
  passed += p;
  failed += f;
  report.push(`${step}: ${p} passed, ${f} failed in ${secs(ms)}${timedOut ? ' (timed out)' : ''}${code !== 0 ? ` (exit ${code})` : ''}`);
}

function missing(files) {
  return files.filter(([, p]) => !fs.existsSync(p)).map(([what, p]) => `${what} (${rel(p)})`);
}

async function stepVsix() {
  const started = Date.now();
  const checks = [];
  const check = (name, ok, detail = '') => {
    checks.push(ok);
    console.log(`${ok ? 'ok  ' : 'FAIL'} vsix: ${name}${ok ? '' : ` (${detail})`}`);
  };
  const absent = missing([
    ['the .vsix (npm run package -w caserec-vscode)', vsix],
    ['Node 24 (.ci/setup-tools.sh)', node24],
    ['the VS Code server of code-server (.ci/setup-tools.sh)', serverMain],
  ]);
  if (absent.length) {
    check('prerequisites', false, `missing: ${absent.join(', ')}`);
  } else {
    const dirs = ['extensions', 'server-data', 'user-data'].map((d) => path.join(tmp, 'vsix', d));
    const common = [
      serverMain,
      '--accept-server-license-terms',
      '--extensions-dir',
      dirs[0],
      '--server-data-dir',
      dirs[1],
      '--user-data-dir',
      dirs[2],
    ];
    const timeoutS = Math.min(120, remainingS());
    const install = await run(node24, [...common, '--install-extension', vsix], { timeoutS, env: { EXTENSIONS_GALLERY: '{}' } });
    check(
      `${rel(vsix)} installs with server-main.js --install-extension`,
      install.code === 0 && /successfully installed/.test(install.output),
      install.output.trim(),
    );
    const list = await run(node24, [...common, '--list-extensions', '--show-versions'], { timeoutS: Math.min(60, remainingS()) });
    const want = `${extensionId}@${manifest.version}`;
    check(`listed as ${want}`, list.code === 0 && list.output.split(/\r?\n/).includes(want), list.output.trim());
    const dir = path.join(dirs[0], `${extensionId}-${manifest.version}`);
    const files = [
      'package.json',
      'out/extension.cjs',
      'out/server.cjs',
      'out/caserec.tmLanguage.json',
      'language-configuration.json',
      'snippets/caserec.json',
    ];
    const lacking = files.filter((f) => !fs.existsSync(path.join(dir, f)));
    check(
      'the installed extension holds the client, the bundled server and the language assets',
      lacking.length === 0,
      `missing ${lacking.join(', ')} in ${dir}`,
    );
    const leaked = fs.existsSync(path.join(dir, 'node_modules')) || fs.existsSync(path.join(dir, 'src'));
    check('and no node_modules or sources', !leaked, `found in ${dir}`);
    if (lacking.length === 0) installedDir = dir;
  }
  const p = checks.filter(Boolean).length;
  const f = checks.length - p;
  passed += p;
  failed += f;
  report.push(`vsix: ${p} passed, ${f} failed in ${secs(Date.now() - started)}`);
}

async function stepVscode(step) {
  const started = Date.now();
  const extension = step === 'vscode' ? extensionDir : installedDir;
  if (!extension) {
    console.log(`FAIL ${step}: no installed extension to test (the vsix step failed or did not run; run it with --only vsix,vscode-vsix)`);
    failed++;
    report.push(`${step}: 0 passed, 1 failed (not run)`);
    return;
  }
  const absent = missing([
    ['the extension client (npm run build -w caserec-vscode)', path.join(extension, 'out/extension.cjs')],
    ['the bundled server (npm run build -w caserec-vscode)', path.join(extension, 'out/server.cjs')],
  ]);
  if (absent.length) {
    console.log(`FAIL ${step}: missing ${absent.join(', ')}`);
    failed++;
    report.push(`${step}: 0 passed, 1 failed (not built)`);
    return;
  }
  // A copy of the workspace, so that whatever happens in the editor, the records in the repository stay as they are.
  const workspace = path.join(tmp, step, 'workspace');
  fs.cpSync(path.join(repo, 'test/vscode/caserec/workspace'), workspace, { recursive: true });
  // run-tests stops itself at its --timeout (exit 124); ours is a backstop a little later.
  const budget = Math.min(300, remainingS());
  const name = step === 'vscode' ? 'caserec' : 'caserec-vsix';
  const result = await run(
    process.execPath,
    [
      path.join(repo, 'test/vscode/run-tests.mjs'),
      '--extension',
      extension,
      '--tests',
      path.join(repo, 'test/vscode/caserec/index.cjs'),
      '--open',
      workspace,
      '--name',
      name,
      '--timeout',
      String(Math.max(10, budget - 20)),
    ],
    { timeoutS: budget, env: step === 'vscode' ? {} : { CASEREC_SHOT_PREFIX: 'vsix-' } },
  );
  count(step, 'vscode', result, Date.now() - started);
}

async function stepNeovim() {
  const started = Date.now();
  const result = await run(process.execPath, [path.join(repo, 'test/neovim/caserec.mjs'), '--out', artifacts], {
    timeoutS: Math.min(180, remainingS()),
  });
  count('neovim', 'neovim', result, Date.now() - started);
}

try {
  for (const step of STEPS.filter((s) => only.includes(s))) {
    if (remainingS() < 5) {
      console.log(`FAIL ${step}: not started, the run's ${totalS} s are used up`);
      failed++;
      report.push(`${step}: not started (time)`);
      continue;
    }
    console.log(`\n== editors: ${step} (${remainingS()} s left) ==`);
    if (step === 'vsix') await stepVsix();
    else if (step === 'neovim') await stepNeovim();
    else await stepVscode(step);
  }
} catch (e) {
  console.error(`editors: ${e?.stack ?? e}`);
  failed++;
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

console.log('');
for (const line of report) console.log(`editors: ${line}`);
console.log(`editors: artifacts in ${rel(artifacts)}; ${secs(Date.now() - t0)} in all`);
console.log(`editors: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

#!/usr/bin/env node
// Runs VS Code extension-host integration tests through @vscode/test-electron's runTests, with
// test/vscode/code-executable.mjs standing in for the VS Code executable (offline: the VS Code
// server from the code-server npm package + Debian's chromium; see test/vscode/README.md).
//
//   node test/vscode/run-tests.mjs --extension packages/extension \
//        --tests packages/extension/out/test/index.cjs --open examples [--name caserec] \
//        [--timeout 240] [--env KEY=VALUE ...]
//
// Defaults (and env fallbacks): --extension $CASEREC_VSCODE_EXTENSION or the sample extension,
// --tests $CASEREC_VSCODE_TESTS or <extension>/test/index.js, --open $CASEREC_VSCODE_OPEN.
// Exit code: 0 when the tests module's run() resolved, 1 when it threw, 124 on timeout, 2 rig error.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', '..', 'package.json'));
const { runTests } = require('@vscode/test-electron');

const { values } = parseArgs({
  options: {
    extension: { type: 'string' },
    tests: { type: 'string' },
    open: { type: 'string' },
    name: { type: 'string' },
    timeout: { type: 'string' },
    env: { type: 'string', multiple: true },
    verbose: { type: 'boolean' },
  },
});

const extensionDevelopmentPath = path.resolve(
  values.extension ?? process.env.CASEREC_VSCODE_EXTENSION ?? path.join(here, 'sample-extension'),
);
const extensionTestsPath = path.resolve(
  values.tests ?? process.env.CASEREC_VSCODE_TESTS ?? path.join(extensionDevelopmentPath, 'test', 'index.js'),
);
const open = values.open ?? process.env.CASEREC_VSCODE_OPEN;
for (const [what, p] of [
  ['extension', extensionDevelopmentPath],
  ['tests module', extensionTestsPath],
  ...(open ? [['--open', path.resolve(open)]] : []),
]) {
  if (!fs.existsSync(p)) {
    console.error(`run-tests: ${what} not found: ${p}`);
    process.exit(2);
  }
}

const vscodeExecutablePath = path.join(here, 'code-executable.mjs');
try {
  fs.chmodSync(vscodeExecutablePath, 0o755); // runTests spawns it directly; keep it executable
} catch {
  /* read-only checkout: rely on the committed mode */
}

const extensionTestsEnv = {};
for (const kv of values.env ?? []) {
  const i = kv.indexOf('=');
  if (i > 0) extensionTestsEnv[kv.slice(0, i)] = kv.slice(i + 1);
}
if (values.name) extensionTestsEnv.CASEREC_RUN_NAME = values.name;
if (values.timeout) extensionTestsEnv.CASEREC_VSCODE_TIMEOUT = values.timeout;
if (values.verbose) extensionTestsEnv.CASEREC_VSCODE_VERBOSE = '1';

const t0 = Date.now();
let code;
try {
  code = await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath,
    extensionTestsPath,
    launchArgs: open ? [path.resolve(open)] : [],
    extensionTestsEnv,
  });
} catch (e) {
  code = typeof e?.code === 'number' ? e.code : 1;
  console.error(`run-tests: ${e?.message ?? e}`);
}
console.error(`run-tests: exit ${code} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
process.exit(code);

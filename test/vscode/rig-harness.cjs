// Tiny mocha-free harness for extension-host tests run by test/vscode/code-executable.mjs.
// The workbench loads the module at extensionTestsPath and calls its exported `run()`
// (VS Code 1.139: `run(testsRoot, callback)`; a returned Promise that rejects = failure, exit 1).
//
//   const { suite } = require('<this file>');
//   exports.run = suite('my tests', [ ['does x', async () => {...}], ... ]);
//
// screenshot(name): asks the driver to save ${CASEREC_ARTIFACTS}/vscode-<name>.png and resolves
// when the file is written (HTTP to the driver; falls back to the `SCREENSHOT name` log line).
'use strict';

const log = (...a) => console.log(...a);

async function screenshot(name, { settleMs = 300 } = {}) {
  const safe = String(name).replace(/[^A-Za-z0-9._-]/g, '_');
  await new Promise((r) => setTimeout(r, settleMs)); // let the workbench paint
  const url = process.env.CASEREC_RIG_URL;
  if (url) {
    const res = await fetch(`${url}/screenshot?name=${encodeURIComponent(safe)}`);
    const body = await res.text();
    if (!res.ok) throw new Error(`screenshot ${safe} failed: ${res.status} ${body}`);
    return body; // the PNG path
  }
  log(`SCREENSHOT ${safe}`);
  await new Promise((r) => setTimeout(r, 1500));
  return undefined;
}

async function waitFor(what, fn, { timeout = 10000, interval = 100 } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what} (last: ${last})`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

function suite(title, tests) {
  return async function run() {
    let passed = 0;
    const failures = [];
    log(`[rig] suite: ${title}`);
    for (const [name, fn] of tests) {
      const t0 = Date.now();
      try {
        await fn();
        passed++;
        log(`[rig]   ok   ${name} (${Date.now() - t0} ms)`);
      } catch (e) {
        failures.push(name);
        log(`[rig]   FAIL ${name} (${Date.now() - t0} ms)\n${(e && e.stack) || e}`);
      }
    }
    log(`[rig] suite done: ${title}`);
    log(`vscode: ${passed} passed, ${failures.length} failed`);
    if (failures.length) throw new Error(`${failures.length} test(s) failed: ${failures.join(', ')}`);
  };
}

module.exports = { suite, screenshot, waitFor };

#!/usr/bin/env node
// A stand-in "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }).
//
// runTests spawns this file with VS Code's CLI arguments. We read --extensionDevelopmentPath=,
// --extensionTestsPath= and an optional folder (or file) to open, then:
//   1. start the VS Code server bundled in the code-server npm package (Node 24, fresh data dirs,
//      --enable-smoke-test-driver so the built workbench honours the `payload` URL parameter),
//   2. open the workbench in Debian's chromium through playwright-core with a payload carrying the
//      extension development and tests locations,
//   3. expose codeAutomationLog / codeAutomationExit to the page (the workbench calls
//      codeAutomationExit(code) when the tests module's run() settles: 0 = resolved, 1 = rejected),
//   4. save a screenshot at exit, serve named screenshots on request, kill everything,
//      and exit with the tests' code (124 on timeout, 2 on a rig failure).
//
// Environment:
//   CASEREC_TOOLS           tools folder made by .ci/setup-tools.sh (default ~/.cache/caserec-tools)
//   CASEREC_NODE24, CASEREC_CODE_SERVER   override the Node 24 binary / code-server package folder
//   CASEREC_ARTIFACTS       where screenshots and logs go (default ./artifacts)
//   CASEREC_RUN_NAME        name of the exit screenshot vscode-<name>.png (default: a timestamp)
//   CASEREC_VSCODE_TIMEOUT  seconds before giving up (default 240)
//   CASEREC_VSCODE_VERBOSE  1 = also print every workbench log line and browser console line
//   CASEREC_KEEP_TMP        1 = keep the temporary data folders
// Passed on to the extension host (through the server's environment): everything in this
// process's environment (runTests' extensionTestsEnv lands here), plus CASEREC_RIG_URL, an HTTP
// endpoint of this driver: GET $CASEREC_RIG_URL/screenshot?name=foo saves vscode-foo.png and
// answers with its path once written. A test log line `SCREENSHOT foo` does the same, best effort.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', '..', 'package.json'));
const t0 = Date.now();
const elapsed = () => ((Date.now() - t0) / 1000).toFixed(1).padStart(6);
const info = (msg) => process.stderr.write(`[code-executable ${elapsed()}s] ${msg}\n`);
const verbose = process.env.CASEREC_VSCODE_VERBOSE === '1';

// ---- arguments ---------------------------------------------------------------------------
const devPaths = [];
let testsPath;
let openPath;
for (const a of process.argv.slice(2)) {
  if (a.startsWith('--extensionDevelopmentPath=')) devPaths.push(path.resolve(a.slice(27)));
  else if (a.startsWith('--extensionTestsPath=')) testsPath = path.resolve(a.slice(21));
  else if (a.startsWith('--folder-uri=')) openPath = fileURLToPath(a.slice(13));
  else if (!a.startsWith('-')) openPath = path.resolve(a);
  // everything else (--no-sandbox, --user-data-dir=…, --extensions-dir=…, …) is ignored:
  // the server always gets fresh folders of its own.
}
if (!devPaths.length || !testsPath) {
  info('usage: code-executable.mjs --extensionDevelopmentPath=DIR --extensionTestsPath=MODULE [FOLDER|FILE]');
  process.exit(2);
}
let openFolder;
if (openPath) {
  const st = fs.statSync(openPath, { throwIfNoEntry: false });
  if (!st) {
    info(`folder/file to open does not exist: ${openPath}`);
    process.exit(2);
  }
  // The web workbench opens folders (?folder=); for a file, open its folder (the test opens the file).
  openFolder = st.isDirectory() ? openPath : path.dirname(openPath);
}

// ---- tools -------------------------------------------------------------------------------
const toolsDir = process.env.CASEREC_TOOLS || path.join(os.homedir(), '.cache', 'caserec-tools');
const node24 = process.env.CASEREC_NODE24 || path.join(toolsDir, 'node24/node_modules/node/bin/node');
const codeServer = process.env.CASEREC_CODE_SERVER || path.join(toolsDir, 'code-server/node_modules/code-server');
const serverMain = path.join(codeServer, 'lib/vscode/out/server-main.js');
const chromiumPath = process.env.CASEREC_CHROMIUM || '/usr/bin/chromium';
for (const [what, p] of [
  ['Node 24', node24],
  ['VS Code server', serverMain],
  ['chromium', chromiumPath],
]) {
  if (!fs.existsSync(p)) {
    info(`${what} not found at ${p}: run .ci/setup-tools.sh first (or set CASEREC_TOOLS)`);
    process.exit(2);
  }
}

const artifacts = path.resolve(process.env.CASEREC_ARTIFACTS || 'artifacts');
fs.mkdirSync(artifacts, { recursive: true });
const runName = (process.env.CASEREC_RUN_NAME || new Date().toISOString().replace(/[:.]/g, '-')).replace(/[^A-Za-z0-9._-]/g, '_');
const timeoutS = Number(process.env.CASEREC_VSCODE_TIMEOUT || 240);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'caserec-vscode-'));
for (const d of ['server-data', 'user-data', 'extensions', 'chromium-profile']) fs.mkdirSync(path.join(tmp, d));
// Quiet, deterministic workbench for tests.
fs.mkdirSync(path.join(tmp, 'user-data', 'User'), { recursive: true });
const settings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'window.restoreWindows': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};
for (const dir of ['user-data/User', 'server-data/data/Machine', 'server-data/data/User']) {
  fs.mkdirSync(path.join(tmp, dir), { recursive: true });
  fs.writeFileSync(path.join(tmp, dir, 'settings.json'), JSON.stringify(settings, null, 2));
}

// ---- state & cleanup ---------------------------------------------------------------------
let server;
let context;
let page;
let rigServer;
let finished = false;
let shotQueue = Promise.resolve();
const fullLogStream = fs.createWriteStream(path.join(tmp, 'full.log')); // server + workbench + browser
fullLogStream.on('error', () => {});
const fullLog = {
  write: (s) => fullLogStream.writableEnded || fullLogStream.write(s),
  end: (cb) => fullLogStream.end(cb),
};
// Workbench start-up chatter that is not test output (still in the full log and with VERBOSE=1).
const NOISE = new RegExp(
  [
    '^Resolv(ing|ed) connection token',
    '^Creating a socket',
    '^\\[reconnection-grace-time\\]',
    '^Updating additional builtin extensions cache',
    '^\\[Service Worker\\]',
    '^\\[AgentHost',
    '^\\[AccountPolicyGate\\]',
    "^Timed out waiting for authentication provider 'github'",
    'getaddrinfo ENOTFOUND',
    '^\\[perf\\]',
    '^Ignoring fetching additional builtin extensions from gallery',
    '^Canceled: Canceled', // extension hosts being stopped after the tests
  ].join('|'),
);

function killServer() {
  if (server && server.exitCode === null && server.signalCode === null) {
    try {
      process.kill(-server.pid, 'SIGKILL'); // whole process group: server, extension host, pty host…
    } catch {
      /* already gone */
    }
  }
}
process.on('exit', killServer);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    info(`got ${sig}, stopping`);
    finish(130, 'signal');
  });
}

async function takeShot(name) {
  const file = path.join(artifacts, `vscode-${name.replace(/[^A-Za-z0-9._-]/g, '_')}.png`);
  const job = shotQueue.then(async () => {
    if (!page || page.isClosed()) throw new Error('no page');
    await page.screenshot({ path: file, timeout: 15000 });
    info(`screenshot ${file}`);
    return file;
  });
  shotQueue = job.catch(() => {});
  return job;
}

async function finish(code, why) {
  if (finished) return;
  finished = true;
  info(`finishing (${why}), exit code ${code}`);
  if (page && !page.isClosed()) {
    await takeShot(runName + (why === 'timeout' ? '-timeout' : '')).catch((e) => info(`exit screenshot failed: ${e.message}`));
  }
  await Promise.race([context?.close().catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
  rigServer?.close();
  killServer();
  await new Promise((r) => fullLog.end(r));
  if (code !== 0) {
    const logCopy = path.join(artifacts, `vscode-${runName}.log`);
    try {
      fs.copyFileSync(path.join(tmp, 'full.log'), logCopy);
      info(`full log (server, workbench, browser): ${logCopy}`);
    } catch {
      /* no log */
    }
  }
  if (process.env.CASEREC_KEEP_TMP !== '1') {
    try {
      fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    } catch (e) {
      info(`could not remove ${tmp}: ${e.message}`);
    }
  } else info(`kept ${tmp}`);
  info(`done in ${elapsed().trim()} s`);
  process.exit(code);
}

setTimeout(() => {
  info(`TIMEOUT after ${timeoutS} s`);
  finish(124, 'timeout');
}, timeoutS * 1000);

// ---- 1. a tiny HTTP endpoint the tests can call for named screenshots ----------------------
rigServer = http.createServer(async (req, res) => {
  const u = new URL(req.url, 'http://x');
  if (u.pathname === '/screenshot' && u.searchParams.get('name')) {
    try {
      const file = await takeShot(u.searchParams.get('name'));
      res.writeHead(200, { 'content-type': 'text/plain' }).end(file);
    } catch (e) {
      res.writeHead(500).end(String(e?.message ?? e));
    }
  } else res.writeHead(404).end('not found');
});
await new Promise((r) => rigServer.listen(0, '127.0.0.1', r));
const rigUrl = `http://127.0.0.1:${rigServer.address().port}`;

// ---- 2. the VS Code server ---------------------------------------------------------------
info(`starting VS Code server (${path.relative(toolsDir, codeServer) || codeServer}) with ${node24}`);
server = spawn(
  node24,
  [
    serverMain,
    '--host',
    '127.0.0.1',
    '--port',
    '0',
    '--without-connection-token',
    '--accept-server-license-terms',
    '--enable-smoke-test-driver',
    '--disable-workspace-trust',
    '--telemetry-level',
    'off',
    '--server-data-dir',
    path.join(tmp, 'server-data'),
    '--user-data-dir',
    path.join(tmp, 'user-data'),
    '--extensions-dir',
    path.join(tmp, 'extensions'),
  ],
  {
    detached: true, // own process group, so finish() can kill the extension host too
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      CASEREC_RIG_URL: rigUrl,
      // No extension gallery: code-server would otherwise query open-vsx.org (no network here).
      EXTENSIONS_GALLERY: process.env.EXTENSIONS_GALLERY ?? '{}',
    },
  },
);
server.on('exit', (code, sig) => {
  if (!finished) {
    info(`VS Code server exited unexpectedly (${code ?? sig}); see the full log`);
    finish(2, 'server exit');
  }
});
const port = await new Promise((resolve, reject) => {
  let buf = '';
  const onData = (d) => {
    fullLog.write(d);
    if (verbose) process.stderr.write(`[server] ${d}`);
    buf += d;
    const m = /Extension host agent listening on (\d+)/.exec(buf);
    if (m) resolve(Number(m[1]));
  };
  server.stdout.on('data', onData);
  server.stderr.on('data', onData);
  setTimeout(() => reject(new Error('VS Code server did not report its port within 60 s')), 60000).unref();
}).catch((e) => {
  info(e.message);
  return finish(2, 'server start');
});
info(`server on 127.0.0.1:${port}`);

// ---- 3. chromium + workbench -------------------------------------------------------------
const { chromium } = require('playwright-core');
const host = `127.0.0.1:${port}`;
const remote = (p) => `vscode-remote://${host}${p.split(path.sep).join('/')}`;
const payload = [
  ...devPaths.map((p) => ['extensionDevelopmentPath', remote(p)]),
  ['extensionTestsPath', remote(testsPath)],
  ['skipWelcome', 'true'],
  ['skipReleaseNotes', 'true'],
];
const url = new URL(`http://${host}/`);
if (openFolder) url.searchParams.set('folder', openFolder);
else url.searchParams.set('ew', 'true');
url.searchParams.set('payload', JSON.stringify(payload));

let resolveExit;
const exitCode = new Promise((r) => (resolveExit = r));
const onTestLine = (line) => {
  const m = /^\s*SCREENSHOT\s+(\S+)\s*$/.exec(line);
  if (m) takeShot(m[1]).catch((e) => info(`screenshot ${m[1]} failed: ${e.message}`));
};

try {
  context = await chromium.launchPersistentContext(path.join(tmp, 'chromium-profile'), {
    executablePath: chromiumPath,
    headless: true,
    // our own signal handlers close the browser after the exit screenshot
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    viewport: { width: Number(process.env.CASEREC_VSCODE_WIDTH || 1400), height: Number(process.env.CASEREC_VSCODE_HEIGHT || 900) },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  // Every workbench log message arrives here (the smoke-test ConsoleLogger), and so does the
  // extension host's console output while tests run (the workbench re-logs it at info level, with
  // extra console.log arguments joined by commas). Forward to stdout all but known startup chatter.
  await context.exposeFunction('codeAutomationLog', (level, msg) => {
    fullLog.write(`[workbench ${level}] ${msg}\n`);
    for (const line of String(msg).split('\n')) onTestLine(line);
    if (level === 'trace' || level === 'debug' || NOISE.test(msg)) {
      if (verbose) process.stderr.write(`[workbench ${level}] ${msg}\n`);
    } else process.stdout.write(`${level === 'info' ? '' : `[${level}] `}${msg}\n`);
  });
  await context.exposeFunction('codeAutomationExit', (code) => {
    info(`workbench reported exit code ${code}`);
    resolveExit(Number(code) || 0);
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => {
    fullLog.write(`[browser ${m.type()}] ${m.text()}\n`);
    if (verbose) process.stderr.write(`[browser ${m.type()}] ${m.text()}\n`);
  });
  page.on('pageerror', (e) => {
    fullLog.write(`[pageerror] ${e.stack || e.message}\n`);
    if (verbose) process.stderr.write(`[pageerror] ${e.message}\n`);
  });
  info(`opening workbench ${openFolder ? `on folder ${openFolder}` : '(empty window)'}`);
  await page.goto(url.toString(), { waitUntil: 'domcontentloaded', timeout: 60000 });
} catch (e) {
  info(`browser failed: ${e.stack || e}`);
  await finish(2, 'browser');
}

const code = await exitCode;
await finish(code, 'tests finished');

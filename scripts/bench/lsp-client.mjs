// Keystroke → publishDiagnostics over stdio, against a real language server process, speaking plain LSP:
// initialize, didOpen, didChange (incremental or full text, as the server asks), wait for publishDiagnostics.
//   node scripts/bench/lsp-client.mjs FILE.case [--server PATH] [--singles 30] [--bursts 5] [--as-of D]
//                                     [--transport stdio|ipc] [--workspace DIR]
// --workspace opens DIR as the editor's workspace folder first (the server loads every record in it), as an editor
// does with a folder of records open; the record typed into need not be inside it.
// --transport ipc talks to the server over Node's IPC channel (--node-ipc), as the VS Code extension did until it
// moved to stdio (packages/extension/src/extension.ts says why).
//
// Which diagnostics answer which edit: when the server sends `version` with publishDiagnostics (LSP 3.15),
// the matching version. Otherwise (Langium's default handler sends none): single edits are sent one at a
// time, so the first publication after an edit is that edit's; a burst types into a person id in a
// `note … by <id>` header, so the final version's diagnostics are the ones naming the whole typed id.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { ROOT, SERVER, median, quantile, nowMs, round } from './lib.mjs';

const STAND_IN = path.join(ROOT, 'scripts/bench/stand-in-server.mjs');

/** The real server when it is built, else the stand-in (plain Langium LSP over our core module). */
export function pickServer(explicit) {
  if (explicit) return { path: path.resolve(explicit), kind: 'given' };
  if (fs.existsSync(SERVER)) return { path: SERVER, kind: 'real (packages/language/out/lsp/main.js)' };
  return { path: STAND_IN, kind: 'stand-in (plain Langium LSP over CaserecModule; real server not built)' };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function positionAt(text, offset) {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

export async function measureKeystrokes({
  file,
  server,
  asOf,
  singles = 30,
  bursts = 5,
  burstKeys = 10,
  keyGapMs = 50,
  settleMs = 30,
  timeoutMs = 120_000,
  cpuProfileDir,
  transport = 'stdio',
  workspace,
}) {
  const picked = pickServer(server);
  const nodeArgs = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [];
  // Extra node options for the server only (e.g. --require a tracer), from the environment.
  if (process.env.CASEREC_BENCH_SERVER_NODE_ARGS) nodeArgs.push(...process.env.CASEREC_BENCH_SERVER_NODE_ARGS.split(' '));
  const ipc = transport === 'ipc';
  const child = spawn(process.execPath, [...nodeArgs, picked.path, ipc ? '--node-ipc' : '--stdio'], {
    cwd: ROOT,
    env: { ...process.env, CASEREC_AS_OF: asOf ?? '' },
    stdio: ipc ? ['pipe', 'pipe', 'pipe', 'ipc'] : ['pipe', 'pipe', 'pipe'],
  });
  const stderr = [];
  child.stderr.on('data', (c) => stderr.push(c));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const connection = ipc
    ? createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child))
    : createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const uri = pathToFileURL(path.resolve(file)).href;
  const published = [];
  let waiter;
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    if (params.uri !== uri) return;
    const entry = { at: nowMs(), version: params.version, diagnostics: params.diagnostics };
    published.push(entry);
    if (waiter && waiter.test(entry, published.length)) {
      const { resolve } = waiter;
      waiter = undefined;
      resolve(entry);
    }
  });
  connection.onRequest((method, params) => {
    if (method === 'workspace/configuration') return (params?.items ?? []).map(() => (asOf ? { asOf } : null));
    return null;
  });
  connection.onNotification(() => {});
  connection.listen();

  const waitFor = (test, label) =>
    new Promise((resolve, reject) => {
      const found = published.find((entry, i) => test(entry, i + 1));
      if (found) return resolve(found);
      const timer = setTimeout(() => reject(new Error(`no publishDiagnostics for ${label} within ${timeoutMs} ms`)), timeoutMs);
      waiter = {
        test,
        resolve: (entry) => {
          clearTimeout(timer);
          resolve(entry);
        },
      };
    });

  try {
    let text = fs.readFileSync(file, 'utf8');
    const init = await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: workspace ? pathToFileURL(path.resolve(workspace)).href : null,
      workspaceFolders: workspace ? [{ uri: pathToFileURL(path.resolve(workspace)).href, name: path.basename(workspace) }] : null,
      initializationOptions: asOf ? { asOf } : undefined,
      capabilities: {
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: false },
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
        },
        workspace: { configuration: true, workspaceFolders: Boolean(workspace) },
      },
    });
    const sync = init.capabilities.textDocumentSync;
    const syncKind = typeof sync === 'number' ? sync : (sync?.change ?? 1);
    await connection.sendNotification('initialized', {});

    let version = 1;
    const openedAt = nowMs();
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'caserec', version, text } });
    const first = await waitFor(() => true, 'didOpen');
    const openMs = first.at - openedAt;
    const versioned = first.version !== undefined && first.version !== null;

    const edit = async (offset, deleteCount, insert) => {
      const start = positionAt(text, offset);
      const end = deleteCount ? positionAt(text, offset + deleteCount) : start;
      text = text.slice(0, offset) + insert + text.slice(offset + deleteCount);
      version++;
      const change = syncKind === 2 ? { range: { start, end }, text: insert } : { text };
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      return { version, sentAt: nowMs(), countAtSend: published.length };
    };

    // Single edits: type a sentence, one character at a time, into a prose block in the middle of the record.
    const middle = text.indexOf('observations: """', Math.floor(text.length / 2));
    let cursor = (middle >= 0 ? middle : Math.floor(text.length / 2)) + 'observations: """'.length;
    const phrase = 'The worker noted that the children were calm and engaged throughout the visit. ';
    const single = [];
    const singleComplete = [];
    const waitForSecond = (version, label) => {
      let seen = 0;
      return waitFor((entry) => entry.version === version && ++seen === 2, label).catch(() => undefined);
    };
    for (let i = 0; i < singles; i++) {
      const sent = await edit(cursor, 0, phrase[i % phrase.length]);
      cursor++;
      const got = await waitFor(
        (entry, n) => (versioned ? entry.version === sent.version : n > sent.countAtSend),
        `single edit version ${sent.version}`,
      );
      single.push(got.at - sent.sentAt);
      // The server publishes an edit twice: per-entry findings (with the last case pass's findings moved along),
      // then the case pass. The second is the complete, fresh set.
      const complete = versioned ? await waitForSecond(sent.version, `case pass of version ${sent.version}`) : got;
      singleComplete.push(complete.at - sent.sentAt);
      await sleep(settleMs);
    }

    // Bursts: a note whose author id is being typed; burstKeys keystrokes keyGapMs apart, then the time from the
    // last keystroke to the diagnostics of the final version.
    const burstResults = [];
    if (bursts > 0) {
      const date = /(\d{4}-\d{2}-\d{2})/.exec(text.slice(cursor))?.[1] ?? '2020-01-01';
      const child = /\bchild ([a-z][\w-]*) "/.exec(text)?.[1] ?? 'x';
      let id = 'zq';
      const entry = `\nnote ${date} by ${id} about ${child} {\n  text: """Typed during the benchmark."""\n}\n`;
      const at = text.length;
      const setup = await edit(at, 0, entry);
      const marker = (name) => `"${name}"`;
      await waitFor(
        (e, n) =>
          versioned
            ? e.version === setup.version
            : n > setup.countAtSend && e.diagnostics.some((d) => String(d.message).includes(marker(id))),
        'burst set-up',
      );
      let idEnd = at + entry.indexOf(` about ${child}`);
      const letters = 'abcdefghijklmnopqrstuvwxyz';
      for (let b = 0; b < bursts; b++) {
        await sleep(300);
        const before = published.length;
        let last;
        for (let k = 0; k < burstKeys; k++) {
          const ch = letters[(b * burstKeys + k) % letters.length];
          last = await edit(idEnd, 0, ch);
          idEnd++;
          id += ch;
          if (k < burstKeys - 1) await sleep(keyGapMs);
        }
        const finalId = id;
        const got = await waitFor(
          (e, n) =>
            versioned
              ? e.version === last.version
              : n > last.countAtSend - 0 && e.diagnostics.some((d) => String(d.message).includes(marker(finalId))),
          `burst ${b + 1}`,
        );
        const complete = versioned ? await waitForSecond(last.version, `case pass of burst ${b + 1}`) : got;
        burstResults.push({
          afterLastKeyMs: got.at - last.sentAt,
          completeAfterLastKeyMs: (complete ?? got).at - last.sentAt,
          publications: published.length - before,
        });
      }
    }

    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    const exit = await Promise.race([exited, sleep(15_000).then(() => undefined)]);
    if (!exit) child.kill('SIGKILL');
    connection.dispose();
    return {
      server: picked.kind,
      transport,
      workspace: workspace ? path.resolve(workspace) : null,
      syncKind: syncKind === 2 ? 'incremental' : 'full',
      versionInDiagnostics: versioned,
      bytes: Buffer.byteLength(fs.readFileSync(file)),
      openMs: round(openMs),
      single: {
        n: single.length,
        medianMs: round(median(single)),
        p95Ms: round(quantile(single, 0.95)),
        maxMs: round(Math.max(...single)),
        completeMedianMs: round(median(singleComplete)),
        completeP95Ms: round(quantile(singleComplete, 0.95)),
        // Each edit's time in order, to tell a slow first edit from a slow tail.
        perEditMs: single.map((ms) => round(ms)),
        completePerEditMs: singleComplete.map((ms) => round(ms)),
      },
      bursts: {
        n: burstResults.length,
        keys: burstKeys,
        keyGapMs,
        medianAfterLastKeyMs: round(median(burstResults.map((r) => r.afterLastKeyMs))),
        maxAfterLastKeyMs: round(Math.max(...burstResults.map((r) => r.afterLastKeyMs))),
        completeMedianAfterLastKeyMs: round(median(burstResults.map((r) => r.completeAfterLastKeyMs))),
        completeMaxAfterLastKeyMs: round(Math.max(...burstResults.map((r) => r.completeAfterLastKeyMs))),
        publicationsPerBurst: median(burstResults.map((r) => r.publications)),
        // Each burst's time from the last keystroke to fresh per-entry diagnostics, in order.
        perBurstMs: burstResults.map((r) => round(r.afterLastKeyMs)),
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    connection.dispose();
    const err = Buffer.concat(stderr).toString('utf8').slice(-2000);
    throw new Error(`${error.message}\nserver: ${picked.path}\nserver stderr: ${err}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const result = await measureKeystrokes({
    file: args[0],
    server: opt('--server'),
    asOf: opt('--as-of'),
    singles: Number(opt('--singles', '30')),
    bursts: Number(opt('--bursts', '5')),
    cpuProfileDir: opt('--cpu-prof-dir'),
    transport: opt('--transport', 'stdio'),
    workspace: opt('--workspace'),
  });
  console.log(JSON.stringify(result, null, 2));
}

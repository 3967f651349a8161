import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type {
  InitializeResult,
  PublishDiagnosticsParams,
  ShowMessageParams,
  TextDocumentContentChangeEvent,
  TextEdit,
} from 'vscode-languageserver-protocol';

/**
 * The plumbing of the protocol tests: the REAL built server (`packages/language/out/lsp/main.js --stdio`) as a
 * child process, driven over JSON-RPC by vscode-jsonrpc, as an editor would. It answers the server's requests
 * (workspace/configuration with the test's settings, capability registration) and records what the server
 * sends unasked (diagnostics, messages), so that tests wait on events, never on sleeps.
 */

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SERVER = path.join(REPO, 'packages/language/out/lsp/main.js');
export const CONTRACT = path.join(REPO, 'test/fixtures/contract');

/** How long any one wait may take before the test fails with what did arrive. */
const PATIENCE_MS = Number(process.env.LSP_PATIENCE ?? 20_000);

/** The bundled server that the .vsix ships (built by `npm run build -w caserec-vscode`). */
export const BUNDLED_SERVER = path.join(REPO, 'packages/extension/out/server.cjs');

export interface StartOptions {
  /** The server's entry module: the tsc build by default, or the bundle. */
  readonly server?: string;
  /** The workspace folder (its .case files are loaded by the server). */
  readonly folder?: string;
  /** The `caserec` settings section, as the editor would hold it. */
  readonly settings?: Record<string, unknown>;
}

export interface LspClient {
  readonly connection: MessageConnection;
  readonly initializeResult: InitializeResult;
  /** Every publishDiagnostics, in arrival order. */
  readonly published: PublishDiagnosticsParams[];
  readonly messages: ShowMessageParams[];
  /** The server's stderr (nothing of the protocol goes there). */
  stderr(): string;
  /** Resolves with the first publication for `uri` (already received or still to come) that `accept` takes. */
  diagnostics(uri: string, accept?: (params: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams>;
  /** Resolves with the first window/showMessage that `accept` takes. */
  message(accept: (params: ShowMessageParams) => boolean): Promise<ShowMessageParams>;
  open(uri: string, text: string, version?: number): void;
  change(uri: string, changes: TextDocumentContentChangeEvent[], version: number): void;
  request<R>(method: string, params: unknown): Promise<R>;
  /** Changes the settings and tells the server, the "pull" way (settings: null), as VS Code does. */
  setSettings(settings: Record<string, unknown>): void;
  /** Writes bytes straight to the server's stdin, past the JSON-RPC writer (for garbage tests). */
  writeRaw(bytes: string): void;
  exited(): Promise<number | null>;
  stop(): Promise<void>;
}

export function fileUri(file: string): string {
  return pathToFileURL(file).toString();
}

export async function startServer(options: StartOptions = {}): Promise<LspClient> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [options.server ?? SERVER, '--stdio'], {
    cwd: REPO,
    stdio: 'pipe',
    // Every publication is compared with JSON.stringify of it (see packages/language/src/lsp/message-encoder.ts).
    env: { ...process.env, CASEREC_VERIFY_ENCODING: '1' },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published: PublishDiagnosticsParams[] = [];
  const messages: ShowMessageParams[] = [];
  const waiters: (() => void)[] = [];
  const notify = () => waiters.splice(0).forEach((wake) => wake());
  let settings = options.settings ?? {};

  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    published.push(params);
    notify();
  });
  connection.onNotification('window/showMessage', (params: ShowMessageParams) => {
    messages.push(params);
    notify();
  });
  connection.onNotification('window/logMessage', () => undefined);
  connection.onNotification('$/progress', () => undefined);
  connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
    params.items.map((item) => (item.section === 'caserec' ? settings : null)),
  );
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('client/unregisterCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('workspace/semanticTokens/refresh', () => null);
  connection.onRequest('workspace/inlayHint/refresh', () => null);
  connection.onRequest('workspace/codeLens/refresh', () => null);
  connection.listen();

  const folder = options.folder;
  const initializeResult = await connection.sendRequest<InitializeResult>('initialize', {
    processId: process.pid,
    rootUri: folder ? fileUri(folder) : null,
    workspaceFolders: folder ? [{ uri: fileUri(folder), name: path.basename(folder) }] : null,
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true, applyEdit: true },
      textDocument: {
        synchronization: { didSave: true, dynamicRegistration: false },
        publishDiagnostics: { versionSupport: true, relatedInformation: true },
        completion: { completionItem: { snippetSupport: true, labelDetailsSupport: true } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, dataSupport: true },
        rename: { prepareSupport: true },
        semanticTokens: {
          requests: { full: true, range: true },
          tokenTypes: [],
          tokenModifiers: [],
          formats: ['relative'],
        },
        inlayHint: {},
        codeLens: {},
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        foldingRange: {},
      },
    },
  });
  await connection.sendNotification('initialized', {});

  function waitFor<T>(what: string, find: () => T | undefined): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out waiting for ${what}; received: ${describe()}\nserver stderr: ${stderr}`)),
        PATIENCE_MS,
      );
      const check = () => {
        const found = find();
        if (found !== undefined) {
          clearTimeout(timer);
          resolve(found);
        } else {
          waiters.push(check);
        }
      };
      check();
    });
  }

  function describe(): string {
    return JSON.stringify(published.map((p) => ({ uri: p.uri.slice(-40), version: p.version, count: p.diagnostics.length })));
  }

  return {
    connection,
    initializeResult,
    published,
    messages,
    stderr: () => stderr,
    diagnostics: (uri, accept = () => true) => waitFor(`diagnostics of ${uri}`, () => published.find((p) => p.uri === uri && accept(p))),
    message: (accept) => waitFor('a message', () => messages.find(accept)),
    open: (uri, text, version = 1) =>
      void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'caserec', version, text } }),
    change: (uri, changes, version) =>
      void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes }),
    request: <R>(method: string, params: unknown) => connection.sendRequest<R>(method, params),
    setSettings: (next) => {
      settings = next;
      void connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    },
    writeRaw: (bytes) => void child.stdin.write(bytes),
    exited: () => exit,
    stop: async () => {
      try {
        await Promise.race([connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 2000))]);
        await connection.sendNotification('exit');
      } catch {
        // The server may already be gone; the kill below makes sure.
      }
      connection.dispose();
      child.kill();
      await exit;
    },
  };
}

/** Applies LSP text edits to a text (edits of one document, non-overlapping, in any order). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const offsets = lineOffsets(text);
  const at = (position: { line: number; character: number }) => (offsets[position.line] ?? text.length) + position.character;
  const sorted = [...edits].sort((a, b) => at(b.range.start) - at(a.range.start));
  let result = text;
  for (const edit of sorted) result = result.slice(0, at(edit.range.start)) + edit.newText + result.slice(at(edit.range.end));
  return result;
}

function lineOffsets(text: string): number[] {
  const offsets = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') offsets.push(i + 1);
  return offsets;
}

/** A fixture file's text and URI. */
export function fixture(relative: string): { uri: string; text: string; file: string } {
  const file = path.join(CONTRACT, relative);
  return { uri: fileUri(file), text: fs.readFileSync(file, 'utf8'), file };
}

/** The 0-based position of the first occurrence of `marker` (plus `delta` characters) in `text`. */
export function positionOf(text: string, marker: string, delta = 0): { line: number; character: number } {
  const index = text.indexOf(marker);
  if (index < 0) throw new Error(`marker not found: ${marker}`);
  const offset = index + delta;
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

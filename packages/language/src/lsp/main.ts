import '../polyfill.js';
import { NodeFileSystem } from 'langium/node';
import { inspect } from 'node:util';
import { createConnection, ProposedFeatures, StreamMessageWriter, type Connection, type MessageReader } from 'vscode-languageserver/node';
import { createCaserecLspServices } from './caserec-lsp-module.js';
import { startCaserecLanguageServer } from './language-server.js';
import { messageEncoder } from './message-encoder.js';
import { logError } from './safety.js';

// The transport comes from the command line: --stdio, --node-ipc or --socket=N (vscode-languageserver reads it).
// Over stdio the server writes with its own encoder, which makes each published finding's JSON once. stdin is
// handed over as the stream it is (the types want a reader and a writer alike): vscode-languageserver reads a
// stream itself, and exits when it closes, as when it opens stdio from --stdio.
const stdio = process.argv.includes('--stdio');
const connection = stdio
  ? createConnection(
      ProposedFeatures.all,
      process.stdin as unknown as MessageReader,
      new StreamMessageWriter(process.stdout, { contentTypeEncoder: messageEncoder }),
    )
  : createConnection(ProposedFeatures.all);
if (stdio) sendConsoleToClient(connection);

// The server never falls over: an error that escapes a handler is logged, and the server carries on.
process.on('uncaughtException', (error) => logError('the server (uncaught)', error));
process.on('unhandledRejection', (reason) => logError('the server (unhandled promise)', reason));

const { shared } = createCaserecLspServices({ connection, ...NodeFileSystem });
startCaserecLanguageServer(shared);

/**
 * stdout carries the protocol, so nothing else may be written to it: what the code (or a library) logs goes
 * to the client's log instead, as vscode-languageserver arranges itself when it opens stdio from --stdio.
 */
function sendConsoleToClient(connection: Connection): void {
  const text = (args: unknown[]) => args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg))).join(' ');
  console.log = (...args: unknown[]) => connection.console.log(text(args));
  console.info = (...args: unknown[]) => connection.console.info(text(args));
  console.debug = (...args: unknown[]) => connection.console.log(text(args));
  console.warn = (...args: unknown[]) => connection.console.warn(text(args));
  console.error = (...args: unknown[]) => connection.console.error(text(args));
  console.dir = (arg: unknown) => connection.console.log(inspect(arg));
  console.trace = (...args: unknown[]) => connection.console.log(`Trace: ${text(args)}\n${new Error().stack ?? ''}`);
}

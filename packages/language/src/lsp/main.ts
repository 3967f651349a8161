import '../polyfill.js';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createCaserecLspServices } from './caserec-lsp-module.js';
import { startCaserecLanguageServer } from './language-server.js';
import { logError } from './safety.js';

// The transport comes from the command line: --stdio, --node-ipc or --socket=N (vscode-languageserver reads it).
const connection = createConnection(ProposedFeatures.all);

// The server never falls over: an error that escapes a handler is logged, and the server carries on.
process.on('uncaughtException', (error) => logError('the server (uncaught)', error));
process.on('unhandledRejection', (reason) => logError('the server (unhandled promise)', reason));

const { shared } = createCaserecLspServices({ connection, ...NodeFileSystem });
startCaserecLanguageServer(shared);

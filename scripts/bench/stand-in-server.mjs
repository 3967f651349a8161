#!/usr/bin/env node
// A stand-in language server for the keystroke benchmark while packages/language/out/lsp/main.js is not built:
// Langium's default LSP module over our core module (parsing, case-scoped linking, all validation), exactly as
// `langium/lsp` serves any language, with no caserec LSP features. run.mjs uses the real server whenever it
// exists and labels the figures with the server it measured. Run: node stand-in-server.mjs --stdio
import { importLanguage, LANGUAGE_OUT } from './lib.mjs';
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';

const { CaserecModule } = await importLanguage();
const { createConnection, ProposedFeatures } = await import('vscode-languageserver/node');
const { NodeFileSystem } = await import('langium/node');
const { createDefaultModule, createDefaultSharedModule, startLanguageServer } = await import('langium/lsp');
const { inject } = await import('langium');
const generated = await import(pathToFileURL(path.join(LANGUAGE_OUT, 'generated/module.js')).href);
const { registerValidationChecks } = await import(pathToFileURL(path.join(LANGUAGE_OUT, 'validation/caserec-validator.js')).href);

const connection = createConnection(ProposedFeatures.all);
const shared = inject(createDefaultSharedModule({ connection, ...NodeFileSystem }), generated.CaserecGeneratedSharedModule);
const Caserec = inject(createDefaultModule({ shared }), generated.CaserecGeneratedModule, CaserecModule);
shared.ServiceRegistry.register(Caserec);
registerValidationChecks(Caserec);
if (process.env.CASEREC_AS_OF) Caserec.caserec.Settings.asOf = process.env.CASEREC_AS_OF;
startLanguageServer(shared);

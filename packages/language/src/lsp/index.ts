export * from './caserec-lsp-module.js';
export * from './language-server.js';
export * from './protocol.js';
export * from './configuration.js';
export * from './clocks.js';
export * from './entry-templates.js';
export { CaserecFormatter, isSafeToFormat } from './formatter.js';
export { insertBodyLine } from './code-actions.js';
export { DEBOUNCE_MS } from './document-update-handler.js';

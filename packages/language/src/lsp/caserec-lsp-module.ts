import type { Module } from 'langium';
import { inject } from 'langium';
import type {
  DefaultSharedModuleContext,
  LangiumServices,
  LangiumSharedServices,
  PartialLangiumServices,
  PartialLangiumSharedServices,
} from 'langium/lsp';
import { createDefaultModule, createDefaultSharedModule } from 'langium/lsp';
import { CaserecModule, CaserecSharedModule, languageModeModule, type CaserecAddedServices } from '../caserec-module.js';
import { CaserecGeneratedModule, CaserecGeneratedSharedModule } from '../generated/module.js';
import { registerValidationChecks } from '../validation/caserec-validator.js';
import { CaserecCodeActionProvider } from './code-actions.js';
import { CaserecCodeLensProvider } from './code-lens-provider.js';
import { CaserecCompletionProvider } from './completion-provider.js';
import { CaserecConfigurationProvider } from './configuration.js';
import { CaserecDocumentBuilder } from './document-builder.js';
import { CaserecDocumentSymbolProvider } from './document-symbol-provider.js';
import { CaserecDocumentUpdateHandler } from './document-update-handler.js';
import { EditTrackingTextDocuments } from './edit-tracking-text-documents.js';
import { CaserecLinker } from '../references/case-linker.js';
import { CaserecDocumentValidator } from '../validation/document-validator.js';
import { CaserecFormatter } from './formatter.js';
import { CaserecHoverProvider } from './hover-provider.js';
import { CaserecInlayHintProvider } from './inlay-hint-provider.js';
import { CaserecRenameProvider } from './rename-provider.js';
import { CaserecSemanticTokenProvider } from './semantic-token-provider.js';

/** The language's services in the language server: Langium's LSP services, the core of caserec, and ours. */
export type CaserecLspServices = LangiumServices & CaserecAddedServices;

/**
 * The editor features, one service each (architecture sketch, `lsp/`). Only the language server adds this
 * module; the CLI builds its services from caserec-module.ts alone and never loads LSP code.
 */
export const CaserecLspModule: Module<CaserecLspServices, PartialLangiumServices> = {
  // An edit relinks and re-checks only the entries it reparsed (incremental parsing happens in the server only).
  references: {
    Linker: (services) => new CaserecLinker(services),
  },
  validation: {
    DocumentValidator: (services) => new CaserecDocumentValidator(services, true),
  },
  lsp: {
    CodeActionProvider: (services) => new CaserecCodeActionProvider(services),
    CompletionProvider: (services) => new CaserecCompletionProvider(services),
    HoverProvider: (services) => new CaserecHoverProvider(services),
    CodeLensProvider: (services) => new CaserecCodeLensProvider(services),
    InlayHintProvider: (services) => new CaserecInlayHintProvider(services),
    DocumentSymbolProvider: () => new CaserecDocumentSymbolProvider(),
    Formatter: () => new CaserecFormatter(),
    SemanticTokenProvider: (services) => new CaserecSemanticTokenProvider(services),
    RenameProvider: (services) => new CaserecRenameProvider(services),
  },
};

/**
 * Shared services of the server: debounced updates, the builder that flushes them, checked settings, and text
 * documents that note where each edit falls (for the incremental parser).
 */
export const CaserecSharedLspModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
  lsp: {
    DocumentUpdateHandler: (shared) => new CaserecDocumentUpdateHandler(shared),
  },
  workspace: {
    TextDocuments: () => new EditTrackingTextDocuments(),
    DocumentBuilder: (shared) => new CaserecDocumentBuilder(shared),
    ConfigurationProvider: (shared) => new CaserecConfigurationProvider(shared),
  },
};

/** The server's services: `createCaserecLspServices({ connection, ...NodeFileSystem })`, or EmptyFileSystem in tests. */
export function createCaserecLspServices(context: DefaultSharedModuleContext): {
  shared: LangiumSharedServices;
  Caserec: CaserecLspServices;
} {
  const shared = inject(createDefaultSharedModule(context), CaserecGeneratedSharedModule, CaserecSharedModule, CaserecSharedLspModule);
  const Caserec = inject(createDefaultModule({ shared }), CaserecGeneratedModule, CaserecModule, languageModeModule(), CaserecLspModule);
  shared.ServiceRegistry.register(Caserec);
  registerValidationChecks(Caserec);
  return { shared, Caserec };
}

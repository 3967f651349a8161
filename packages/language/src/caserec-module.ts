import type {
  DefaultSharedCoreModuleContext,
  LangiumCoreServices,
  LangiumSharedCoreServices,
  Module,
  PartialLangiumCoreServices,
  PartialLangiumSharedCoreServices,
} from 'langium';
import { createDefaultCoreModule, createDefaultSharedCoreModule, inject } from 'langium';
import { CaserecGeneratedModule, CaserecGeneratedSharedModule, CaserecLanguageMetaData } from './generated/module.js';
import { CaserecTokenBuilder } from './parser/token-builder.js';
import { CaserecValueConverter } from './parser/value-converter.js';
import { CaserecParserErrorMessageProvider } from './parser/error-messages.js';
import { createBoundedRecoveryParser } from './parser/bounded-recovery.js';
import { CaserecScopeComputation, CaserecScopeProvider } from './references/case-scope.js';
import { CaserecDocumentValidator } from './validation/document-validator.js';
import { CaserecValidationRegistry } from './validation/validation-registry.js';
import { registerValidationChecks } from './validation/caserec-validator.js';
import { CaserecSettings } from './engine/settings.js';
import { CaseValidator } from './engine/case-validator.js';
import { CaserecDocumentFactory } from './parser/incremental-document-factory.js';
import { LazyIndexManager } from './references/lazy-index-manager.js';
import { LiveAstNodeDescriptionProvider } from './references/live-descriptions.js';
import { ListedLangiumDocuments } from './references/listed-documents.js';

/** Services of ours, beside Langium's. */
export interface CaserecAddedServices {
  caserec: {
    Settings: CaserecSettings;
    CaseValidator: CaseValidator;
  };
}

export type CaserecServices = LangiumCoreServices & CaserecAddedServices;

/**
 * The language's core services: parsing, linking within a case, and validation. The CLI and the tests use
 * this module alone; the language server adds the LSP module of `lsp/` on top (as Langium keeps `langium` and
 * `langium/lsp` apart), so the CLI never loads LSP code.
 */
export const CaserecModule: Module<CaserecServices, PartialLangiumCoreServices & CaserecAddedServices> = {
  parser: {
    TokenBuilder: () => new CaserecTokenBuilder(),
    ValueConverter: () => new CaserecValueConverter(),
    ParserErrorMessageProvider: () => new CaserecParserErrorMessageProvider(),
    LangiumParser: (services) => createBoundedRecoveryParser(services),
    // LL(2): the grammar needs no more (built with Chevrotain's checks at k = 2 it reports no ambiguity;
    // test/parsing/grammar-checks.test.ts), and Langium's default, ALL(*), costs more to build at each start.
    ParserConfig: () => ({ maxLookahead: 2 }),
  },
  references: {
    ScopeComputation: (services) => new CaserecScopeComputation(services),
    ScopeProvider: (services) => new CaserecScopeProvider(services),
  },
  workspace: {
    // Descriptions that read their positions live, so a record's exports can be kept across keystrokes.
    AstNodeDescriptionProvider: (services) => new LiveAstNodeDescriptionProvider(services),
  },
  validation: {
    DocumentValidator: (services) => new CaserecDocumentValidator(services),
    ValidationRegistry: (services) => new CaserecValidationRegistry(services),
  },
  caserec: {
    Settings: () => new CaserecSettings(),
    CaseValidator: (services) => new CaseValidator(services.shared, services.caserec.Settings),
  },
};

/** Shared services of ours: a changed record is parsed again only where it changed; references are indexed when asked for. */
export const CaserecSharedModule: Module<LangiumSharedCoreServices, PartialLangiumSharedCoreServices> = {
  workspace: {
    LangiumDocumentFactory: (shared) => new CaserecDocumentFactory(shared),
    LangiumDocuments: (shared) => new ListedLangiumDocuments(shared),
    IndexManager: (shared) => new LazyIndexManager(shared),
  },
};

export interface CaserecServicesOptions {
  /**
   * Check the grammar as the parser and lexer are built (Chevrotain's definition checks and ambiguity
   * warnings, Langium's development mode). They cost about a third of building the parser on every start and
   * find nothing in a grammar that passed them, so they run in the grammar's own test, not in the product.
   */
  readonly grammarChecks?: boolean;
}

/** The language's mode: production (no grammar checks) unless asked for. */
export function languageModeModule(options: CaserecServicesOptions = {}): Module<LangiumCoreServices, PartialLangiumCoreServices> {
  return {
    LanguageMetaData: () => ({ ...CaserecLanguageMetaData, mode: options.grammarChecks ? 'development' : 'production' }),
  };
}

export function createCaserecServices(
  context: DefaultSharedCoreModuleContext,
  options: CaserecServicesOptions = {},
): {
  shared: LangiumSharedCoreServices;
  Caserec: CaserecServices;
} {
  const shared = inject(createDefaultSharedCoreModule(context), CaserecGeneratedSharedModule, CaserecSharedModule);
  const Caserec = inject(createDefaultCoreModule({ shared }), CaserecGeneratedModule, CaserecModule, languageModeModule(options));
  shared.ServiceRegistry.register(Caserec);
  registerValidationChecks(Caserec);
  return { shared, Caserec };
}

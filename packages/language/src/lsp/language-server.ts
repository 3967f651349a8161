import { DocumentState, URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import {
  addCallHierarchyHandler,
  addCodeActionHandler,
  addCodeLensHandler,
  addCompletionHandler,
  addConfigurationChangeHandler,
  addDocumentHighlightHandler,
  addDocumentLinkHandler,
  addDocumentSymbolHandler,
  addDocumentUpdateHandler,
  addExecuteCommandHandler,
  addFileOperationHandler,
  addFindReferencesHandler,
  addFoldingRangeHandler,
  addFormattingHandler,
  addGoToDeclarationHandler,
  addGoToImplementationHandler,
  addGoToTypeDefinitionHandler,
  addGotoDefinitionHandler,
  addHoverHandler,
  addInlayHintHandler,
  addRenameHandler,
  addSemanticTokenHandler,
  addSignatureHelpHandler,
  addTextDocumentContentRequestHandler,
  addTypeHierarchyHandler,
  addWorkspaceSymbolHandler,
} from 'langium/lsp';
import type { CancellationToken, Connection } from 'vscode-languageserver';
import { DiagnosticSeverity, ResponseError, ErrorCodes } from 'vscode-languageserver';
import type { CaserecServices } from '../caserec-module.js';
import { chronologyHtmlOf } from './chronology-request.js';
import { DiagnosticsPublisher } from './diagnostics.js';
import type { CaserecDocumentUpdateHandler } from './document-update-handler.js';
import {
  CHRONOLOGY_HTML_REQUEST,
  VALIDATE_WORKSPACE_REQUEST,
  type ChronologyHtmlParams,
  type ValidateWorkspaceResult,
} from './protocol.js';
import { logError } from './safety.js';

/**
 * Langium's startLanguageServer, with our diagnostics publisher in place of Langium's (versioned, stale results
 * dropped, policy-file problems reported) and our two requests. Everything else is Langium's wiring.
 */
export function startCaserecLanguageServer(shared: LangiumSharedServices): void {
  const connection = shared.lsp.Connection;
  if (!connection) throw new Error('The caserec language server needs a connection.');
  addDocumentUpdateHandler(connection, shared);
  addFileOperationHandler(connection, shared);
  const publisher = new DiagnosticsPublisher(connection, shared);
  publisher.listen();
  // The case pass after an edit waits until the per-entry findings are on their way to the client.
  (shared.lsp.DocumentUpdateHandler as CaserecDocumentUpdateHandler).beforeCasePass = () => publisher.written();
  addCompletionHandler(connection, shared);
  addFindReferencesHandler(connection, shared);
  addDocumentSymbolHandler(connection, shared);
  addGotoDefinitionHandler(connection, shared);
  addGoToTypeDefinitionHandler(connection, shared);
  addGoToImplementationHandler(connection, shared);
  addDocumentHighlightHandler(connection, shared);
  addFoldingRangeHandler(connection, shared);
  addFormattingHandler(connection, shared);
  addCodeActionHandler(connection, shared);
  addRenameHandler(connection, shared);
  addHoverHandler(connection, shared);
  addInlayHintHandler(connection, shared);
  addSemanticTokenHandler(connection, shared);
  addExecuteCommandHandler(connection, shared);
  addSignatureHelpHandler(connection, shared);
  addCallHierarchyHandler(connection, shared);
  addTypeHierarchyHandler(connection, shared);
  addCodeLensHandler(connection, shared);
  addTextDocumentContentRequestHandler(connection, shared);
  addDocumentLinkHandler(connection, shared);
  addConfigurationChangeHandler(connection, shared);
  addGoToDeclarationHandler(connection, shared);
  addWorkspaceSymbolHandler(connection, shared);
  addCaserecRequests(connection, shared);
  connection.onInitialize((params) => shared.lsp.LanguageServer.initialize(params));
  connection.onInitialized((params) => shared.lsp.LanguageServer.initialized(params));
  shared.workspace.TextDocuments.listen(connection);
  connection.listen();
}

function addCaserecRequests(connection: Connection, shared: LangiumSharedServices): void {
  connection.onRequest(CHRONOLOGY_HTML_REQUEST, async (params: ChronologyHtmlParams, token: CancellationToken) => {
    try {
      if (typeof params?.uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'caserec/chronologyHtml needs { uri }.');
      const uri = URI.parse(params.uri);
      if (!shared.ServiceRegistry.hasServices(uri)) throw new ResponseError(ErrorCodes.InvalidParams, `Not a case record: ${params.uri}`);
      await shared.workspace.WorkspaceManager.ready;
      await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Linked, uri, token);
      const document = shared.workspace.LangiumDocuments.getDocument(uri);
      if (!document) throw new ResponseError(ErrorCodes.InvalidParams, `Not open or not found: ${params.uri}`);
      const services = shared.ServiceRegistry.getServices(uri) as CaserecServices;
      return await shared.workspace.WorkspaceLock.read(() => chronologyHtmlOf(services, document));
    } catch (error) {
      if (error instanceof ResponseError) return error;
      logError('caserec/chronologyHtml', error);
      return new ResponseError(ErrorCodes.InternalError, 'The chronology could not be drawn; see the caserec log.');
    }
  });

  connection.onRequest(VALIDATE_WORKSPACE_REQUEST, async (): Promise<ValidateWorkspaceResult | ResponseError> => {
    try {
      await shared.workspace.WorkspaceManager.ready;
      const documents = shared.workspace.LangiumDocuments.all.toArray();
      // Every rule on every record, whatever the editor's settings hold back while typing.
      await shared.workspace.WorkspaceLock.write((token) => shared.workspace.DocumentBuilder.build(documents, { validation: true }, token));
      const result = { files: documents.length, errors: 0, warnings: 0, infos: 0 };
      for (const document of documents) {
        for (const diagnostic of document.diagnostics ?? []) {
          if (diagnostic.severity === DiagnosticSeverity.Error) result.errors++;
          else if (diagnostic.severity === DiagnosticSeverity.Warning) result.warnings++;
          else result.infos++;
        }
      }
      return result;
    } catch (error) {
      logError('caserec/validateWorkspace', error);
      return new ResponseError(ErrorCodes.InternalError, 'The workspace could not be checked; see the caserec log.');
    }
  });
}

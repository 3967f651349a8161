import type { LangiumDocument, LangiumSharedCoreServices } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import { DefaultDocumentBuilder, DocumentState, URI } from 'langium';
import { caseIdOfDocument } from './case-documents.js';

/**
 * Langium's document builder with two changes for the editor:
 * - A request that waits for a document (hover, completion, code lens…) first flushes the debounced edits of
 *   that document, so it is answered from the text the editor shows, not from the text before the pause.
 * - A change to one file of a case re-checks the other files of that case: the case-level rules read them all,
 *   so their findings may change too (architecture sketch, "two layers").
 */
export class CaserecDocumentBuilder extends DefaultDocumentBuilder {
  /** Set by the update handler: starts the pending build of `uri`, if any, and resolves once it is under way. */
  flushPending: ((uri: URI) => Promise<void>) | undefined;

  constructor(services: LangiumSharedCoreServices) {
    super(services);
  }

  override waitUntil(state: DocumentState, cancelToken?: CancellationToken): Promise<void>;
  override waitUntil(state: DocumentState, uri?: URI, cancelToken?: CancellationToken): Promise<URI>;
  override async waitUntil(
    state: DocumentState,
    uriOrToken?: URI | CancellationToken,
    cancelToken?: CancellationToken,
  ): Promise<URI | void> {
    if (uriOrToken instanceof URI || (uriOrToken && 'path' in uriOrToken)) {
      const uri = uriOrToken as URI;
      if (this.flushPending) await this.flushPending(uri);
      return super.waitUntil(state, uri, cancelToken);
    }
    return super.waitUntil(state, uriOrToken as CancellationToken | undefined);
  }

  protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
    if (super.shouldRelink(document, changedUris)) return true;
    const caseId = caseIdOfDocument(document);
    if (caseId === undefined) return false;
    for (const uri of changedUris) {
      const changed = this.langiumDocuments.getDocument(URI.parse(uri));
      if (changed && caseIdOfDocument(changed) === caseId) return true;
    }
    return false;
  }
}

export { DocumentState };

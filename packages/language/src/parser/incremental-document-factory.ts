import type { AstNode, LangiumDocument, LangiumSharedCoreServices, ParseResult } from 'langium';
import { DefaultLangiumDocumentFactory, DocumentState } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import type { Document } from '../generated/ast.js';
import { isEditSpanSource } from './edit-spans.js';
import { incrementalStats, parseIncrementally } from './incremental-parse.js';

/**
 * Langium's document factory, but a changed record is parsed again only where it changed (see
 * incremental-parse.ts): the language server re-reads an open record on every keystroke. Where the splice
 * cannot be shown to equal a full parse, the whole text is parsed as before.
 */
export class CaserecDocumentFactory extends DefaultLangiumDocumentFactory {
  constructor(private readonly sharedServices: LangiumSharedCoreServices) {
    super(sharedServices);
  }

  override async update<T extends AstNode = AstNode>(
    document: LangiumDocument<T>,
    cancellationToken: CancellationToken,
  ): Promise<LangiumDocument<T>> {
    const oldText = document.parseResult.value.$cstNode?.root.fullText;
    const textDocument = this.textDocuments?.get(document.uri.toString());
    if (oldText === undefined || textDocument === undefined || document.parseResult.value.$type !== 'Document') {
      return super.update(document, cancellationToken);
    }
    const text = textDocument.getText();
    // Where the editor's changes since the last parse fall, when the server's text documents noted it. Taken
    // on every update, so that it never outlives the parse it was noted against.
    const span = isEditSpanSource(this.textDocuments) ? this.textDocuments.takeEditSpan(textDocument, oldText) : undefined;
    if (text === oldText) return super.update(document, cancellationToken);
    const parser = this.sharedServices.ServiceRegistry.getServices(document.uri).parser.LangiumParser;
    const outcome = parseIncrementally(parser, document.parseResult as unknown as ParseResult<Document>, oldText, text, span);
    if ('fallback' in outcome) {
      incrementalStats.full[outcome.fallback] = (incrementalStats.full[outcome.fallback] ?? 0) + 1;
      return super.update(document, cancellationToken);
    }
    // As Langium's own update does: the editor's text document, updated in place by the connection.
    Object.defineProperty(document, 'textDocument', { value: textDocument });
    document.parseResult = outcome.result as unknown as ParseResult<T>;
    document.state = DocumentState.Parsed;
    return document;
  }
}

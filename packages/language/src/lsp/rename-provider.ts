import type { LangiumDocument } from 'langium';
import { AstUtils, GrammarAST } from 'langium';
import type { LangiumServices } from 'langium/lsp';
import { DefaultRenameProvider } from 'langium/lsp';
import type { RenameParams, WorkspaceEdit } from 'vscode-languageserver';
import { ResponseError, ErrorCodes } from 'vscode-languageserver';

const ID = /^[a-zA-Z][a-zA-Z0-9_-]*$/;

/**
 * Rename of people and entry ids across every file of the case (Langium's, over our case-scoped index), with
 * one guard: the new name must be an id the language accepts, and not one of its keywords (which could never
 * be referred to).
 */
export class CaserecRenameProvider extends DefaultRenameProvider {
  private readonly keywords: ReadonlySet<string>;

  constructor(services: LangiumServices) {
    super(services);
    this.keywords = new Set(
      AstUtils.streamAllContents(services.Grammar)
        .filter(GrammarAST.isKeyword)
        .map((keyword) => keyword.value)
        .filter((value) => ID.test(value)),
    );
  }

  override async rename(document: LangiumDocument, params: RenameParams): Promise<WorkspaceEdit | undefined> {
    const name = params.newName.trim();
    if (!ID.test(name)) {
      throw new ResponseError(
        ErrorCodes.InvalidParams,
        `"${params.newName}" is not an id: ids are letters, digits, _ and -, starting with a letter.`,
      );
    }
    if (this.keywords.has(name)) {
      throw new ResponseError(ErrorCodes.InvalidParams, `"${name}" is a keyword of the case-record language and cannot be an id.`);
    }
    return super.rename(document, { ...params, newName: name });
  }
}

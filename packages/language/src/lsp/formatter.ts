import type { AstNode, CstNode, LangiumDocument } from 'langium';
import { CstUtils, isCompositeCstNode, isLeafCstNode } from 'langium';
import { AbstractFormatter, Formatting, type FormattingAction } from 'langium/lsp';
import type { DocumentFormattingParams, DocumentRangeFormattingParams, FormattingOptions, Range, TextEdit } from 'vscode-languageserver';
import type { Document } from '../generated/ast.js';
import { isCaseDecl, isDocument, isEntry, isForCase, isCaseMember } from '../generated/ast.js';
import { isClosedTextBlock } from '../parser/token-builder.js';
import { guarded } from './safety.js';

/** The house layout: two spaces per level, whatever the editor's tab settings. */
const LAYOUT: Pick<FormattingOptions, 'tabSize' | 'insertSpaces'> = { tabSize: 2, insertSpaces: true };

/** One level in, after one blank line. */
const INDENT_AFTER_BLANK_LINE: FormattingAction = { options: {}, moves: [{ tabs: 1, lines: 2 }] };

/**
 * Indentation and spacing only: fields inside braces indented by two, one space between the words of a header,
 * none before `:` and `,` and one after, each field on its own line, one blank line at most between entries.
 * It only ever rewrites the whitespace between tokens, so the inside of a text block or string is never
 * touched. A document that does not parse cleanly (parse errors, an unclosed text block, a stray line) is not
 * formatted at all: nothing lost (product.md). Formatting twice gives the same text.
 */
export class CaserecFormatter extends AbstractFormatter {
  override formatDocument(document: LangiumDocument, params: DocumentFormattingParams): TextEdit[] {
    return guarded('formatting', [], () => (isSafeToFormat(document) ? this.layout(document, params.options) : []));
  }

  override formatDocumentRange(document: LangiumDocument, params: DocumentRangeFormattingParams): TextEdit[] {
    return guarded('formatting', [], () => (isSafeToFormat(document) ? this.layout(document, params.options, params.range) : []));
  }

  private layout(document: LangiumDocument, options: FormattingOptions, range?: Range): TextEdit[] {
    const edits = this.doDocumentFormat(document, { ...options, ...LAYOUT }, range);
    // Langium writes "\n"; a file written with "\r\n" keeps its line endings.
    if (!document.textDocument.getText().includes('\r\n')) return edits;
    return edits.map((edit) => ({ ...edit, newText: edit.newText.replace(/\r?\n/g, '\r\n') }));
  }

  override formatDocumentOnType(): TextEdit[] {
    return [];
  }

  protected format(node: AstNode): void {
    if (isDocument(node)) this.formatDocumentLayout(node);
    else if (isEntry(node) || isCaseDecl(node)) this.formatBlock(node);
    else if (isForCase(node) || isCaseMember(node) || isBodyItem(node)) this.formatLine(node);
  }

  /** Each top-level element on its own line at column 0; a blank line between them is kept, more are folded to one. */
  private formatDocumentLayout(document: Document): void {
    const formatter = this.getNodeFormatter(document);
    const elements: AstNode[] = [document.caseDecl, document.forCase, ...document.entries].filter(
      (n): n is NonNullable<typeof n> => n !== undefined,
    );
    elements.sort((a, b) => (a.$cstNode?.offset ?? 0) - (b.$cstNode?.offset ?? 0));
    for (const element of elements.slice(1)) {
      formatter.node(element).prepend(Formatting.fit(Formatting.newLines(1), Formatting.newLines(2)));
    }
  }

  /** A header, then its body between braces: one item per line, indented. */
  private formatBlock(node: AstNode): void {
    const children = ownChildren(node);
    if (children.length === 0) return;
    const formatter = this.getNodeFormatter(node);
    const open = children.findIndex((child) => isLeafCstNode(child) && !child.hidden && child.text === '{');
    const header = open < 0 ? children : children.slice(0, open);
    this.spaceWords(header);
    if (open < 0) return;
    const close = children.findLastIndex((child) => isLeafCstNode(child) && !child.hidden && child.text === '}');
    if (close < open) return;
    if (!header.some((child) => child.hidden)) formatter.cst([children[open]!]).prepend(Formatting.oneSpace());
    const inside = children.slice(open + 1, close);
    if (inside.length === 0) {
      formatter.cst([children[close]!]).prepend(Formatting.noSpace());
      return;
    }
    // The first item straight after the brace; between items, a blank line the worker left is kept (one at most).
    formatter.cst(inside.slice(0, 1)).prepend(Formatting.indent());
    formatter.cst(inside.slice(1)).prepend(Formatting.fit(Formatting.indent(), INDENT_AFTER_BLANK_LINE));
    formatter.cst([children[close]!]).prepend(Formatting.newLine());
  }

  /** One line of words: a declaration, a field, a statement. */
  private formatLine(node: AstNode): void {
    this.spaceWords(ownChildren(node));
  }

  /** One space between words, none before `:` or `,`. A line with a comment inside it is left as written. */
  private spaceWords(nodes: readonly CstNode[]): void {
    if (nodes.some((child) => child.hidden)) return;
    const formatter = this.getNodeFormatter(nodes[0]?.astNode ?? ({} as AstNode));
    nodes.forEach((child, index) => {
      if (index === 0) return;
      const text = isLeafCstNode(child) ? child.text : '';
      formatter.cst([child]).prepend(text === ':' || text === ',' ? Formatting.noSpace() : Formatting.oneSpace());
    });
  }
}

/**
 * The tokens and child nodes of a node, looking through the wrappers that rule calls leave in the CST (a union
 * rule such as Entry, a datatype rule such as Value): what sits side by side on the node's line.
 */
function ownChildren(node: AstNode): CstNode[] {
  const result: CstNode[] = [];
  const visit = (cst: CstNode) => {
    if (!isCompositeCstNode(cst)) return void result.push(cst);
    for (const child of cst.content) {
      if (isCompositeCstNode(child) && child.astNode === node) visit(child);
      else result.push(child);
    }
  };
  if (node.$cstNode) visit(node.$cstNode);
  return result;
}

function isBodyItem(node: AstNode): boolean {
  return isEntry(node.$container) && node.$containerProperty === 'items';
}

/** Parses without errors, every text block closed, no stray lines: only then is a rewrite safe. */
export function isSafeToFormat(document: LangiumDocument): boolean {
  const result = document.parseResult;
  if (result.lexerErrors.length > 0 || result.parserErrors.length > 0) return false;
  const root = result.value as Document;
  if (root.stray.length > 0) return false;
  const cst = root.$cstNode;
  if (!cst) return false;
  return CstUtils.flattenCst(cst).every((leaf) => leaf.tokenType.name !== 'TEXT' || isClosedTextBlock(leaf.text));
}

import type { AstNode, CstNode, LangiumDocument } from 'langium';
import { CstUtils, GrammarAST, GrammarUtils } from 'langium';
import type { SemanticTokenAcceptor } from 'langium/lsp';
import { AbstractSemanticTokenProvider } from 'langium/lsp';
import type { Range, SemanticTokens, SemanticTokensParams } from 'vscode-languageserver';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import { isDocument } from '../generated/ast.js';
import { guardedAsync } from './safety.js';

/** How each kind of person is shown, so that children, adults, workers and agencies are told apart at a glance. */
const PERSON_TYPES: Record<string, string> = {
  Child: SemanticTokenTypes.variable,
  Adult: SemanticTokenTypes.parameter,
  Worker: SemanticTokenTypes.type,
  Agency: SemanticTokenTypes.namespace,
};

/** Assignments whose values are enumerations (`consent: given`, `significance high`, `role social-worker`…). */
const ENUM_PROPERTIES = new Set(['values', 'value', 'significance', 'kind', 'level', 'reason', 'role']);
const DATE_PROPERTIES = new Set(['date', 'time', 'born', 'returnedDate', 'returnedTime', 'due', 'done']);

/**
 * Semantic highlighting: entry and other keywords, dates and times, people by kind (declarations marked as
 * such), field names, enumerated values, entry ids, and text blocks and strings. One pass over the tokens of
 * the document, classifying each by the grammar element it came from.
 */
export class CaserecSemanticTokenProvider extends AbstractSemanticTokenProvider {
  override semanticHighlight(document: LangiumDocument, params: SemanticTokensParams): Promise<SemanticTokens> {
    return guardedAsync('semantic tokens', { data: [] }, () => super.semanticHighlight(document, params));
  }

  protected highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void | 'prune' {
    if (!isDocument(node) || !node.$cstNode) return 'prune';
    for (const leaf of CstUtils.flattenCst(node.$cstNode)) {
      if (leaf.hidden) continue;
      const token = this.classify(leaf);
      if (!token) continue;
      if (leaf.range.start.line === leaf.range.end.line) acceptor({ cst: leaf, ...token });
      // Langium 4.4 splits a multi-line token with a wrong first-line length (it mixes an offset with a
      // column): a text block is given one token per line here instead.
      else for (const range of this.lineRanges(leaf)) acceptor({ range, ...token });
    }
    return 'prune';
  }

  private lineRanges(leaf: CstNode): Range[] {
    const text = this.currentDocument?.textDocument;
    const { start, end } = leaf.range;
    const ranges: Range[] = [];
    for (let line = start.line; line <= end.line; line++) {
      const from = line === start.line ? start.character : 0;
      const lineEnd = text ? text.positionAt(text.offsetAt({ line: line + 1, character: 0 }) - 1).character : from;
      const to = line === end.line ? end.character : Math.max(from, lineEnd);
      if (to > from) ranges.push({ start: { line, character: from }, end: { line, character: to } });
    }
    return ranges;
  }

  private classify(leaf: CstNode): { type: string; modifier?: string } | undefined {
    const tokenName = (leaf as { tokenType?: { name: string } }).tokenType?.name;
    if (tokenName === 'TEXT' || tokenName === 'STRING') return { type: SemanticTokenTypes.string };
    if (tokenName === 'DATE' || tokenName === 'TIME') return { type: SemanticTokenTypes.number };
    if (tokenName === 'UNKNOWN_START') return undefined;
    const source = leaf.grammarSource;
    const reference = source ? isWithinCrossReference(source) : undefined;
    if (reference) {
      const target = this.referenceTarget(leaf);
      const type = target ? PERSON_TYPES[target.$type] : undefined;
      if (type) return { type };
      return target?.$type === 'SafetyPlan' ? { type: SemanticTokenTypes.event } : undefined;
    }
    const assignment = GrammarUtils.findAssignment(leaf);
    const container = leaf.astNode.$type;
    if (assignment) {
      const property = assignment.feature;
      if (property === 'name' && PERSON_TYPES[container])
        return { type: PERSON_TYPES[container]!, modifier: SemanticTokenModifiers.declaration };
      if (property === 'name' && (container === 'Field' || container === 'PartyList')) return { type: SemanticTokenTypes.property };
      if (property === 'name') return { type: SemanticTokenTypes.event, modifier: SemanticTokenModifiers.declaration };
      if (ENUM_PROPERTIES.has(property)) return { type: SemanticTokenTypes.enumMember };
      if (DATE_PROPERTIES.has(property)) return { type: SemanticTokenTypes.number };
      if (property === 'word' || property === 'words') return undefined;
    }
    if (source && GrammarAST.isKeyword(source)) return { type: SemanticTokenTypes.keyword };
    return undefined;
  }

  private referenceTarget(leaf: CstNode): AstNode | undefined {
    const node = leaf.astNode as unknown as Record<string, unknown>;
    for (const value of Object.values(node)) {
      const refs = Array.isArray(value) ? value : [value];
      for (const ref of refs) {
        const reference = ref as { $refNode?: CstNode; ref?: AstNode } | undefined;
        if (reference && typeof reference === 'object' && reference.$refNode === leaf) return reference.ref;
      }
    }
    return undefined;
  }
}

function isWithinCrossReference(element: GrammarAST.AbstractElement | AstNode): boolean {
  let current: AstNode | undefined = element;
  while (current) {
    if (GrammarAST.isCrossReference(current)) return true;
    if (GrammarAST.isParserRule(current)) return false;
    current = current.$container;
  }
  return false;
}

import type { AstNode } from 'langium';
import { AstUtils } from 'langium';
import { ENTRY_KINDS } from '../model/entry-kinds.js';
import type { CaseRule, RuleContext } from './rule-context.js';

/** CR005: one id, one declaration, across all files of a case (people, agencies and entry ids together). */
export function duplicateIds(context: RuleContext): void {
  const seen = new Map<string, AstNode & { name?: string }>();
  const declarations: (AstNode & { name?: string })[] = [];
  for (const document of context.model.documents) {
    const root = document.parseResult.value;
    for (const member of root.caseDecl?.members ?? []) if (member.$type !== 'Title') declarations.push(member);
    for (const entry of root.entries) if ('name' in entry && entry.name) declarations.push(entry);
  }
  for (const node of declarations) {
    const name = node.name as string;
    const first = seen.get(name);
    if (!first) {
      seen.set(name, node);
      continue;
    }
    const firstKind = first.$type in ENTRY_KINDS ? ENTRY_KINDS[first.$type as keyof typeof ENTRY_KINDS].label : first.$type.toLowerCase();
    context.report({
      code: 'CR005',
      node,
      property: 'name',
      message: `The id "${name}" is already declared in this case (${firstKind} in ${fileOf(first)}, line ${(first.$cstNode?.range.start.line ?? 0) + 1}); every id names one thing.`,
    });
  }
}

function fileOf(node: AstNode): string {
  const uri = AstUtils.getDocument(node).uri;
  return uri.path.split('/').pop() ?? uri.toString();
}

export const recordsRules: readonly CaseRule[] = [{ code: 'CR005', check: duplicateIds }];

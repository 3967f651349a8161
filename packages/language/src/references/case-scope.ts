import type { AstNode, AstNodeDescription, LangiumDocument, ReferenceInfo, Scope } from 'langium';
import { DefaultScopeComputation, DefaultScopeProvider, EMPTY_SCOPE, MapScope, MultiMap, WorkspaceCache } from 'langium';
import type { LangiumCoreServices } from 'langium';
import type { Document } from '../generated/ast.js';
import { CaseDecl, isCaseDecl } from '../generated/ast.js';

/**
 * People, agencies and entry ids belong to one case, and a case may be split over several files (language.md).
 * They are exported to the workspace index as `caseId::name`, and a reference resolves within its own case
 * only, whichever file declared the name. The case id of a file is its case block's id or its `for case` text.
 */
const SEPARATOR = '::';

export function caseIdOf(document: Document): string | undefined {
  if (document.caseDecl) return document.caseDecl.name;
  const refText = document.forCase?.case?.$refText;
  return refText ? unquote(refText) : undefined;
}

function unquote(text: string): string {
  return text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1) : text;
}

export class CaserecScopeComputation extends DefaultScopeComputation {
  override async collectExportedSymbols(document: LangiumDocument): Promise<AstNodeDescription[]> {
    const root = document.parseResult.value as Document;
    const caseId = caseIdOf(root);
    const exports: AstNodeDescription[] = [];
    if (root.caseDecl?.name) exports.push(this.descriptions.createDescription(root.caseDecl, root.caseDecl.name, document));
    if (caseId === undefined) return exports;
    const named: AstNode[] = [...(root.caseDecl?.members ?? []), ...root.entries];
    for (const node of named) {
      const name = this.nameProvider.getName(node);
      if (name) exports.push(this.descriptions.createDescription(node, caseId + SEPARATOR + name, document));
    }
    return exports;
  }

  // Every name lives in the case scope above; nothing is scoped more locally.
  override async collectLocalSymbols(): Promise<MultiMap<AstNode, AstNodeDescription>> {
    return new MultiMap();
  }
}

export class CaserecScopeProvider extends DefaultScopeProvider {
  /** caseId -> local name -> descriptions, rebuilt once per workspace change rather than per reference. */
  private readonly caseScopes: WorkspaceCache<string, Map<string, AstNodeDescription[]>>;
  private readonly typedScopes: WorkspaceCache<string, Scope>;

  constructor(services: LangiumCoreServices) {
    super(services);
    this.caseScopes = new WorkspaceCache(services.shared);
    this.typedScopes = new WorkspaceCache(services.shared);
  }

  override getScope(context: ReferenceInfo): Scope {
    const referenceType = this.reflection.getReferenceType(context);
    if (referenceType === CaseDecl.$type) return this.getGlobalScope(referenceType, context);
    const root = context.container.$cstNode?.root.astNode ?? findRoot(context.container);
    const caseId = caseIdOf(root as Document);
    if (caseId === undefined) return EMPTY_SCOPE;
    // One scope per case and reference type, built once per workspace state rather than per reference.
    return this.typedScopes.get(`${caseId}\u0000${referenceType}`, () => {
      const matching = this.symbolsOfCase(caseId).filter((d) => this.reflection.isSubtype(d.type, referenceType));
      return new MapScope(matching);
    });
  }

  /** Every symbol of one case, under its local name. */
  symbolsOfCase(caseId: string): AstNodeDescription[] {
    const byCase = this.caseScopes.get('all', () => this.indexByCase());
    return byCase.get(caseId) ?? [];
  }

  private indexByCase(): Map<string, AstNodeDescription[]> {
    const byCase = new Map<string, AstNodeDescription[]>();
    for (const description of this.indexManager.allElements()) {
      const at = description.name.indexOf(SEPARATOR);
      if (at < 0) continue;
      const caseId = description.name.slice(0, at);
      // The description under its local name. Not a spread copy: that would run its lazy getters (the name's
      // place in the text, found by walking the CST), for every symbol of the workspace on every edit.
      const local: AstNodeDescription = Object.create(description, {
        name: { value: description.name.slice(at + SEPARATOR.length), enumerable: true },
      });
      let list = byCase.get(caseId);
      if (!list) byCase.set(caseId, (list = []));
      list.push(local);
    }
    return byCase;
  }
}

function findRoot(node: AstNode): AstNode {
  let current = node;
  while (current.$container) current = current.$container;
  return current;
}

export { isCaseDecl };

import type { AstNode, AstNodeDescription, LangiumDocument, ReferenceInfo, Scope } from 'langium';
import { DefaultScopeComputation, DefaultScopeProvider, EMPTY_SCOPE, MapScope, MultiMap, WorkspaceCache } from 'langium';
import type { LangiumCoreServices } from 'langium';
import type { LazyIndexManager } from './lazy-index-manager.js';
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
  /** Each named node's description, kept while the node lives (its positions are read live). */
  private readonly descriptionOf = new WeakMap<AstNode, AstNodeDescription>();
  /** Each document's exports as last collected. */
  private readonly lastExports = new WeakMap<LangiumDocument, AstNodeDescription[]>();

  /**
   * Exports the case block and every named member and entry under `caseId::name`. When a keystroke left every
   * named node and name as they were (typing in a visit's text, say), this returns the very list it returned
   * last time, so the scopes built from it can be kept (CaserecScopeProvider).
   */
  override async collectExportedSymbols(document: LangiumDocument): Promise<AstNodeDescription[]> {
    const root = document.parseResult.value as Document;
    const caseId = caseIdOf(root);
    const exports: AstNodeDescription[] = [];
    if (root.caseDecl?.name) exports.push(this.describe(root.caseDecl, root.caseDecl.name, document));
    if (caseId !== undefined) {
      for (const named of [root.caseDecl?.members ?? [], root.entries] as AstNode[][]) {
        for (const node of named) {
          const name = this.nameProvider.getName(node);
          if (name) exports.push(this.describe(node, caseId + SEPARATOR + name, document));
        }
      }
    }
    const last = this.lastExports.get(document);
    if (last && last.length === exports.length && last.every((description, i) => description === exports[i])) return last;
    this.lastExports.set(document, exports);
    return exports;
  }

  private describe(node: AstNode, name: string, document: LangiumDocument): AstNodeDescription {
    const kept = this.descriptionOf.get(node);
    if (kept && kept.name === name && kept.documentUri.toString() === document.uri.toString()) return kept;
    const description = this.descriptions.createDescription(node, name, document);
    this.descriptionOf.set(node, description);
    return description;
  }

  // Every name lives in the case scope above; nothing is scoped more locally.
  override async collectLocalSymbols(): Promise<MultiMap<AstNode, AstNodeDescription>> {
    return new MultiMap();
  }
}

/** What the scopes are built from: each document's exports, in the index's order, and what was built. */
interface ScopeState {
  readonly exports: ReadonlyArray<readonly [string, readonly AstNodeDescription[]]>;
  /** caseId -> every symbol of the case, under its local name: made for the cases asked about. */
  readonly byCase: Map<string, AstNodeDescription[]>;
  /** caseId + reference type -> scope. */
  readonly typed: Map<string, Scope>;
}

export class CaserecScopeProvider extends DefaultScopeProvider {
  /**
   * The scopes, kept while the index's exports are the very lists they were built from. Checked once per
   * workspace state: a keystroke that changes no name (CaserecScopeComputation) keeps them, where rebuilding
   * them read every symbol of the workspace (on a 5 MB record, 4 ms of each keystroke).
   */
  private state: ScopeState | undefined;
  private readonly checked: WorkspaceCache<'state', ScopeState>;

  constructor(services: LangiumCoreServices) {
    super(services);
    this.checked = new WorkspaceCache(services.shared);
  }

  override getScope(context: ReferenceInfo): Scope {
    const referenceType = this.reflection.getReferenceType(context);
    if (referenceType === CaseDecl.$type) return this.getGlobalScope(referenceType, context);
    const root = context.container.$cstNode?.root.astNode ?? findRoot(context.container);
    const caseId = caseIdOf(root as Document);
    if (caseId === undefined) return EMPTY_SCOPE;
    // One scope per case and reference type, built once per set of exports rather than per reference.
    const state = this.currentState();
    const key = `${caseId}\u0000${referenceType}`;
    let scope = state.typed.get(key);
    if (!scope) {
      scope = new MapScope(this.symbolsOfCase(caseId).filter((d) => this.reflection.isSubtype(d.type, referenceType)));
      state.typed.set(key, scope);
    }
    return scope;
  }

  /** Every symbol of one case, under its local name. */
  symbolsOfCase(caseId: string): AstNodeDescription[] {
    const state = this.currentState();
    let symbols = state.byCase.get(caseId);
    if (!symbols) {
      symbols = [];
      for (const [, descriptions] of state.exports) {
        for (const symbol of symbolsOfCaseIn(descriptions, caseId)) symbols.push(symbol);
      }
      state.byCase.set(caseId, symbols);
    }
    return symbols;
  }

  private currentState(): ScopeState {
    return this.checked.get('state', () => {
      const index = this.indexManager as LazyIndexManager;
      const last = this.state;
      if (last && sameExports(last.exports, index.exportsByDocument(), index.documentCount())) return last;
      return (this.state = { exports: [...index.exportsByDocument()], byCase: new Map(), typed: new Map() });
    });
  }
}

/** Whether the index holds the very lists `last` was built from, in the same order (nothing is allocated). */
function sameExports(last: ScopeState['exports'], current: IterableIterator<[string, AstNodeDescription[]]>, count: number): boolean {
  if (last.length !== count) return false;
  let i = 0;
  for (const [uri, list] of current) {
    const [lastUri, lastList] = last[i++]!;
    if (uri !== lastUri || list !== lastList) return false;
  }
  return true;
}

/**
 * One document's symbols of a case, under their local names, kept per list of exports and case: a document's
 * list is kept while its names do not change (CaserecScopeComputation), so when one file's names change, or the
 * files of a folder are indexed a few at a time, a case's symbols are gathered again from the other files'
 * kept lists. Only the cases asked about are made: a keystroke asks about the open record's case, and making
 * local names for every symbol of a folder of 2,000 records took ~70 ms.
 */
const localsOfExports = new WeakMap<readonly AstNodeDescription[], Map<string, AstNodeDescription[]>>();

function symbolsOfCaseIn(descriptions: readonly AstNodeDescription[], caseId: string): AstNodeDescription[] {
  let byCase = localsOfExports.get(descriptions);
  if (!byCase) localsOfExports.set(descriptions, (byCase = new Map()));
  let locals = byCase.get(caseId);
  if (!locals) {
    locals = [];
    const prefix = caseId + SEPARATOR;
    for (const description of descriptions) {
      // The case id is what comes before the first separator (an id holding one matches no name).
      if (!description.name.startsWith(prefix) || description.name.indexOf(SEPARATOR) !== caseId.length) continue;
      // The description under its local name. Not a spread copy: that would run its getters (the name's
      // place in the text, found by walking the CST).
      locals.push(Object.create(description, { name: { value: description.name.slice(prefix.length), enumerable: true } }));
    }
    byCase.set(caseId, locals);
  }
  return locals;
}

function findRoot(node: AstNode): AstNode {
  let current = node;
  while (current.$container) current = current.$container;
  return current;
}

export { isCaseDecl };

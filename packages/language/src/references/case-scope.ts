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
  /** caseId -> the lists of exports that hold symbols of the case, in the index's order: made when first asked. */
  listsByCase: Map<string, Array<readonly AstNodeDescription[]>> | undefined;
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
      state.listsByCase ??= listsByCase(state.exports);
      symbols = [];
      for (const descriptions of state.listsByCase.get(caseId) ?? []) {
        for (const symbol of localSymbols(descriptions, caseId)) symbols.push(symbol);
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
      return (this.state = { exports: [...index.exportsByDocument()], listsByCase: undefined, byCase: new Map(), typed: new Map() });
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
 * A document's symbols by case, under their local names, kept per list of exports: a document's list is kept
 * while its names do not change (CaserecScopeComputation), so when one file's names change, or the files of a
 * folder are indexed a few at a time, a case's symbols are gathered again from the other files' kept lists.
 * A list's cases are found once (`listOf`); local names are made only for the cases asked about (a keystroke
 * asks about the open record's case: making them for every symbol of a folder of 2,000 records took ~70 ms).
 */
interface ListOfExports {
  /** caseId -> the list's symbols of the case, as exported. */
  readonly byCase: Map<string, AstNodeDescription[]>;
  /** caseId -> the same under their local names. */
  readonly locals: Map<string, AstNodeDescription[]>;
}

const listsOfExports = new WeakMap<readonly AstNodeDescription[], ListOfExports>();

function listOf(descriptions: readonly AstNodeDescription[]): ListOfExports {
  let list = listsOfExports.get(descriptions);
  if (!list) {
    const byCase = new Map<string, AstNodeDescription[]>();
    for (const description of descriptions) {
      const at = description.name.indexOf(SEPARATOR);
      if (at < 0) continue;
      const caseId = description.name.slice(0, at);
      let ofCase = byCase.get(caseId);
      if (!ofCase) byCase.set(caseId, (ofCase = []));
      ofCase.push(description);
    }
    listsOfExports.set(descriptions, (list = { byCase, locals: new Map() }));
  }
  return list;
}

/** caseId -> the lists holding its symbols, in the index's order. */
function listsByCase(exports: ScopeState['exports']): Map<string, Array<readonly AstNodeDescription[]>> {
  const out = new Map<string, Array<readonly AstNodeDescription[]>>();
  for (const [, descriptions] of exports) {
    for (const caseId of listOf(descriptions).byCase.keys()) {
      let lists = out.get(caseId);
      if (!lists) out.set(caseId, (lists = []));
      lists.push(descriptions);
    }
  }
  return out;
}

function localSymbols(descriptions: readonly AstNodeDescription[], caseId: string): AstNodeDescription[] {
  const list = listOf(descriptions);
  let locals = list.locals.get(caseId);
  if (!locals) {
    const start = caseId.length + SEPARATOR.length;
    // The description under its local name. Not a spread copy: that would run its getters (the name's place
    // in the text, found by walking the CST).
    locals = (list.byCase.get(caseId) ?? []).map((description): AstNodeDescription =>
      Object.create(description, { name: { value: description.name.slice(start), enumerable: true } }),
    );
    list.locals.set(caseId, locals);
  }
  return locals;
}

function findRoot(node: AstNode): AstNode {
  let current = node;
  while (current.$container) current = current.$container;
  return current;
}

export { isCaseDecl };

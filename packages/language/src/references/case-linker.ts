import type { AstNode, LangiumDocument, Reference } from 'langium';
import { AstUtils, Cancellation, DefaultLinker, interruptAndCheck } from 'langium';
import type { CaseDecl, Document, Entry } from '../generated/ast.js';
import { isCaseDecl } from '../generated/ast.js';

/** Langium's reference implementation: its resolved target and the node that holds it. */
type ReferenceState = Reference & { _ref?: unknown; node?: AstNode };

/**
 * Langium's linker, but an edit relinks only the entries it reparsed. Langium unlinks and relinks every
 * reference of a changed document (a fifth of a keystroke's rebuild on a 1 MB record). Here a reference that
 * resolved to a person or agency of the case block stays resolved while that case block is current (a case
 * block is never spliced: editing it reparses the whole file, and a reparse elsewhere replaces it), and an
 * entry all of whose references stayed resolved is not walked again. References of entries that an edit
 * replaced are dropped from the document's list.
 */
export class CaserecLinker extends DefaultLinker {
  /**
   * Each fully linked entry: the case block it was linked against, and its references, to rebuild the
   * document's list without walking the entry (one lookup per entry: a keystroke reads thousands).
   */
  private readonly linkedEntries = new WeakMap<Entry, { caseDecl: CaseDecl; references: LangiumDocument['references'] }>();

  /**
   * Each document's references that the last link did not resolve into a case block (an entry reference such
   * as `replaces`, or a linking error): the only ones `unlink` must reset, so that it need not read all of them.
   */
  private readonly volatileReferences = new WeakMap<LangiumDocument, Reference[]>();

  /**
   * Keeps references into a case block; whether that case block is still current can only be known once the
   * changed files are parsed again, so `link` checks it. The others are reset (a request before the next link
   * resolves them afresh). `link` rebuilds the document's list.
   */
  override unlink(document: LangiumDocument): void {
    const volatile = this.volatileReferences.get(document);
    this.volatileReferences.delete(document);
    for (const reference of volatile ?? document.references) {
      if (volatile || !isCaseDecl(((reference as ReferenceState)._ref as AstNode | undefined)?.$container)) resetReference(reference);
    }
    document.references = [];
  }

  override async link(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
    const root = document.parseResult.value as Document;
    if (root.$type !== 'Document') {
      this.volatileReferences.delete(document);
      return super.link(document, cancelToken);
    }
    // The list is rebuilt part by part: Langium's linker appends what it links, the kept entries add theirs.
    document.references = [];
    const volatile: Reference[] = [];
    this.volatileReferences.set(document, volatile);
    for (const part of [root.caseDecl, root.forCase, ...root.stray]) if (part) await this.linkAll(part, document, volatile, cancelToken);
    const caseDecl = root.caseDecl ?? (root.forCase?.case?.ref as CaseDecl | undefined);
    for (const entry of root.entries) {
      const linked = this.linkedEntries.get(entry);
      if (caseDecl && linked?.caseDecl === caseDecl) {
        for (const reference of linked.references) document.references.push(reference);
        continue;
      }
      const from = document.references.length;
      await this.linkAll(entry, document, volatile, cancelToken);
      if (caseDecl && allResolveInto(entry, caseDecl))
        this.linkedEntries.set(entry, { caseDecl, references: document.references.slice(from) });
    }
  }

  /**
   * Links the references in `node`. One still resolved from the last link (`unlink` kept it: it resolved into
   * a case block) stays as it is while it resolves into a current case block; otherwise it is reset and linked
   * again. (Whether a reference was kept is read from the reference itself, not from a set of all the
   * document's references, made on each keystroke.)
   */
  private async linkAll(node: AstNode, document: LangiumDocument, volatile: Reference[], cancelToken: Cancellation.CancellationToken) {
    for (const inner of AstUtils.streamAst(node)) {
      await interruptAndCheck(cancelToken);
      AstUtils.streamReferences(inner).forEach((info) => {
        const reference = info.reference as ReferenceState;
        if (isReference(reference) && reference._ref !== undefined) {
          if (resolvesIntoCurrentCaseBlock(reference)) {
            document.references.push(reference);
            return;
          }
          resetReference(reference);
        }
        this.doLink(info, document);
        if (!isCaseDecl((reference._ref as AstNode | undefined)?.$container)) volatile.push(reference);
      });
    }
  }
}

function isReference(reference: unknown): reference is ReferenceState {
  return typeof reference === 'object' && reference !== null && '_ref' in reference;
}

function resetReference(reference: unknown): void {
  const state = reference as { _ref?: unknown; _nodeDescription?: unknown; _items?: unknown; _linkingError?: unknown };
  if ('_ref' in state) {
    state._ref = undefined;
    delete state._nodeDescription;
  } else if ('_items' in state) {
    state._items = undefined;
    delete state._linkingError;
  }
}

/** Whether the reference resolved to a member of a case block that is still its document's case block. */
function resolvesIntoCurrentCaseBlock(reference: ReferenceState): boolean {
  const target = reference._ref as AstNode | undefined;
  if (!target || typeof target !== 'object' || !('$type' in target)) return false;
  const caseDecl = target.$container;
  if (!isCaseDecl(caseDecl)) return false;
  const root = caseDecl.$container as Document | undefined;
  return root?.caseDecl === caseDecl && root.$document?.parseResult.value === root;
}

function allResolveInto(entry: Entry, caseDecl: CaseDecl): boolean {
  for (const node of AstUtils.streamAst(entry)) {
    for (const { reference } of AstUtils.streamReferences(node)) {
      const target = (reference as ReferenceState)._ref as AstNode | undefined;
      if (!target || typeof target !== 'object' || target.$container !== caseDecl) return false;
    }
  }
  return true;
}

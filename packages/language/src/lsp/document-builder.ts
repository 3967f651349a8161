import type { BuildOptions, LangiumDocument, LangiumSharedCoreServices, MaybePromise, ValidationCategory } from 'langium';
import { DefaultDocumentBuilder, DocumentState, Emitter, isOperationCancelled, URI, UriUtils } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { caseIdOfDocument } from './case-documents.js';
import { logError } from './safety.js';
import { isCarried } from '../validation/document-validator.js';

/**
 * Langium's document builder with three changes for the editor:
 * - A request that waits for a document (hover, completion, code lens…) first flushes the debounced edits of
 *   that document, so it is answered from the text the editor shows, not from the text before the pause.
 * - A change to one file of a case re-checks the other files of that case: the case-level rules read them all,
 *   so their findings may change too (architecture sketch, "two layers").
 * - A failure while building one document (a bug meeting broken input) is logged and the build goes on with
 *   the others; a build that fails all the same fails the requests waiting on it, instead of leaving them to
 *   wait for ever. The server stays useful while input is broken.
 */
export class CaserecDocumentBuilder extends DefaultDocumentBuilder {
  /** Set by the update handler: starts the pending build of `uri`, if any, and resolves once it is under way. */
  flushPending: ((uri: URI) => Promise<void>) | undefined;
  private readonly failures = new Emitter<unknown>();

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
    if (!(uriOrToken instanceof URI || (uriOrToken && 'path' in uriOrToken))) {
      return super.waitUntil(state, uriOrToken as CancellationToken | undefined);
    }
    const uri = uriOrToken as URI;
    if (this.flushPending) await this.flushPending(uri);
    let stopWaiting: { dispose(): void } | undefined;
    const failed = new Promise<never>((_, reject) => {
      stopWaiting = this.failures.event((error) =>
        reject(
          new ResponseError(LSPErrorCodes.RequestFailed, `The record could not be checked (${describe(error)}); see the caserec log.`),
        ),
      );
    });
    try {
      return await Promise.race([super.waitUntil(state, uri, cancelToken), failed]);
    } finally {
      stopWaiting?.dispose();
    }
  }

  override async update(changed: URI[], deleted: URI[], cancelToken?: CancellationToken): Promise<void> {
    this.updating = true;
    this.open = undefined;
    try {
      await super.update(changed, deleted, cancelToken);
    } catch (error) {
      this.failed(error);
    } finally {
      this.updating = false;
    }
  }

  /** Whether the build under way is an update (an edit, a file changed on disk, new settings), not a `build`. */
  private updating = false;
  /** Documents checked at least once (opened, in an open record's case, or by "Validate workspace"). */
  private readonly checked = new WeakSet<LangiumDocument>();

  /**
   * An update checks what has been checked before, and the records open in the editor; a record of the
   * workspace folder that was never checked stays so ("Validate workspace" checks them all). Langium would
   * check every such record at the first keystroke after opening one (3.4 s with the 2,000-case bench folder,
   * restarted by every keystroke until it could finish), and publish none of it.
   */
  protected override shouldValidate(document: LangiumDocument): boolean {
    return super.shouldValidate(document) && (!this.updating || this.checksOnUpdate(document));
  }

  /**
   * Nor does an update link such a record: opening a record while the folder loads cancels the folder's first
   * build, and every update would otherwise link the records it had not reached, a few each keystroke until one
   * update ran uncancelled (with the 2,000-case bench folder and case rules on save only, a keystroke's
   * findings took 90 ms instead of 20). Its names are indexed all the same, which is all another file needs.
   */
  protected override shouldLink(document: LangiumDocument): boolean {
    return super.shouldLink(document) && (!this.updating || this.checksOnUpdate(document));
  }

  private checksOnUpdate(document: LangiumDocument): boolean {
    if (this.checked.has(document)) return true;
    const { keys, cases } = this.openRecords();
    if (keys.has(keyOf(document))) return true;
    const caseId = caseIdOfDocument(document);
    return caseId !== undefined && cases.has(caseId);
  }

  /** The records open in the editor (as the text documents key them) and their cases, made once per step. */
  private openRecords(): { keys: Set<string>; cases: Set<string> } {
    if (!this.open) {
      const listed = this.textDocuments as { all?(): ReadonlyArray<{ uri: string }> } | undefined;
      const keys = new Set((listed?.all?.() ?? []).map((textDocument) => UriUtils.normalize(textDocument.uri)));
      const cases = new Set<string>();
      for (const key of keys) {
        const document = this.langiumDocuments.getDocument(URI.parse(key));
        const caseId = document && caseIdOfDocument(document);
        if (caseId !== undefined) cases.add(caseId);
      }
      this.open = { keys, cases };
    }
    return this.open;
  }

  private open: { keys: Set<string>; cases: Set<string> } | undefined;

  /**
   * The records open in the editor first, as Langium orders a build; Langium asks the text documents about
   * each document, which parses its URI: 4 ms of every keystroke with a folder of 2,000 records open.
   */
  protected override sortDocuments(documents: LangiumDocument[]): LangiumDocument[] {
    const { keys } = this.openRecords();
    const open: LangiumDocument[] = [];
    const others: LangiumDocument[] = [];
    for (const document of documents) (keys.has(keyOf(document)) ? open : others).push(document);
    documents.splice(0, documents.length, ...open, ...others);
    return documents;
  }

  override async build<T extends import('langium').AstNode>(
    documents: Array<LangiumDocument<T>>,
    options?: BuildOptions,
    cancelToken?: CancellationToken,
  ): Promise<void> {
    try {
      await super.build(documents, options, cancelToken);
    } catch (error) {
      this.failed(error);
    }
  }

  /**
   * The records open in the editor, and the other files of their cases, are built first; then the rest of the
   * workspace. Names are scoped to a case, so the open records link completely without the rest, and their
   * diagnostics do not wait for a workspace of thousands of records to be read.
   */
  protected override async buildDocuments(
    documents: LangiumDocument[],
    options: BuildOptions,
    cancelToken: CancellationToken,
  ): Promise<void> {
    this.open = undefined;
    if (this.updating) {
      // A record already indexed that this update will not check has nothing to do (see shouldLink): left out,
      // so that a keystroke does not step a folder of records through every phase.
      documents = documents.filter((document) => document.state < DocumentState.IndexedContent || this.checksOnUpdate(document));
    }
    const first = this.openCases(documents);
    // Made again when the checks ask: the open records' cases are known for certain once they are parsed.
    this.open = undefined;
    if (first.size === 0 || first.size === documents.length) return super.buildDocuments(documents, options, cancelToken);
    await super.buildDocuments([...first], options, cancelToken);
    // The caches of case models and case scopes were filled while only the first part was built.
    await this.emitUpdate([], []);
    this.currentState = DocumentState.Changed;
    await super.buildDocuments(
      documents.filter((document) => !first.has(document)),
      options,
      cancelToken,
    );
  }

  private openCases(documents: LangiumDocument[]): Set<LangiumDocument> {
    const { keys } = this.openRecords();
    const open = documents.filter((document) => keys.has(keyOf(document)));
    const cases = new Set(open.map((document) => caseIdOfDocument(document)).filter((id): id is string => id !== undefined));
    return new Set(documents.filter((document) => open.includes(document) || cases.has(caseIdOfDocument(document) ?? '\0')));
  }

  protected override runCancelable(
    documents: LangiumDocument[],
    targetState: DocumentState,
    cancelToken: CancellationToken,
    callback: (document: LangiumDocument) => MaybePromise<unknown>,
  ): Promise<void> {
    return super.runCancelable(documents, targetState, cancelToken, async (document) => {
      try {
        await callback(document);
      } catch (error) {
        if (isOperationCancelled(error)) throw error;
        // The document goes on to the next phase without this one's result; the others are built as usual.
        logError(`building ${document.uri.toString()} (${DocumentState[targetState]})`, error);
      }
    });
  }

  /**
   * A validation that runs the case pass replaces the case-level findings carried from the last one (see
   * CaserecDocumentValidator); Langium keeps the findings of the categories already run and adds the new ones.
   */
  protected override async validate(document: LangiumDocument, cancelToken: CancellationToken): Promise<void> {
    const runsCasePass = this.findMissingValidationCategories(document, this.getBuildOptions(document)).includes('slow');
    await super.validate(document, cancelToken);
    if (runsCasePass && document.diagnostics) document.diagnostics = document.diagnostics.filter((d) => !isCarried(d));
    this.checked.add(document);
  }

  /**
   * Langium asks this of every other document of the workspace on each keystroke: a test that costs little per
   * document, as a folder may hold thousands of records. The changed files' cases are found once per update.
   */
  protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
    try {
      // Names resolve within a case only, so a change can affect only the files of its own case; Langium's own
      // test would read the index of references, which is made lazily (LazyIndexManager).
      if (hasLinkingError(document)) return true;
      const caseId = caseIdOfDocument(document);
      for (const changed of this.changedCases(changedUris)) {
        if (changed === DELETED) return super.shouldRelink(document, changedUris); // deleted: ask the index
        if (caseId !== undefined && changed === caseId) return true;
      }
      return false;
    } catch (error) {
      logError(`deciding whether to re-check ${document.uri.toString()}`, error);
      return true; // checking again is the safe side
    }
  }

  /** The case of each changed file, in order (DELETED where no document is left), for one set of changes. */
  private changedCases(changedUris: Set<string>): ReadonlyArray<string | undefined | typeof DELETED> {
    if (this.lastChanged?.uris !== changedUris) {
      const cases = [...changedUris].map((uri) => {
        const changed = this.langiumDocuments.getDocument(URI.parse(uri));
        return changed ? caseIdOfDocument(changed) : DELETED;
      });
      this.lastChanged = { uris: changedUris, cases };
    }
    return this.lastChanged.cases;
  }

  private lastChanged: { uris: Set<string>; cases: ReadonlyArray<string | undefined | typeof DELETED> } | undefined;

  /**
   * As Langium's (some category asked for has not run), asked of every document on each keystroke: without
   * finding the document's language from its URI (a URI parse per document, a quarter of a keystroke's time
   * with a folder of 2,000 records open) when there is one language, and without making sets for each document.
   */
  protected override resultsAreIncomplete(document: LangiumDocument, options: BuildOptions | undefined): boolean {
    const languages = this.serviceRegistry.all;
    if (languages.length !== 1) return super.resultsAreIncomplete(document, options);
    const allCategories = languages[0]!.validation.ValidationRegistry.getAllValidationCategories(document);
    const state = this.buildState.get(document.uri.toString());
    const checks = state?.result?.validationChecks;
    const executed = (category: ValidationCategory) =>
      checks ? checks.includes(category) : state?.completed === true && allCategories.has(category);
    const requested =
      options === undefined || options.validation === true
        ? allCategories
        : typeof options.validation === 'object'
          ? (options.validation.categories ?? allCategories)
          : [];
    for (const category of requested) if (!executed(category)) return true;
    return false;
  }

  /** A cancelled build is normal (a newer one follows); any other failure fails its waiters, and is rethrown. */
  private failed(error: unknown): never {
    if (!isOperationCancelled(error)) this.failures.fire(error);
    throw error;
  }
}

const DELETED = Symbol('deleted');

/** A document's URI as the text documents key it, made once per document (normalising parses the URI). */
const keys = new WeakMap<LangiumDocument, string>();
function keyOf(document: LangiumDocument): string {
  let key = keys.get(document);
  if (key === undefined) keys.set(document, (key = UriUtils.normalize(document.uri.toString())));
  return key;
}

/**
 * Whether a document has a reference that did not resolve (it may resolve now). Kept per list of references:
 * the linker makes a new list each time it links, and appends to it only while linking or resolving.
 */
const linkingErrors = new WeakMap<object, { length: number; found: boolean }>();
function hasLinkingError(document: LangiumDocument): boolean {
  const references = document.references;
  const known = linkingErrors.get(references);
  if (known && known.length === references.length) return known.found;
  const found = references.some((reference) => reference.error !== undefined);
  linkingErrors.set(references, { length: references.length, found });
  return found;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export { DocumentState };

import type { LangiumDocument, TextDocument } from 'langium';
import { URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { DefaultDocumentUpdateHandler } from 'langium/lsp';
import type { DidChangeWatchedFilesParams, TextDocumentChangeEvent } from 'vscode-languageserver';
import { POLICY_FILE_NAME } from '../policy/policy-file.js';
import type { CaserecServices } from '../caserec-module.js';
import { ALL_CATEGORIES, type CaserecConfigurationProvider } from './configuration.js';
import { caseDocuments } from './case-documents.js';
import type { CaserecDocumentBuilder } from './document-builder.js';
import { logError } from './safety.js';
import { primeFindings } from './message-encoder.js';
import { CaserecDocumentValidator } from '../validation/document-validator.js';
import type { Document } from '../generated/ast.js';

/** How long typing must pause before a record is checked again, while checks are slow. */
export const DEBOUNCE_MS = 200;

/**
 * While the per-entry step of an edit's check took less than this, the next edit is checked at once, without
 * a pause: with incremental parsing and per-entry results that step costs a few tens of milliseconds even on a
 * 1 MB record, and a pause would only delay it. A keystroke during a check cancels it, so a burst costs little.
 * Slower checks (a full parse of a 5 MB record) wait for typing to pause.
 */
export const QUICK_BUILD_MS = 250;

/**
 * How long the first edit after opening waits for more changes. A quiet turn of the event loop alone was not
 * enough: on a loaded machine (two cores, each busy) the burst test saw extra publications in 5 of 12 runs, the
 * sender's writes arriving spread out; with 10 ms, none in 36 runs (a fixed 30 ms pause before: none in 12).
 */
export const FIRST_EDIT_QUIET_MS = 10;

/**
 * Debounces edits: a burst of keystrokes gives one build of the last text, not one per keystroke. Each change
 * cancels the build under way at once (its result would be stale) and restarts the pause; a request that needs
 * the document (hover, completion…) does not wait out the pause but flushes it (see CaserecDocumentBuilder).
 * Opening a document builds it at once. Saving runs the case-level rules when the settings keep them for save.
 * A changed .caserec.json rebuilds everything under the new policy.
 */
export class CaserecDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
  private readonly pending = new Map<string, URI>();
  private readonly justOpened = new Set<string>();
  /** Opened records whose first build is pending: checked in one step, as there are no findings to carry. */
  private readonly opening = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  /** Changes received so far, and whether a first edit waits for them to stop coming (see `flushWhenQuiet`). */
  private changesReceived = 0;
  private waitingForQuiet = false;
  /** Set by the server: resolves once the diagnostics published so far are written to the client. */
  beforeCasePass: (() => Promise<void>) | undefined;
  /**
   * How long the last completed check of an edit took. The first edit after opening waits only until changes
   * stop coming (FIRST_EDIT_QUIET_MS; it used to wait as slow checks do, 200 ms on the first keystroke of every
   * record, then 30 ms); a check that then proves slow makes the next edits wait.
   */
  private lastBuildMs = 0;
  /**
   * The first edit's check after a record opens runs the per-entry path for the first time (its code not yet
   * optimised: 0.7 s on a 5 MB record against 0.1 s after); it says nothing of how slow checks are, so it does
   * not set `lastBuildMs`.
   */
  private readonly warmedUp = new Set<string>();
  private readonly configuration: CaserecConfigurationProvider;

  constructor(private readonly shared: LangiumSharedServices) {
    super(shared);
    this.configuration = shared.workspace.ConfigurationProvider as CaserecConfigurationProvider;
    this.configuration.onEditorSettingsChange(() => this.rebuildAll());
    (shared.workspace.DocumentBuilder as CaserecDocumentBuilder).flushPending = (uri) =>
      this.hasPending(uri) ? this.flush() : Promise.resolve();
  }

  didOpenDocument(event: TextDocumentChangeEvent<TextDocument>): void {
    this.justOpened.add(event.document.uri);
  }

  override didChangeContent(change: TextDocumentChangeEvent<TextDocument>): void {
    const key = change.document.uri;
    this.pending.set(key, URI.parse(key));
    this.changesReceived++;
    // The build of the previous text is now wasted work: stop it at its next checkpoint.
    this.workspaceLock.cancelWrite();
    if (this.justOpened.delete(key)) {
      this.opening.add(key);
      void this.flush();
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.warmedUp.has(key)) return this.flushWhenQuiet();
    const pause = this.lastBuildMs < QUICK_BUILD_MS ? 0 : DEBOUNCE_MS;
    this.timer = setTimeout(() => void this.flush(), pause);
  }

  /**
   * Flushes once changes stop coming: FIRST_EDIT_QUIET_MS and then a whole turn of the event loop without one.
   * The first edit after a record opens cannot wait as the next ones do (how long its checks take is not known
   * yet), yet keys typed or pasted together arrive as one burst that should be checked once, at its last
   * version: ten changes sent at once after opening gave up to seven publications (test/lsp/diagnostics.test.ts).
   * The connection handles one received message per turn (vscode-jsonrpc queues them and takes the next with
   * setImmediate), reading more input between turns, so a quiet turn means the messages received are handled.
   */
  private flushWhenQuiet(): void {
    if (this.waitingForQuiet) return;
    this.waitingForQuiet = true;
    let seen = this.changesReceived;
    const waitAgain = () =>
      setTimeout(
        () =>
          setImmediate(() =>
            setImmediate(() => {
              if (this.changesReceived !== seen) {
                seen = this.changesReceived;
                waitAgain();
                return;
              }
              this.waitingForQuiet = false;
              void this.flush();
            }),
          ),
        FIRST_EDIT_QUIET_MS,
      );
    waitAgain();
  }

  /** True when `uri` has edits that no build has taken up yet. */
  hasPending(uri: URI): boolean {
    return this.pending.has(uri.toString());
  }

  /**
   * Starts the build of every pending edit now. Resolves once the documents are marked changed, so that a
   * request waiting for a document state afterwards waits for the new build, not the old one.
   */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const changed = [...this.pending.values()];
    this.pending.clear();
    if (changed.length === 0) return Promise.resolve();
    const keys = new Set(changed.map((uri) => uri.toString()));
    const marked = new Promise<void>((resolve) => {
      const fallback = setTimeout(done, 5000).unref();
      const listener = this.documentBuilder.onUpdate((updated) => {
        if (updated.some((uri) => keys.has(uri.toString()))) done();
      });
      function done(): void {
        clearTimeout(fallback);
        listener.dispose();
        resolve();
      }
    });
    const opened = changed.filter((uri) => this.opening.delete(uri.toString()));
    this.update(changed, opened.length > 0 ? 'whole' : 'edit');
    return marked;
  }

  didSaveDocument(event: TextDocumentChangeEvent<TextDocument>): void {
    const settings = this.configuration.editorSettings;
    if (settings.rulesOnType || !settings.rulesOnSave) return;
    const uri = URI.parse(event.document.uri);
    this.whenReady(() =>
      this.workspaceLock.write(async (token) => {
        // All files of the case: a finding about this file's entries may sit in another of its files.
        const documents = caseDocuments(this.shared.workspace.LangiumDocuments, uri);
        await this.documentBuilder.build(documents, { validation: { categories: ALL_CATEGORIES } }, token);
      }),
    );
  }

  override didChangeWatchedFiles(params: DidChangeWatchedFilesParams): void {
    const explicit = this.configuration.policyFile();
    const policyChanged = params.changes.some(
      (change) => change.uri.endsWith('/' + POLICY_FILE_NAME) || (explicit !== undefined && URI.parse(change.uri).fsPath === explicit),
    );
    if (policyChanged) {
      for (const language of this.serviceRegistry.all) (language as CaserecServices).caserec?.Settings.clearPolicyCache();
      this.rebuildAll();
    }
    super.didChangeWatchedFiles(params);
  }

  /**
   * The as-of date, the policy or the rules that run have changed: every document that has findings (or is
   * open) is checked again. Files of the workspace never checked stay so, until "Validate workspace".
   */
  rebuildAll(): void {
    const textDocuments = this.shared.workspace.TextDocuments;
    const shown = this.shared.workspace.LangiumDocuments.all
      .filter((document) => document.diagnostics !== undefined || textDocuments.get(document.uri.toString()) !== undefined)
      .map((document) => document.uri)
      .toArray();
    if (shown.length > 0) this.update(shown, 'whole');
  }

  /**
   * Checks `changed`. After an edit ('edit') the per-entry checks run first and are published, with the
   * case-level findings of the last case pass moved along with their entries; the case pass follows as a
   * second step, cancelled by the next keystroke. A record just opened, or every record after the settings or
   * policy changed ('whole'), is checked in one step: there is nothing valid to carry.
   */
  private update(changed: URI[], mode: 'edit' | 'whole'): void {
    this.whenReady(() =>
      this.workspaceLock.write(async (token) => {
        const caseRulesNow = this.configuration.editorSettings.rulesOnType;
        const builder = this.documentBuilder;
        const onType = builder.updateBuildOptions;
        if (mode === 'whole' && caseRulesNow) builder.updateBuildOptions = { validation: { categories: ALL_CATEGORIES } };
        const started = performance.now();
        try {
          await builder.update(changed, [], token);
        } finally {
          builder.updateBuildOptions = onType;
        }
        if (token.isCancellationRequested) return;
        if (mode === 'edit') {
          const fresh = changed.filter((uri) => !this.warmedUp.has(uri.toString()));
          for (const uri of fresh) this.warmedUp.add(uri.toString());
          if (fresh.length === 0) this.lastBuildMs = performance.now() - started;
        }
        if (mode === 'whole') {
          // The first keystroke would otherwise index the lines of the whole text, to turn the editor's line and
          // column into an offset (20 ms on a 1 MB record, before its own check): done now, diagnostics sent.
          for (const uri of changed) this.shared.workspace.TextDocuments?.get(uri.toString())?.positionAt(0);
          if (caseRulesNow) this.prepareCarried(changed.map((uri) => this.shared.workspace.LangiumDocuments.getDocument(uri)));
          return;
        }
        if (!caseRulesNow) return;
        // Let the connection write the per-entry findings out first: it writes on later turns of the event
        // loop, and the case pass, one long computation, would otherwise hold them back until it ends.
        await (this.beforeCasePass?.() ?? new Promise((resolve) => setImmediate(resolve)));
        if (token.isCancellationRequested) return;
        const documents = new Map<string, LangiumDocument>();
        for (const uri of changed) {
          if (!this.shared.workspace.LangiumDocuments.hasDocument(uri)) continue;
          for (const document of caseDocuments(this.shared.workspace.LangiumDocuments, uri))
            documents.set(document.uri.toString(), document);
        }
        if (documents.size > 0) await builder.build([...documents.values()], { validation: { categories: ALL_CATEGORIES } }, token);
        if (!token.isCancellationRequested) this.prepareCarried(documents.values());
      }),
    );
  }

  /**
   * After a case pass, while the editor is idle: the JSON of the findings the next keystroke will carry along
   * with their entries, made now rather than when that keystroke's findings are sent (lsp/message-encoder.ts).
   */
  private prepareCarried(documents: Iterable<LangiumDocument | undefined>): void {
    const findings: object[] = [];
    for (const document of documents) {
      const root = document?.parseResult.value;
      if (!document || root?.$type !== 'Document') continue;
      const validator = this.serviceRegistry.getServices(document.uri).validation.DocumentValidator;
      if (validator instanceof CaserecDocumentValidator) findings.push(...validator.carriedFindings(root as Document));
    }
    primeFindings(findings).catch((error: unknown) => logError('preparing findings', error));
  }

  /** Builds wait for the workspace to load and for the settings (as-of date, policy) to arrive. */
  private whenReady(action: () => Promise<unknown>): void {
    Promise.all([this.workspaceManager.ready, this.configuration.ready])
      .then(action)
      .catch((error: unknown) => logError('document update', error));
  }
}

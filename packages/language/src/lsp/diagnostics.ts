import * as fs from 'node:fs';
import type { LangiumDocument } from 'langium';
import { DocumentState, URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection, Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { CaserecServices } from '../caserec-module.js';
import type { LoadedPolicy } from '../policy/policy-file.js';
import type { CaserecSettings } from '../engine/settings.js';
import { logError } from './safety.js';

/**
 * Publishes diagnostics. Unlike Langium's own handler it says which version of the text they belong to, and
 * it drops the result of a build that the editor's text has already moved past (a newer build follows), so a
 * burst of keystrokes never leaves a backlog of stale diagnostics. It also reports a bad policy file
 * (.caserec.json) on that file, naming the key and the problem.
 */
export class DiagnosticsPublisher {
  /** The version of the text each document was last parsed from. */
  private readonly parsedVersions = new Map<string, number | undefined>();
  /** Policy files we have put diagnostics on, with what we put there (to clear them once fixed). */
  private readonly policyReports = new Map<string, string>();
  /** Publications handed to the connection and not yet written (it writes on later turns of the event loop). */
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly connection: Connection,
    private readonly shared: LangiumSharedServices,
  ) {}

  listen(): void {
    const builder = this.shared.workspace.DocumentBuilder;
    const textDocuments = this.shared.workspace.TextDocuments;
    builder.onUpdate((_changed, deleted) => {
      for (const uri of deleted) {
        this.parsedVersions.delete(uri.toString());
        this.send({ uri: uri.toString(), diagnostics: [] });
      }
    });
    builder.onDocumentPhase(DocumentState.Parsed, (document) => {
      this.parsedVersions.set(document.uri.toString(), textDocuments.get(document.uri.toString())?.version);
    });
    builder.onDocumentPhase(DocumentState.Validated, (document) => {
      const key = document.uri.toString();
      const version = this.parsedVersions.get(key);
      const current = textDocuments.get(key)?.version;
      if (current !== undefined && version !== undefined && current !== version) return; // stale: a newer build follows
      this.send({ uri: key, version, diagnostics: document.diagnostics ?? [] });
    });
    builder.onBuildPhase(DocumentState.Validated, () => this.publishPolicyProblems());
  }

  /** One diagnostic per problem of each policy file that the documents in the workspace use. */
  publishPolicyProblems(): void {
    try {
      const policies = new Map<string, LoadedPolicy>();
      for (const document of this.shared.workspace.LangiumDocuments.all) {
        const loaded = this.policyOf(document);
        if (loaded?.file) policies.set(loaded.file, loaded);
      }
      const seen = new Set<string>();
      for (const [file, loaded] of policies) {
        const uri = URI.file(file).toString();
        seen.add(uri);
        const diagnostics = loaded.problems.map((problem) => policyDiagnostic(file, problem.line, problem.key, problem.message));
        const signature = JSON.stringify(diagnostics);
        if ((this.policyReports.get(uri) ?? '[]') === signature) continue;
        this.policyReports.set(uri, signature);
        this.send({ uri, diagnostics });
      }
      for (const uri of [...this.policyReports.keys()]) {
        if (seen.has(uri)) continue;
        this.policyReports.delete(uri);
        this.send({ uri, diagnostics: [] });
      }
    } catch (error) {
      logError('policy file diagnostics', error);
    }
  }

  /**
   * The policy of each document, kept while the policies are (asked of every document at every build: finding a
   * document's language from its URI each time cost ~20 ms a keystroke with a folder of 2,000 records open).
   */
  private readonly policies = new WeakMap<LangiumDocument, { settings: CaserecSettings; generation: number; loaded: LoadedPolicy }>();

  private policyOf(document: LangiumDocument): LoadedPolicy | undefined {
    const kept = this.policies.get(document);
    if (kept && kept.generation === kept.settings.policyGeneration) return kept.loaded;
    if (!this.shared.ServiceRegistry.hasServices(document.uri)) return undefined;
    const settings = (this.shared.ServiceRegistry.getServices(document.uri) as CaserecServices).caserec?.Settings;
    if (!settings) return undefined;
    const loaded = settings.policyFor(document.uri);
    this.policies.set(document, { settings, generation: settings.policyGeneration, loaded });
    return loaded;
  }

  /** Resolves once every publication sent so far has been written to the client. */
  written(): Promise<void> {
    return Promise.all([...this.inFlight]).then(() => undefined);
  }

  private send(params: { uri: string; version?: number; diagnostics: Diagnostic[] }): void {
    const sending = this.connection.sendDiagnostics(params).catch((error: unknown) => logError('sending diagnostics', error));
    this.inFlight.add(sending);
    void sending.finally(() => this.inFlight.delete(sending));
  }
}

/** A diagnostic on the line of the key at fault (the whole line, from its first character that is not a space). */
function policyDiagnostic(file: string, line: number, key: string, message: string): Diagnostic {
  let text = '';
  try {
    text = fs.readFileSync(file, 'utf8').split(/\r?\n/)[line - 1] ?? '';
  } catch {
    // The file may be gone or unreadable; the message says so and the range is the first line.
  }
  const start = Math.max(0, text.search(/\S/));
  return {
    range: { start: { line: line - 1, character: start }, end: { line: line - 1, character: Math.max(start, text.length) } },
    severity: DiagnosticSeverity.Error,
    source: 'caserec',
    code: 'policy',
    message: `Policy setting ${key}: ${message}. The built-in defaults are used until this is corrected.`,
  };
}

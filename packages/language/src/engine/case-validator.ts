import type { AstNode, LangiumDocument } from 'langium';
import { Cancellation, WorkspaceCache, interruptAndCheck, isOperationCancelled } from 'langium';
import type { LangiumSharedCoreServices } from 'langium';
import type { Document } from '../generated/ast.js';
import { buildCaseModel, documentsByCase, type CaseModel } from '../model/case-model.js';
import { caseIdOf } from '../references/case-scope.js';
import { CASE_RULES } from '../rules/index.js';
import type { CaseRule, RuleContext } from '../rules/rule-context.js';
import type { CaserecSettings } from './settings.js';
import { severityUnder, type Finding } from './findings.js';
import { documentOf } from '../model/entry-fields.js';

/**
 * The case-level pass: builds the case model of every case in the workspace once per workspace state, runs the
 * case rules once per case, and hands each document the findings located in it. A change to one file of a
 * case therefore updates the findings of all its files (architecture sketch, "two layers").
 */
export class CaseValidator {
  private readonly byCase: WorkspaceCache<'all', Map<string, LangiumDocument<Document>[]>>;
  private readonly models: WorkspaceCache<string, CaseModel>;
  private readonly findings: WorkspaceCache<string, Map<string, Finding[]>>;

  constructor(
    private readonly shared: LangiumSharedCoreServices,
    private readonly settings: CaserecSettings,
  ) {
    this.byCase = new WorkspaceCache(shared);
    this.models = new WorkspaceCache(shared);
    this.findings = new WorkspaceCache(shared);
  }

  /** Every case of the workspace, in the order its first document comes. */
  caseModels(): Map<string, CaseModel> {
    const models = new Map<string, CaseModel>();
    for (const caseId of this.documentsByCase().keys()) models.set(caseId, this.modelOf(caseId)!);
    return models;
  }

  /**
   * The model of the document's case, built when first asked for in a workspace state: a keystroke builds its
   * own case's model, not those of every case in the folder (2,000 of them in the bench workspace).
   */
  caseModelOf(document: LangiumDocument): CaseModel | undefined {
    const caseId = caseIdOf(document.parseResult.value as Document);
    return caseId === undefined ? undefined : this.modelOf(caseId);
  }

  /**
   * The documents of each case, grouped again only when a document was added or removed or parsed afresh (an
   * edit spliced into a record keeps its root, and cannot change its case: an edit of the case block or of
   * `for case` parses the whole file). A keystroke with a folder of 2,000 records open regrouped them all.
   */
  private documentsByCase(): Map<string, LangiumDocument<Document>[]> {
    return this.byCase.get('all', () => {
      const documents = this.shared.workspace.LangiumDocuments.all.toArray();
      const last = this.grouping;
      if (
        last?.documents.length === documents.length &&
        documents.every((document, i) => document === last.documents[i] && document.parseResult.value === last.roots[i])
      ) {
        return last.byCase;
      }
      const byCase = documentsByCase(documents);
      this.grouping = { documents, roots: documents.map((document) => document.parseResult.value), byCase };
      return byCase;
    });
  }

  private grouping:
    { documents: readonly LangiumDocument[]; roots: readonly unknown[]; byCase: Map<string, LangiumDocument<Document>[]> } | undefined;

  private modelOf(caseId: string): CaseModel | undefined {
    const documents = this.documentsByCase().get(caseId);
    return documents ? this.models.get(caseId, () => buildCaseModel(caseId, documents)) : undefined;
  }

  /**
   * Findings of the case rules that fall in `document`. The rules run one at a time with a turn of the event
   * loop between them when 10 ms have passed, so that a keystroke can cancel the pass (by `cancelToken`) rather
   * than wait for the whole of it; a cancelled pass leaves nothing in the cache.
   */
  async findingsFor(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<Finding[]> {
    const model = this.caseModelOf(document);
    if (!model) return [];
    const key = model.caseId + '\0' + this.settings.getAsOf();
    let byDocument = this.findings.get(key);
    if (byDocument === undefined) {
      byDocument = await this.runRules(model, cancelToken);
      this.findings.set(key, byDocument);
    }
    return byDocument.get(document.uri.toString()) ?? [];
  }

  async runRules(model: CaseModel, cancelToken = Cancellation.CancellationToken.None): Promise<Map<string, Finding[]>> {
    const byDocument = new Map<string, Finding[]>();
    const anchor = model.documents[0];
    if (!anchor) return byDocument;
    // A case's rules run under the policy of the file that declares it (or its first file).
    const declaring = model.documents.find((d) => d.parseResult.value.caseDecl) ?? anchor;
    const loaded = this.settings.policyFor(declaring.uri);
    const context = {
      model,
      policy: loaded.policy,
      asOf: this.settings.getAsOf(),
      calendar: this.settings.calendarFor(loaded),
      report: (finding: Finding) => {
        const uri = uriOf(finding.node);
        let list = byDocument.get(uri);
        if (!list) byDocument.set(uri, (list = []));
        list.push(finding);
      },
    };
    for (const rule of CASE_RULES) {
      if (severityUnder(loaded.policy, rule.code) === 'off') continue;
      await interruptAndCheck(cancelToken);
      await runRule(rule, context, cancelToken);
    }
    return byDocument;
  }
}

/**
 * Runs one case rule. A long rule yields before each item it judges (see RuleRun): between items the pass may
 * stop for a keystroke (interruptAndCheck gives the event loop a turn once 10 ms have passed, and throws
 * OperationCancelled once the pass is cancelled). A rule's bug is logged and must not take the other rules, or
 * the server, down with it.
 */
export async function runRule(rule: CaseRule, context: RuleContext, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
  try {
    const run = rule.check(context);
    if (!run) return;
    // Without a token (the CLI) nothing can cancel the pass: step through without a turn of the event loop each.
    const cancellable = cancelToken !== Cancellation.CancellationToken.None;
    for (let step = run.next(); !step.done; step = run.next()) if (cancellable) await interruptAndCheck(cancelToken);
  } catch (error) {
    if (isOperationCancelled(error)) throw error;
    console.error(`caserec: rule ${rule.code} failed on case ${context.model.caseId}:`, error);
  }
}

function uriOf(node: AstNode): string {
  const root = documentOf(node) as Document & { $document?: LangiumDocument };
  return root.$document?.uri.toString() ?? '';
}

import type { AstNode, LangiumDocument, ValidationAcceptor, ValidationChecks } from 'langium';
import { AstUtils, type Cancellation } from 'langium';
import type { CaserecAstType, Document, Entry } from '../generated/ast.js';
import { Entry as EntryType } from '../generated/ast.js';
import type { CaserecServices } from '../caserec-module.js';
import type { Finding } from '../engine/findings.js';
import { severityUnder } from '../engine/findings.js';
import * as records from './records-checks.js';

/**
 * Wires the per-node records checks into Langium's validation registry, and the case-level pass as a check
 * after each document. Every finding goes through `toAcceptor`, which applies the policy's severity for its
 * rule (or drops it when the rule is off): rules themselves never decide severity.
 */
export function registerValidationChecks(services: CaserecServices): void {
  const registry = services.validation.ValidationRegistry;
  const validator = new CaserecValidator(services);
  const checks: ValidationChecks<CaserecAstType> = {
    Child: (node, accept) => validator.run(node, accept, (report) => records.checkDeclarationName(node, report)),
    Adult: (node, accept) => validator.run(node, accept, (report) => records.checkDeclarationName(node, report)),
    Agency: (node, accept) => validator.run(node, accept, (report) => records.checkDeclarationName(node, report)),
    Worker: (node, accept) =>
      validator.run(node, accept, (report) => {
        records.checkDeclarationName(node, report);
        records.checkWorkerRole(node, report);
      }),
    Entry: (node, accept) => validator.checkEntry(node, accept),
    Field: (node, accept) => validator.run(node, accept, (report) => records.checkTextBlockClosed(node, report)),
    Stray: (node, accept) => validator.run(node, accept, (report) => records.checkStray(node, report)),
    NotAloneStatement: (node, accept) => validator.run(node, accept, (report) => records.checkTextBlockClosed(node, report)),
    Action: (node, accept) =>
      validator.run(node, accept, (report) => {
        records.checkActionComplete(node, report);
        records.checkDatesAreReal(node as never, report);
      }),
    DecisionStatement: (node, accept) => validator.run(node, accept, (report) => records.checkDatesAreReal(node as never, report)),
    OutcomeStatement: (node, accept) => validator.run(node, accept, (report) => records.checkDatesAreReal(node as never, report)),
    CompletedStatement: (node, accept) => validator.run(node, accept, (report) => records.checkDatesAreReal(node as never, report)),
    AuthorisedStatement: (node, accept) => validator.run(node, accept, (report) => records.checkDatesAreReal(node as never, report)),
    ReviewByStatement: (node, accept) => validator.run(node, accept, (report) => records.checkDatesAreReal(node as never, report)),
  };
  // Every per-node check is 'fast'; 'slow' holds the case pass alone (the document validator reuses an entry's
  // per-node findings across builds with and without 'slow' on that ground).
  registry.register(checks, validator, 'fast');
  // Case-level rules read every file of the case; they run after each document's own checks.
  // registerAfterDocument takes no category: the check reads the build's categories itself ([] means all), so the
  // editor can run the case pass on save only while the CLI always runs it.
  registry.registerAfterDocument(async (root, accept, categories, cancelToken) => {
    if (categories.length === 0 || categories.includes('slow')) await validator.checkCase(root as Document, accept, cancelToken);
  });
  void EntryType;
}

export class CaserecValidator {
  /**
   * The report function of each acceptor. Langium hands every node of a document (or of an entry) the same
   * acceptor, and an acceptor belongs to one document's validation, so its report function is made once
   * rather than once per node (each looks up the document and its policy).
   */
  private readonly reports = new WeakMap<ValidationAcceptor, records.Report>();

  constructor(private readonly services: CaserecServices) {}

  run(node: AstNode, accept: ValidationAcceptor, check: (report: records.Report) => void): void {
    check(this.reportFor(node, accept));
  }

  private reportFor(node: AstNode, accept: ValidationAcceptor): records.Report {
    let report = this.reports.get(accept);
    if (!report) this.reports.set(accept, (report = this.toAcceptor(AstUtils.getDocument(node), accept)));
    return report;
  }

  checkEntry(entry: Entry, accept: ValidationAcceptor): void {
    const document = AstUtils.getDocument(entry);
    const report = this.reportFor(entry, accept);
    const settings = this.services.caserec.Settings;
    const policy = settings.policyFor(document.uri).policy;
    records.checkDatesAreReal(entry as never, report);
    records.checkHeaderValues(entry, report);
    records.checkEntryFields(entry, report);
    records.checkRequiredFields(entry, report);
    records.checkReferenceKinds(entry, report);
    records.checkDateOrder(entry, settings.getAsOf(), report);
    if (entry.$type === 'Assessment') records.checkAssessmentAuthorised(entry, policy.managerRoles, report);
  }

  async checkCase(root: Document, accept: ValidationAcceptor, cancelToken?: Cancellation.CancellationToken): Promise<void> {
    const document = root.$document;
    if (!document) return;
    const report = this.toAcceptor(document, accept);
    for (const finding of await this.services.caserec.CaseValidator.findingsFor(document, cancelToken)) report(finding);
  }

  /** A report function that gives each finding its policy severity, its code, and its rule name. */
  toAcceptor(document: LangiumDocument, accept: ValidationAcceptor): records.Report {
    const policy = this.services.caserec.Settings.policyFor(document.uri).policy;
    return (finding: Finding) => {
      const severity = severityUnder(policy, finding.code);
      if (severity === 'off') return;
      accept(severity === 'info' ? 'info' : severity, finding.message, {
        node: finding.node,
        property: finding.property as never,
        index: finding.index,
        code: finding.code,
        data: { code: finding.code, ...finding.data },
      });
    };
  }
}

import type { LangiumDocument, ValidationOptions } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DefaultDocumentValidator, DocumentValidator } from 'langium';
import type { Cancellation } from 'langium';
import type { Document } from '../generated/ast.js';
import type { CaserecServices } from '../caserec-module.js';
import { severityUnder } from '../engine/findings.js';
import { plainLexerMessage } from '../parser/error-messages.js';

/**
 * Gives Langium's own diagnostics our rule codes: lexing and parsing errors are CR001, linking errors CR002.
 * When a file's `for case` names no known case, that is reported once, not once per name in the file
 * (language.md). Parser messages are rephrased for a social worker rather than a compiler writer.
 */
export class CaserecDocumentValidator extends DefaultDocumentValidator {
  constructor(private readonly caserec: CaserecServices) {
    super(caserec);
  }

  override async validateDocument(
    document: LangiumDocument,
    options: ValidationOptions = {},
    cancelToken?: Cancellation.CancellationToken,
  ): Promise<Diagnostic[]> {
    const diagnostics = await super.validateDocument(document, options, cancelToken);
    const root = document.parseResult.value as Document;
    const caseUnknown = root.forCase !== undefined && root.forCase.case?.ref === undefined;
    const noCase = root.caseDecl === undefined && root.forCase === undefined;
    const policy = this.caserec.caserec.Settings.policyFor(document.uri).policy;
    const result: Diagnostic[] = [];
    if (noCase && root.entries.length > 0) {
      result.push({
        severity: 1,
        code: 'CR002',
        message: 'This file belongs to no case: start it with a case block, or with for case "…" naming the case declared in another file.',
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        source: 'caserec',
        data: { code: 'CR002' },
      });
    }
    for (const diagnostic of diagnostics) {
      const langiumCode = (diagnostic.data as { code?: string } | undefined)?.code;
      if (langiumCode === DocumentValidator.LexingError) {
        diagnostic.code = 'CR001';
        diagnostic.message = plainLexerMessage(String(diagnostic.message));
      } else if (langiumCode === DocumentValidator.ParsingError) {
        diagnostic.code = 'CR001';
      } else if (langiumCode === DocumentValidator.LinkingError) {
        const data = diagnostic.data as { containerType?: string; refText?: string };
        const isCaseReference = data.containerType === 'ForCase';
        if ((caseUnknown || noCase) && !isCaseReference) continue;
        diagnostic.code = 'CR002';
        diagnostic.message = isCaseReference
          ? `No case ${data.refText} is declared in the files being checked, so the people and entries of this file cannot be checked; declare the case or check its folder with this file.`
          : data.containerType === 'SafetyPlan'
            ? `No safety plan with the id "${data.refText}" is recorded in this case; check the id of the plan this one replaces.`
            : `"${data.refText}" is not declared in this case; declare it in the case block (child, adult, worker or agency) or correct the id.`;
      } else if (typeof diagnostic.code !== 'string' || !diagnostic.code.startsWith('CR')) {
        diagnostic.code = 'CR001';
      }
      const severity = severityUnder(policy, String(diagnostic.code));
      if (severity === 'off') continue;
      result.push(diagnostic);
    }
    return result;
  }
}

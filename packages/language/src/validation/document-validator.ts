import type { LangiumDocument, ValidationOptions } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DefaultDocumentValidator, DocumentValidator } from 'langium';
import type { Cancellation } from 'langium';
import type { Document } from '../generated/ast.js';
import type { CaserecServices } from '../caserec-module.js';
import { severityUnder } from '../engine/findings.js';

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
    const caseUnknown = root.forCase !== undefined && root.forCase.case.ref === undefined;
    const policy = this.caserec.caserec.Settings.policyFor(document.uri).policy;
    const result: Diagnostic[] = [];
    for (const diagnostic of diagnostics) {
      const langiumCode = (diagnostic.data as { code?: string } | undefined)?.code;
      if (langiumCode === DocumentValidator.LexingError || langiumCode === DocumentValidator.ParsingError) {
        diagnostic.code = 'CR001';
        diagnostic.message = plainParserMessage(String(diagnostic.message));
      } else if (langiumCode === DocumentValidator.LinkingError) {
        const data = diagnostic.data as { containerType?: string; refText?: string };
        const isCaseReference = data.containerType === 'ForCase';
        if (caseUnknown && !isCaseReference) continue;
        diagnostic.code = 'CR002';
        diagnostic.message = isCaseReference
          ? `No case ${data.refText} is declared in the files being checked, so the people and entries of this file cannot be checked; declare the case or check its folder with this file.`
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

/** Chevrotain says "Expecting token of type 'DATE' but found `x`"; a worker needs to know what to write. */
export function plainParserMessage(message: string): string {
  const names: Record<string, string> = {
    DATE: 'a date (YYYY-MM-DD)',
    TIME: 'a time (HH:MM)',
    ID: 'an id',
    STRING: 'a quoted string',
    TEXT: 'a text block ("""…""")',
    EOF: 'the end of the file',
  };
  const found = /but found: ?'?`?([^'`\n]*)'?`?/.exec(message)?.[1];
  const expecting = /Expecting (?:token of type |--> )?'?([^'\s]+)'?/.exec(message)?.[1];
  if (expecting) {
    const wanted = names[expecting] ?? `"${expecting}"`;
    return `Expected ${wanted} here${found !== undefined ? `, but found "${found.trim().slice(0, 40)}"` : ''}.`;
  }
  if (/unexpected character/i.test(message))
    return `This character is not part of the case-record language: ${message.replace(/^.*?->\s*/, '')}`;
  return message.replace(/\s+/g, ' ').trim();
}

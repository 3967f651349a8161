import * as fs from 'node:fs';
import type { LangiumDocument } from 'langium';
import { URI } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { CaserecServices } from '../caserec-module.js';
import { ruleByCode, type Severity } from '../rules/catalogue.js';

/** One finding as the outside world sees it: 1-based lines and columns, the rule's code and name. */
export interface ReportedDiagnostic {
  readonly code: string;
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface FileResult {
  /** The path as given, or relative to the working directory. */
  readonly path: string;
  readonly diagnostics: ReportedDiagnostic[];
}

/**
 * The batch entry point shared by the CLI, the report and the tests: loads files, builds them together (so all
 * files of a case link), and returns each file's findings. The language server reaches the same validators
 * through Langium's document builder.
 */
export async function validateFiles(
  services: CaserecServices,
  files: readonly { path: string; absolute: string; text?: string }[],
): Promise<{ results: FileResult[]; documents: LangiumDocument[] }> {
  const documents = loadDocuments(services, files);
  await services.shared.workspace.DocumentBuilder.build(documents, { validation: true });
  const results = documents.map((document, index) => ({
    path: files[index]!.path,
    diagnostics: (document.diagnostics ?? []).map(toReported).sort((a, b) => a.line - b.line || a.column - b.column),
  }));
  return { results, documents };
}

export function loadDocuments(services: CaserecServices, files: readonly { absolute: string; text?: string }[]): LangiumDocument[] {
  const factory = services.shared.workspace.LangiumDocumentFactory;
  const store = services.shared.workspace.LangiumDocuments;
  return files.map((file) => {
    const uri = URI.file(file.absolute);
    const text = file.text ?? fs.readFileSync(file.absolute, 'utf8');
    const document = factory.fromString(text, uri);
    store.addDocument(document);
    return document;
  });
}

function toReported(diagnostic: Diagnostic): ReportedDiagnostic {
  const code = String(diagnostic.code ?? 'CR001');
  const severity: Severity = diagnostic.severity === 1 ? 'error' : diagnostic.severity === 2 ? 'warning' : 'info';
  return {
    code,
    rule: ruleByCode(code)?.name ?? 'syntax',
    severity,
    message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
    line: diagnostic.range.start.line + 1,
    column: diagnostic.range.start.character + 1,
    endLine: diagnostic.range.end.line + 1,
    endColumn: diagnostic.range.end.character + 1,
  };
}

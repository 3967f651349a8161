import type { ValidationReport } from './types.js';

/** The JSON contract of product.md, key order included. */
export function formatJson(report: ValidationReport): string {
  const document = {
    version: 1,
    asOf: report.asOf,
    summary: report.summary,
    files: report.files.map((file) => ({
      path: file.path,
      diagnostics: file.diagnostics.map((d) => ({
        code: d.code,
        rule: d.rule,
        severity: d.severity,
        message: d.message,
        line: d.line,
        column: d.column,
        endLine: d.endLine,
        endColumn: d.endColumn,
      })),
    })),
  };
  return JSON.stringify(document, null, 2) + '\n';
}

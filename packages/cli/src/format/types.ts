import type { FileResult } from '@caserec/language';

export interface ValidationReport {
  readonly asOf: string;
  readonly files: readonly FileResult[];
  readonly summary: { files: number; errors: number; warnings: number; infos: number };
}

export function summarise(asOf: string, files: readonly FileResult[]): ValidationReport {
  const summary = { files: files.length, errors: 0, warnings: 0, infos: 0 };
  for (const file of files) {
    for (const d of file.diagnostics) {
      if (d.severity === 'error') summary.errors++;
      else if (d.severity === 'warning') summary.warnings++;
      else summary.infos++;
    }
  }
  return { asOf, files, summary };
}

import type { ValidationReport } from './types.js';

/** Like other linters: one finding per line, `file:line:col  severity  message  CODE`, then a summary. */
export function formatText(report: ValidationReport, useColour = false): string {
  const paint = (code: string, text: string) => (useColour ? `\u001b[${code}m${text}\u001b[0m` : text);
  const colourOf = { error: '31', warning: '33', info: '36' } as const;
  const lines: string[] = [];
  for (const file of report.files) {
    for (const d of file.diagnostics) {
      lines.push(
        `${file.path}:${d.line}:${d.column}  ${paint(colourOf[d.severity], d.severity.padEnd(7))}  ${d.message}  ${paint('2', d.code)}`,
      );
    }
  }
  const { files, errors, warnings, infos } = report.summary;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (lines.length > 0) lines.push('');
  lines.push(
    `${plural(files, 'file')} checked as of ${report.asOf}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(infos, 'info')}.`,
  );
  return lines.join('\n') + '\n';
}

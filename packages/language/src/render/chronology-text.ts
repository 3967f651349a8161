import type { CaseChronology, ChronologyRow, ServiceGap } from '../chronology/chronology.js';
import { formatLongDate } from '../time/index.js';
import { csvDocument, escapeMarkdownCell, escapeMarkdownText } from './escape.js';

/**
 * The chronology as JSON (the contract of product.md, key order included), Markdown (for printing and for
 * pasting into a case review) and CSV (for a spreadsheet). The HTML page is in chronology-html.ts.
 */

export function chronologyJson(cases: readonly CaseChronology[]): string {
  const document = {
    version: 1,
    cases: cases.map((chronology) => ({
      case: chronology.caseId,
      entries: chronology.rows.map((row) => ({
        date: row.date,
        time: row.time,
        kind: row.kind,
        children: [...row.children],
        summary: row.summary,
        source: row.source,
        significance: row.significance,
        impact: row.impact,
        file: row.file,
        line: row.line,
      })),
    })),
  };
  return JSON.stringify(document, null, 2) + '\n';
}

/** Children by name where the case declares them ("Amelia Jones, Ben Jones"), else by id. */
export function childrenNamed(chronology: CaseChronology, ids: readonly string[]): string {
  return ids.map((id) => chronology.children.find((child) => child.id === id)?.name ?? id).join(', ');
}

function rowTime(row: ChronologyRow): string {
  return row.time ?? '';
}

function gapLine(gap: ServiceGap): string {
  const until = gap.ongoing ? `to ${formatLongDate(gap.to)} (still open)` : `to ${formatLongDate(gap.to)}`;
  return `${formatLongDate(gap.from)} ${until}: ${gap.label}`;
}

export interface ChronologyRenderOptions {
  /** The filters in force, said at the top so that a printed copy is not mistaken for the whole record. */
  readonly filterNote?: string;
}

export function chronologyMarkdown(cases: readonly CaseChronology[], options: ChronologyRenderOptions = {}): string {
  if (cases.length === 0) return '# Chronology\n\nNo case records were found.\n';
  const lines: string[] = [];
  for (const chronology of cases) {
    if (lines.length > 0) lines.push('');
    const title = chronology.title ? ` — ${escapeMarkdownText(chronology.title)}` : '';
    lines.push(`# Chronology: ${escapeMarkdownText(chronology.caseId)}${title}`, '');
    const children = chronology.children.map(
      (c) => `${escapeMarkdownText(c.name)} (${escapeMarkdownText(c.id)}${c.born ? `, born ${c.born}` : ''})`,
    );
    lines.push(
      `Children: ${children.join('; ') || 'none declared'}. As of ${formatLongDate(chronology.asOf)}. ${chronology.rows.length} entries.`,
    );
    if (options.filterNote) lines.push('', `Showing: ${escapeMarkdownText(options.filterNote)}.`);
    lines.push('');
    if (chronology.rows.length === 0) {
      lines.push('No entries match.');
    } else {
      lines.push(
        '| Date | Time | Kind | Children | Summary | Source | Significance | Impact | Where |',
        '|---|---|---|---|---|---|---|---|---|',
      );
      for (const row of chronology.rows) {
        const cells = [
          row.date,
          rowTime(row),
          row.kind,
          childrenNamed(chronology, row.children),
          row.summary,
          row.source,
          row.significance,
          row.impact ?? '',
          `${row.file}:${row.line}`,
        ];
        lines.push(`| ${cells.map(escapeMarkdownCell).join(' | ')} |`);
      }
    }
    if (chronology.gaps.length > 0) {
      lines.push('', '## Gaps in service', '');
      for (const gap of chronology.gaps) lines.push(`- ${escapeMarkdownText(gapLine(gap))}`);
    }
  }
  return lines.join('\n') + '\n';
}

export const CHRONOLOGY_CSV_HEADER = [
  'case',
  'date',
  'time',
  'kind',
  'children',
  'summary',
  'source',
  'significance',
  'impact',
  'file',
  'line',
];

export function chronologyCsv(cases: readonly CaseChronology[]): string {
  const rows: (string | number | null)[][] = [CHRONOLOGY_CSV_HEADER];
  for (const chronology of cases) {
    for (const row of chronology.rows) {
      rows.push([
        chronology.caseId,
        row.date,
        row.time ?? '',
        row.kind,
        row.children.join('; '),
        row.summary,
        row.source,
        row.significance,
        row.impact ?? '',
        row.file,
        row.line,
      ]);
    }
  }
  return csvDocument(rows);
}

/**
 * Escaping for every format the renderers write. Record text is among the most sensitive there is and is
 * written by people, so none of it may ever be read as markup, as a table's structure or as a spreadsheet
 * formula. Every renderer goes through these functions and nothing else.
 */

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text for HTML (and inline SVG), safe both between tags and inside a quoted attribute. The one escaping
 * function for HTML: all record text, names and paths in generated pages pass through it.
 */
export function escapeHtml(text: string | number | null | undefined): string {
  if (text === null || text === undefined) return '';
  return String(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * Text for one Markdown table cell, read both raw (printed) and rendered. Pipes would end the cell and line
 * breaks the row; `<` would let a renderer read record text as HTML; `*`, `_`, `` ` ``, `[` and `]` would turn
 * words into emphasis, code or links. Each is backslash-escaped (CommonMark shows the character itself). An
 * `&` is escaped only where it would start an entity, so that "Sarah & Kyle" still reads as written.
 */
export function escapeMarkdownCell(text: string | null | undefined): string {
  if (text === null || text === undefined) return '';
  return text
    .replace(/\r\n?|\n/g, ' ')
    .replace(/[\\|<>*_`[\]]/g, (c) => '\\' + c)
    .replace(/&(?=#?[a-zA-Z0-9]+;)/g, '\\&');
}

/** Text for Markdown prose outside a table (a heading, a list item): the same escapes, so one rule holds. */
export const escapeMarkdownText = escapeMarkdownCell;

/** Characters with which a spreadsheet starts a formula (and tab and carriage return, which some strip first). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled. Text that a
 * spreadsheet would run as a formula (=, +, -, @) is prefixed with a single quote, so that a record saying
 * "=HYPERLINK(…)" is shown, not run (OWASP, CSV injection). Numbers are written as they are.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const guarded = FORMULA_START.test(value) ? "'" + value : value;
  return /[",\r\n]/.test(guarded) ? '"' + guarded.replace(/"/g, '""') + '"' : guarded;
}

/** The byte order mark that tells Excel a CSV file is UTF-8 (without it, accented and Arabic text is garbled). */
export const UTF8_BOM = '\uFEFF';

/** A whole CSV document: BOM, CRLF line ends (RFC 4180), one record per row. */
export function csvDocument(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return UTF8_BOM + rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

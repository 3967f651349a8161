import { describe, expect, it } from 'vitest';
import {
  buildChronology,
  buildQaReport,
  chronologyCsv,
  chronologyHtml,
  chronologyJson,
  chronologyMarkdown,
  CONTENT_SECURITY_POLICY,
  csvField,
  DEFAULT_POLICY,
  escapeHtml,
  escapeMarkdownCell,
  reportCsv,
  reportHtml,
  reportJson,
  time,
  type CaseChronology,
  type QaReport,
} from '../../src/index.js';
import { validateAll } from '../helpers.js';

/**
 * Record text is written by people and may hold anything: markup, quotes, ampersands, pipes, right-to-left
 * scripts, emoji. In every format it must come out inert (never read as markup, table structure or a formula)
 * and intact (every character kept). All names and text here are fictional.
 */

const HOSTILE = `<script>alert("x")</script> & "quoted" it's | a|b <img src=x onerror=alert(1)> &amp;`;
const ARABIC = 'قالت: أريد أن أبقى مع جدتي';
const HEBREW = 'היא אמרה: אני רוצה להישאר';
const EMOJI = 'She drew 👩‍👧 and a 🧸 🏠';
/** On one line and under the summary's length, so the summary is the whole text. */
const WHAT = `${HOSTILE} ${ARABIC} ${EMOJI}`;
const IMPACT = `${HEBREW} — ${HOSTILE} — ${EMOJI}`;
const FORMULAS = ['=HYPERLINK("http://example.invalid","click")', '+1+2', '-2+3', '@SUM(A1)'];

const SOURCE = `case "SG-900555" {
  title "Fictional <Farrow> & \\"Sons\\" | family"
  child amelia "Amélie <b>O'Neil</b> | ${ARABIC.slice(0, 4)}" born 2016-04-12
  worker jo "Jo <i>Fennick</i> & Co" role social-worker team "Response & <Duty>"
  worker ali "Ali Rendle" role team-manager team "Response & <Duty>"
  agency police "Midshire \\"Blue\\" Police & <Co>"
}

event 2021-02-01 about amelia source police significance high {
  what: """${WHAT}"""
  impact: """${IMPACT}"""
}

${FORMULAS.map((f, i) => `note 2021-03-0${i + 1} by jo about amelia { text: """${f}""" }`).join('\n')}

referral r1 2021-04-01 from police about amelia { reason: """${HOSTILE}""" }
allocation 2021-04-01 about amelia to jo
`;

let chronology: CaseChronology;
let report: QaReport;

async function load(): Promise<void> {
  if (chronology) return;
  const asOf = '2022-01-10';
  const { services, documents, diagnostics } = await validateAll({ 'we"ird <&> name.case': SOURCE }, asOf);
  const model = [...services.caserec.CaseValidator.caseModels().values()][0]!;
  const pathOf = () => 'we"ird <&> name.case';
  chronology = buildChronology(model, { policy: DEFAULT_POLICY, calendar: time.englandAndWales, asOf, pathOf });
  report = buildQaReport({
    asOf,
    cases: [{ model, policy: DEFAULT_POLICY, calendar: time.englandAndWales }],
    files: [
      {
        path: 'we"ird <&> name.case',
        document: documents.get('we"ird <&> name.case')!,
        diagnostics: diagnostics.get('we"ird <&> name.case')!,
      },
    ],
  });
}

/** RFC 4180 fields of a CSV document (quoted fields, doubled quotes, CRLF records). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

describe('the shared escapes', () => {
  it('escapeHtml escapes the five characters that matter in text and attributes, and nothing else', () => {
    expect(escapeHtml(`<a href="x">Tom & 'Jerry'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;');
    expect(escapeHtml(`${ARABIC} ${EMOJI}`)).toBe(`${ARABIC} ${EMOJI}`);
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(42)).toBe('42');
  });

  it('csvField quotes commas, quotes and line breaks and guards formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@x')).toBe("'@x");
    expect(csvField('=HYPERLINK("a","b")')).toBe(`"'=HYPERLINK(""a"",""b"")"`);
    expect(csvField(-3)).toBe('-3');
  });

  it('escapeMarkdownCell escapes pipes, markup and line breaks', () => {
    expect(escapeMarkdownCell('a | b')).toBe('a \\| b');
    expect(escapeMarkdownCell('<script>')).toBe('\\<script\\>');
    expect(escapeMarkdownCell('one\ntwo')).toBe('one two');
    expect(escapeMarkdownCell('Tom & Jerry &amp;')).toBe('Tom & Jerry \\&amp;');
  });
});

describe('record text in every format', () => {
  it('is in the model intact', async () => {
    await load();
    const event = chronology.rows.find((r) => r.kind === 'event')!;
    expect(event.summary).toBe(WHAT);
    expect(event.impact).toBe(IMPACT);
    expect(event.source).toBe('Midshire "Blue" Police & <Co>');
  });

  it('JSON round-trips every character exactly', async () => {
    await load();
    const parsed = JSON.parse(chronologyJson([chronology]));
    expect(parsed.cases[0].entries).toEqual(JSON.parse(JSON.stringify(chronology.rows)));
    const event = parsed.cases[0].entries.find((e: { kind: string }) => e.kind === 'event');
    expect(event.summary).toBe(WHAT);
    expect(event.impact).toBe(IMPACT);
    expect(event.file).toBe('we"ird <&> name.case');
    const reportParsed = JSON.parse(reportJson(report));
    expect(reportParsed.workers.map((w: { worker: string }) => w.worker)).toContain('Jo <i>Fennick</i> & Co');
  });

  it('CSV opens in a spreadsheet: BOM, CRLF, RFC 4180 quoting, text intact, formulas guarded', async () => {
    await load();
    const csv = chronologyCsv([chronology]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv.slice(1));
    const header = rows[0]!;
    expect(header).toEqual(['case', 'date', 'time', 'kind', 'children', 'summary', 'source', 'significance', 'impact', 'file', 'line']);
    expect(rows).toHaveLength(chronology.rows.length + 1);
    for (const row of rows) expect(row).toHaveLength(header.length);
    const event = rows.find((r) => r[3] === 'event')!;
    expect(event[5]).toBe(WHAT);
    expect(event[8]).toBe(IMPACT);
    expect(event[9]).toBe('we"ird <&> name.case');
    const notes = rows.filter((r) => r[3] === 'note').map((r) => r[5]);
    expect(notes).toEqual(FORMULAS.map((f) => "'" + f));
    // The report's CSV of findings follows the same rules.
    const findings = parseCsv(reportCsv(report).slice(1));
    for (const row of findings) expect(row).toHaveLength(findings[0]!.length);
  });

  it('Markdown keeps each row one table row: pipes escaped, markup inert, text otherwise intact', async () => {
    await load();
    const markdown = chronologyMarkdown([chronology]);
    const tableRows = markdown.split('\n').filter((line) => line.startsWith('| 20'));
    expect(tableRows).toHaveLength(chronology.rows.length);
    for (const line of tableRows) {
      const unescapedPipes = line.match(/(?<!\\)\|/g) ?? [];
      expect(unescapedPipes).toHaveLength(10); // 9 columns
    }
    expect(markdown).not.toMatch(/(?<!\\)<script/);
    expect(markdown).toContain('\\<script\\>alert("x")\\</script\\>');
    expect(markdown).toContain(ARABIC);
    expect(markdown).toContain(HEBREW);
    expect(markdown).toContain(EMOJI);
    // Undo the escapes: the words are all there.
    const unescaped = markdown.replace(/\\([\\|<>*_`[\]&])/g, '$1');
    expect(unescaped).toContain(WHAT);
    expect(unescaped).toContain(IMPACT);
    expect(markdown.split('\n')[0]).toBe('# Chronology: SG-900555 — Fictional \\<Farrow\\> & "Sons" \\| family');
  });

  it('HTML: no markup from a record survives, every character does, and nothing reaches the network', async () => {
    await load();
    for (const html of [chronologyHtml([chronology]), reportHtml(report)]) {
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<img/i);
      expect(html).not.toContain('<b>O');
      expect(html).not.toContain('<i>Fennick');
      expect(html).not.toMatch(/\b(src|href)=["']?(https?:|\/\/)/i);
      expect(html).not.toMatch(/@import|url\(\s*['"]?(https?:|\/\/)/i);
      expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`);
      expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    }
    const html = chronologyHtml([chronology]);
    expect(html).toContain(escapeHtml(WHAT));
    expect(html).toContain(escapeHtml(IMPACT));
    expect(html).toContain('data-file="we&quot;ird &lt;&amp;&gt; name.case"');
    expect(html).toContain('Fictional &lt;Farrow&gt; &amp; &quot;Sons&quot; | family');
    expect(html).toContain(ARABIC);
    expect(html).toContain(EMOJI);
    const page = reportHtml(report);
    expect(page).toContain('Jo &lt;i&gt;Fennick&lt;/i&gt; &amp; Co');
    expect(page).toContain('Response &amp; &lt;Duty&gt;');
  });
});

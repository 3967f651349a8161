import { NODE } from '../support/node.js';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `caserec chronology` and `caserec report` as a user runs them: the real packages/cli/bin/caserec.js as a
 * process (product.md: the chronology JSON contract, exit codes, paths). Fixtures are the fictional contract
 * samples; a temporary folder takes the files written with --out.
 */

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(REPO, 'packages/cli/bin/caserec.js');
const JONES = 'test/fixtures/contract/jones-family.case';
const MORGAN = 'test/fixtures/contract/morgan-case';
const ENTRY_KEYWORDS = [
  'event',
  'contact',
  'referral',
  'allocation',
  'unallocated',
  'oversight',
  'visit',
  'strategy-discussion',
  'section-47',
  'conference',
  'core-group',
  'assessment',
  'safety-plan',
  'supervision',
  'missing',
  'return-interview',
  'step-down',
  'step-up',
  'closure',
  'note',
];

function caserec(args: string[], cwd = REPO) {
  const run = spawnSync(NODE, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/**
 * The entries of a record counted from its text, independently of the parser: a line that starts with an entry
 * keyword (and, for those with an id, the id) followed by a date. Returns each header's 1-based line and date.
 */
function entryHeaders(text: string): { line: number; date: string; kind: string }[] {
  const header = new RegExp(`^(${ENTRY_KEYWORDS.join('|')})\\s+(?:[a-zA-Z][\\w-]*\\s+)?(\\d{4}-\\d{2}-\\d{2})\\b`);
  return text.split('\n').flatMap((line, index) => {
    const match = header.exec(line);
    return match ? [{ line: index + 1, kind: match[1]!, date: match[2]! }] : [];
  });
}

interface ContractEntry {
  date: string;
  time: string | null;
  kind: string;
  children: string[];
  summary: string;
  source: string;
  significance: string;
  impact: string | null;
  file: string;
  line: number;
}

let work: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'caserec-chronology-'));
});

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

describe('caserec chronology --format json', () => {
  it('lists every entry of jones-family.case, in date order, in the contract shape', () => {
    const run = caserec(['chronology', JONES, '--format', 'json', '--as-of', '2021-11-10']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const document = JSON.parse(run.stdout) as { version: number; cases: { case: string; entries: ContractEntry[] }[] };
    expect(Object.keys(document)).toEqual(['version', 'cases']);
    expect(document.version).toBe(1);
    expect(document.cases.map((c) => c.case)).toEqual(['SG-104233']);
    const entries = document.cases[0]!.entries;

    const headers = entryHeaders(fs.readFileSync(path.join(REPO, JONES), 'utf8'));
    expect(headers.length).toBeGreaterThan(20);
    expect(entries).toHaveLength(headers.length);
    // The same entries, each once: the header lines match one to one, with their kinds and dates.
    expect(entries.map((e) => `${e.line} ${e.kind} ${e.date}`).sort()).toEqual(headers.map((h) => `${h.line} ${h.kind} ${h.date}`).sort());

    const dates = entries.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
    // The file holds the conference of 22 Sep before the visit of 9 Sep: the chronology does not.
    expect(entries.findIndex((e) => e.date === '2021-09-09')).toBeLessThan(entries.findIndex((e) => e.kind === 'conference'));

    for (const entry of entries) {
      expect(Object.keys(entry)).toEqual([
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
      ]);
      expect(entry.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(entry.time === null || /^\d{2}:\d{2}$/.test(entry.time)).toBe(true);
      expect(['low', 'medium', 'high']).toContain(entry.significance);
      expect(entry.file).toBe(JONES);
      expect(entry.summary.length).toBeGreaterThan(0);
      expect(entry.summary).not.toMatch(/\n/);
    }
    expect(entries.filter((e) => e.kind === 'event').map((e) => e.significance)).toEqual(['high', 'medium']);
    expect(entries.find((e) => e.kind === 'contact')!.summary).toMatch(/ — Decision: strategy-discussion \(Ali Khan\)$/);
  });

  it('merges a case split across files into one chronology', () => {
    const run = caserec(['chronology', MORGAN, '--format', 'json', '--as-of', '2023-03-10']);
    expect(run.status).toBe(0);
    const document = JSON.parse(run.stdout) as { cases: { case: string; entries: ContractEntry[] }[] };
    expect(document.cases).toHaveLength(1);
    const entries = document.cases[0]!.entries;
    expect(entries).toHaveLength(entryHeaders(fs.readFileSync(path.join(REPO, MORGAN, '2022-records.case'), 'utf8')).length);
    expect(new Set(entries.map((e) => e.file))).toEqual(new Set([`${MORGAN}/2022-records.case`]));
    expect(entries.find((e) => e.kind === 'contact')!.source).toBe('South Glos College');
  });

  it('gives one chronology per case for a folder, in case order', () => {
    const run = caserec(['chronology', 'test/fixtures/contract', '--format', 'json', '--as-of', '2023-03-10']);
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as { cases: { case: string }[] }).cases.map((c) => c.case)).toEqual(['SG-104233', 'SG-200871']);
  });

  it('applies --child, --from, --to and --significance', () => {
    const run = caserec([
      'chronology',
      JONES,
      '--format',
      'json',
      '--as-of',
      '2021-11-10',
      '--child',
      'amelia',
      '--from',
      '2020-01-01',
      '--to',
      '2021-09-02',
      '--significance',
      'high',
    ]);
    expect(run.status).toBe(0);
    const entries = (JSON.parse(run.stdout) as { cases: { entries: ContractEntry[] }[] }).cases[0]!.entries;
    expect(entries.map((e) => `${e.date} ${e.kind}`)).toEqual([
      '2021-09-01 referral',
      // The section 47 has no time and is written after the 10:00 strategy discussion that started it.
      '2021-09-02 strategy-discussion',
      '2021-09-02 section-47',
    ]);
  });
});

describe('caserec chronology output', () => {
  it('--out writes the file and prints nothing', () => {
    const out = path.join(work, 'jones.html');
    const run = caserec(['chronology', JONES, '--format', 'html', '--out', out, '--as-of', '2021-11-10']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    const html = fs.readFileSync(out, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html.match(/<tr id="c0-r/g)).toHaveLength(entryHeaders(fs.readFileSync(path.join(REPO, JONES), 'utf8')).length);
  });

  it('writes Markdown by default and CSV on request', () => {
    const markdown = caserec(['chronology', JONES, '--as-of', '2021-11-10']);
    expect(markdown.status).toBe(0);
    expect(markdown.stdout.startsWith('# Chronology: SG-104233 — Jones family\n')).toBe(true);
    const csv = caserec(['chronology', JONES, '--format', 'csv', '--as-of', '2021-11-10']);
    expect(csv.status).toBe(0);
    expect(csv.stdout.startsWith('\uFEFFcase,date,time,kind,')).toBe(true);
  });

  it('takes paths relative to the working directory', () => {
    const run = caserec(
      ['chronology', 'jones-family.case', '--format', 'json', '--as-of', '2021-11-10'],
      path.join(REPO, 'test/fixtures/contract'),
    );
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as { cases: { entries: ContractEntry[] }[] }).cases[0]!.entries[0]!.file).toBe('jones-family.case');
  });
});

describe('exit codes and usage errors', () => {
  it.each([
    [['--format', 'pdf'], '--format pdf: use md, html, csv or json'],
    [['--from', '2021-13-01'], '--from 2021-13-01: not a date; use YYYY-MM-DD'],
    [['--to', 'yesterday'], '--to yesterday: not a date; use YYYY-MM-DD'],
    [['--from', '2021-10-01', '--to', '2021-09-01'], '--from 2021-10-01 is after --to 2021-09-01'],
    [['--significance', 'urgent'], '--significance urgent: use low, medium or high'],
    [['--child', 'zed'], '--child zed: no child with this id in the records given'],
    [['--as-of', '10/11/2021'], '--as-of 10/11/2021: not a date; use YYYY-MM-DD'],
    [['--bogus'], "unknown option '--bogus'"],
  ])('chronology %j exits 2 with one line', (extra, message) => {
    const run = caserec(['chronology', JONES, ...extra]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`caserec: ${message}\n`);
  });

  it('a missing file exits 2, naming it', () => {
    const run = caserec(['chronology', 'no/such/file.case']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('caserec: no/such/file.case: no such file or folder\n');
  });

  it('a file that cannot be written exits 2', () => {
    const run = caserec(['chronology', JONES, '--out', path.join(work, 'missing-folder', 'x.md'), '--as-of', '2021-11-10']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^caserec: .*x\.md: cannot be written \(ENOENT\)\n$/);
  });

  it('--help exits 0', () => {
    const run = caserec(['chronology', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: caserec chronology');
  });
});

describe('caserec report', () => {
  it('writes JSON of the whole report, HTML to a file, and CSV of the findings', () => {
    const json = caserec(['report', 'test/fixtures/contract', '--format', 'json', '--as-of', '2023-03-10']);
    expect(json.status).toBe(0);
    const report = JSON.parse(json.stdout) as {
      version: number;
      totals: { files: number; cases: number; findings: number };
      findings: { file: string; line: number }[];
    };
    expect(report.version).toBe(1);
    expect(report.totals).toMatchObject({ files: 3, cases: 2 });
    expect(report.findings.length).toBe(report.totals.findings);
    const validate = JSON.parse(caserec(['validate', 'test/fixtures/contract', '--format', 'json', '--as-of', '2023-03-10']).stdout) as {
      summary: { errors: number; warnings: number; infos: number };
    };
    expect(report.totals.findings).toBe(validate.summary.errors + validate.summary.warnings + validate.summary.infos);

    const out = path.join(work, 'report.html');
    expect(caserec(['report', 'test/fixtures/contract', '--out', out, '--as-of', '2023-03-10']).status).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain('<h1>Quality assurance report</h1>');

    const csv = caserec(['report', 'test/fixtures/contract', '--format', 'csv', '--as-of', '2023-03-10']);
    expect(csv.status).toBe(0);
    expect(csv.stdout.split('\r\n').filter(Boolean)).toHaveLength(report.findings.length + 1);
  });

  it('exits 2 on a bad format or date', () => {
    expect(caserec(['report', JONES, '--format', 'pdf']).stderr).toBe('caserec: --format pdf: use html, json or csv\n');
    expect(caserec(['report', JONES, '--as-of', 'soon']).status).toBe(2);
  });
});

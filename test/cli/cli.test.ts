import { NODE } from '../support/node.js';
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * End-to-end tests of the shipped CLI (product.md, "Contracts the outside world relies on"): the real
 * `packages/cli/bin/caserec.js` run as a process, on fictional records written to a temporary folder.
 *
 * The folder has a policy file that turns off every rule but the records rules (CR001–CR007), so that the
 * counts below do not move when the practice rules change; the records rules are the stable part of the
 * contract. Paths in the output are as given, relative to the working directory (the temporary folder).
 */

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(REPO, 'packages/cli/bin/caserec.js');
const SARIF_SCHEMA = path.join(REPO, 'test/fixtures/schemas/sarif-2.1.0.json');
const NOBODY = 65534;
// ajv-draft-04 is CommonJS: its class is the module and also its `default` (which is what the types describe).
const Ajv = AjvDraft04.default;

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

let work: string;

interface RuleMetadata {
  readonly code: string;
  readonly name: string;
  readonly severity: string;
  readonly summary: string;
  readonly explanation: string;
  readonly source: string;
}

/** The rule catalogue as the built CLI has it (`caserec rules --format json`). */
let RULES: RuleMetadata[];

function run(args: readonly string[], options: { cwd?: string; uid?: number } = {}): Run {
  const spawnOptions: SpawnSyncOptions = {
    cwd: options.cwd ?? work,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  };
  if (options.uid !== undefined) Object.assign(spawnOptions, { uid: options.uid, gid: options.uid });
  const result = spawnSync(NODE, [BIN, ...args], spawnOptions);
  if (result.error) throw result.error;
  return { status: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** The same, without waiting: independent runs go in parallel (each CLI start costs about a second). */
function runAsync(args: readonly string[], options: { cwd?: string; uid?: number } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, [BIN, ...args], {
      cwd: options.cwd ?? work,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill(), 60_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

function json(result: Run): ValidateJson {
  return JSON.parse(result.stdout) as ValidateJson;
}

interface ValidateJson {
  version: number;
  asOf: string;
  summary: { files: number; errors: number; warnings: number; infos: number };
  files: {
    path: string;
    diagnostics: {
      code: string;
      rule: string;
      severity: string;
      message: string;
      line: number;
      column: number;
      endLine: number;
      endColumn: number;
    }[];
  }[];
}

function write(relative: string, text: string): string {
  const file = path.join(work, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

function lineOf(relative: string, marker: string): number {
  const index = fs
    .readFileSync(path.join(work, relative), 'utf8')
    .split('\n')
    .findIndex((line) => line.includes(marker));
  if (index < 0) throw new Error(`${marker} not in ${relative}`);
  return index + 1;
}

/** No stack trace, no internal error: a message for a person. */
function expectCleanError(result: Run, ...named: string[]): void {
  expect(result.status).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^caserec: /);
  for (const name of named) expect(lines[0]).toContain(name);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr).not.toMatch(/internal error|Error:/);
}

// ---- The records ----

const CASE_A = `case "SG-900200" {
  title "Fictional Ash family"
  child maya "Maya Ash" born 2015-06-01
  adult lou "Lou Ash" relationship "mother"
  worker kim "Kim Hale" role social-worker team "Assessment"
  worker dee "Dee Moss" role team-manager team "Assessment"
  agency school "Elm Road Primary School"
}
`;

const CLEAN = `${CASE_A}
contact 2023-02-01 09:30 from school about maya {
  concern: """Maya told her teacher that there was no food at home at the weekend."""
  consent: given
  decision 2023-02-01 14:00 by dee: referral
  rationale: """A child reporting hunger needs an assessment of her needs."""
}

referral r1 2023-02-01 from school about maya {
  reason: """Possible neglect: Maya reports going hungry (see the contact of 1 February 2023)."""
}

allocation 2023-02-01 about maya to kim

visit 2023-02-03 15:30 by kim to maya {
  seen-alone: maya
  child-voice: """Maya showed me the kitchen and said "there's cereal now, Mum went shopping"."""
  observations: """The fridge was stocked. Lou was tired but warm with Maya."""
}
`;

/** Errors (CR003, CR006, CR004 as of 2023-03-10) and one warning (CR007). */
const FINDINGS = `case "SG-900201" {
  title "Fictional Birch family"
  child finn "Finn Birch" born 2014-02-02
  worker kim "Kim Hale" role social-worker team "Assessment"
  worker dee "Dee Moss" role team-manager team "Assessment"
  agency school "Elm Road Primary School"
}

referral 2023-01-05 from school about finn

assessment a1 2023-01-05 about finn {
  completed 2023-02-10
  child-voice: """Finn said "I like football, I don't like it when Dad shouts"."""
  history: """One earlier referral in 2021 for neglect."""
  analysis: """Finn's father's drinking is the main risk; his grandmother's daily care is the main strength,
  so Finn is safe while she is there, and a child in need plan should keep her involved."""
  outcome: cin-plan
}

oversight 2023-01-06 by dee about finn {
  direction: """Kim to ask the school for Finn's records."""
  action "Ring <school> & ask \\"Mr O'Neil\\" for records\u0007" owner kim
}

note 2023-03-11 by kim about finn {
  text: """Written ahead of the visit."""
}
`;

/** Exactly two warnings (CR007) and no errors. */
const WARNINGS = `case "SG-900202" {
  child gus "Gus Cole" born 2012-12-12
  worker kim "Kim Hale" role social-worker team "Assessment"
}

assessment 2023-01-05 about gus {
  completed 2023-02-10
  history: """h"""
  analysis: """a"""
  outcome: no-further-action
}

assessment 2023-02-15 about gus {
  completed 2023-03-01
  authorised 2023-03-02 by kim
  history: """h"""
  analysis: """a"""
  outcome: no-further-action
}
`;

const SPLIT_CASE = `case "SG-900203" {
  child ivy "Ivy Dale" born 2017-07-07
  worker kim "Kim Hale" role social-worker team "Assessment"
}
`;

const SPLIT_RECORDS = `for case "SG-900203"

visit 2023-02-01 by kim to ivy {
  child-voice: """Ivy said "my cat is called Pickle"."""
  observations: """Ivy was clean, chatty and at ease with her father."""
}
`;

beforeAll(() => {
  if (!fs.existsSync(path.join(REPO, 'packages/cli/out/main.js')) || !fs.existsSync(path.join(REPO, 'packages/language/out/index.js'))) {
    const build = spawnSync('npx', ['tsc', '-b'], { cwd: REPO, encoding: 'utf8', timeout: 300_000 });
    if (build.status !== 0) throw new Error(`npx tsc -b failed:\n${build.stdout}\n${build.stderr}`);
  }
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'caserec-cli-'));
  fs.chmodSync(work, 0o755); // readable by the unprivileged user of the permission test
  const rules = run(['rules', '--format', 'json']);
  if (rules.status !== 0) throw new Error(`caserec rules --format json failed:\n${rules.stderr}`);
  RULES = JSON.parse(rules.stdout) as RuleMetadata[];
  const off = Object.fromEntries(RULES.filter((rule) => !/^CR00\d$/.test(rule.code)).map((rule) => [rule.code, 'off']));
  write('.caserec.json', JSON.stringify({ rules: off }, null, 2));
  write('records/clean.case', CLEAN);
  write('records/findings.case', FINDINGS);
  write('records/warnings.case', WARNINGS);
  write('records/split/case.case', SPLIT_CASE);
  write('records/split/2023.case', SPLIT_RECORDS);
  write('records/notes.txt', 'not a record: never read\n');
  write('records/.hidden/ignored.case', 'this is not parsed: dot-folders are skipped\n');
  write("odd/o'brien & <co>.case", FINDINGS.replace('SG-900201', 'SG-900209'));
}, 300_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('caserec validate --format json: the contract of product.md', () => {
  let result: Run;
  let output: ValidateJson;
  beforeAll(() => {
    result = run(['validate', 'records/findings.case', 'records/clean.case', '--format', 'json', '--as-of', '2023-03-10']);
    output = json(result);
  });

  it('is one JSON document with exactly the keys of the contract, in order', () => {
    expect(result.stderr).toBe('');
    expect(Object.keys(output)).toEqual(['version', 'asOf', 'summary', 'files']);
    expect(output.version).toBe(1);
    expect(output.asOf).toBe('2023-03-10');
    expect(Object.keys(output.summary)).toEqual(['files', 'errors', 'warnings', 'infos']);
    for (const value of Object.values(output.summary)) expect(Number.isInteger(value)).toBe(true);
    for (const file of output.files) {
      expect(Object.keys(file)).toEqual(['path', 'diagnostics']);
      expect(typeof file.path).toBe('string');
      for (const d of file.diagnostics) {
        expect(Object.keys(d)).toEqual(['code', 'rule', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn']);
        expect(d.code).toMatch(/^CR\d{3}$/);
        expect(d.rule).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
        expect(['error', 'warning', 'info']).toContain(d.severity);
        expect(typeof d.message).toBe('string');
        for (const n of [d.line, d.column, d.endLine, d.endColumn]) {
          expect(Number.isInteger(n)).toBe(true);
          expect(n).toBeGreaterThanOrEqual(1);
        }
        expect(d.endLine > d.line || (d.endLine === d.line && d.endColumn >= d.column)).toBe(true);
      }
    }
  });

  it('lists the files as given, in the order given, with each finding on its 1-based line and column', () => {
    expect(output.files.map((f) => f.path)).toEqual(['records/findings.case', 'records/clean.case']);
    const findings = output.files[0]!.diagnostics;
    const at = (code: string) => findings.filter((d) => d.code === code).map((d) => [d.line, d.column]);
    const file = 'records/findings.case';
    expect(at('CR003')).toEqual([[lineOf(file, 'referral 2023'), 1]]);
    expect(at('CR007')).toEqual([[lineOf(file, 'completed 2023-02-10'), 3]]);
    expect(at('CR006')).toEqual([[lineOf(file, 'action "Ring'), 3]]);
    expect(at('CR004')).toEqual([[lineOf(file, 'note 2023-03-11'), 6]]);
    expect(findings.find((d) => d.code === 'CR004')).toMatchObject({ endLine: lineOf(file, 'note 2023-03-11'), endColumn: 16 });
    expect(output.files[1]!.diagnostics).toEqual([]);
  });

  it('has a summary that counts the findings by severity', () => {
    const all = output.files.flatMap((f) => f.diagnostics);
    expect(output.summary).toEqual({
      files: 2,
      errors: all.filter((d) => d.severity === 'error').length,
      warnings: all.filter((d) => d.severity === 'warning').length,
      infos: all.filter((d) => d.severity === 'info').length,
    });
    expect(output.summary.errors).toBe(3);
    expect(output.summary.warnings).toBe(1);
  });

  it('names each rule as the catalogue does', () => {
    for (const d of output.files.flatMap((f) => f.diagnostics)) expect(d.rule).toBe(RULES.find((r) => r.code === d.code)!.name);
  });

  it('keeps record text with quotes, <, & and control characters as valid JSON', () => {
    const action = output.files[0]!.diagnostics.find((d) => d.code === 'CR006')!;
    expect(action.message).toContain('Ring <school> & ask "Mr O\'Neil"');
  });

  it('exits 1: there are errors', () => {
    expect(result.status).toBe(1);
  });
});

describe('exit codes and options', () => {
  it('0 when there are no errors', () => {
    const result = run(['validate', 'records/clean.case', '--as-of', '2023-03-10']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('1 when there are errors', () => {
    expect(run(['validate', 'records/findings.case', '--as-of', '2023-03-10']).status).toBe(1);
  });

  it('--as-of moves the date that entries are checked against, and is echoed', async () => {
    const [before, after] = (
      await Promise.all(
        ['2023-03-10', '2023-03-11'].map((asOf) => runAsync(['validate', 'records/findings.case', '--format', 'json', '--as-of', asOf])),
      )
    ).map(json);
    const codesOf = (output: ValidateJson) => output.files[0]!.diagnostics.map((d) => d.code);
    expect(codesOf(before)).toContain('CR004');
    expect(codesOf(after)).not.toContain('CR004');
    expect(after.asOf).toBe('2023-03-11');
  });

  it('without --as-of, checks as of today', () => {
    const today = new Date();
    const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const output = json(run(['validate', 'records/clean.case', '--format', 'json']));
    // Run just before midnight, the CLI may start on the next day.
    expect([iso(today), iso(new Date(today.getTime() + 86_400_000))]).toContain(output.asOf);
  });

  it('--max-warnings: exit 1 only when the warnings exceed it', async () => {
    const args = ['validate', 'records/warnings.case', '--as-of', '2023-03-10'];
    const [counts, none, three, two, one, zero] = await Promise.all([
      runAsync([...args, '--format', 'json']),
      ...[[], ['3'], ['2'], ['1'], ['0']].map((max) => runAsync([...args, ...(max.length ? ['--max-warnings', max[0]!] : [])])),
    ]);
    expect(json(counts!).summary).toMatchObject({ errors: 0, warnings: 2 });
    expect([none!.status, three!.status, two!.status, one!.status, zero!.status]).toEqual([0, 0, 0, 1, 1]);
  });

  it('--quiet reports errors only, and still exits 1 on errors', async () => {
    const args = ['validate', 'records/findings.case', '--as-of', '2023-03-10'];
    const [loud, quiet, quietAsJson] = await Promise.all([
      runAsync(args),
      runAsync([...args, '--quiet']),
      runAsync([...args, '--quiet', '--format', 'json']),
    ]);
    expect(loud!.stdout).toMatch(/ warning /);
    expect(quiet!.stdout).not.toMatch(/ warning /);
    expect(quiet!.stdout).toMatch(/ error /);
    expect(quiet!.status).toBe(1);
    const quietJson = json(quietAsJson!);
    expect(quietJson.summary).toMatchObject({ errors: 3, warnings: 0, infos: 0 });
    expect(quietJson.files[0]!.diagnostics.every((d) => d.severity === 'error')).toBe(true);
  });

  it('--quiet on warnings only exits 0', () => {
    const result = run(['validate', 'records/warnings.case', '--as-of', '2023-03-10', '--quiet']);
    expect(result.status).toBe(0);
    expect(result.stdout).not.toMatch(/CR007/);
  });

  it('--output writes the report to a file and nothing to standard output', () => {
    const result = run(['validate', 'records/clean.case', '--as-of', '2023-03-10', '--format', 'json', '--output', 'report.json']);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    const report = JSON.parse(fs.readFileSync(path.join(work, 'report.json'), 'utf8')) as ValidateJson;
    expect(report.summary.files).toBe(1);
  });
});

describe.concurrent('usage and I/O errors: exit 2, one line naming the problem, no stack trace', () => {
  it('a path that does not exist', async () => {
    expectCleanError(await runAsync(['validate', 'records/nope.case']), 'records/nope.case');
  });

  it('a missing path among good ones', async () => {
    expectCleanError(await runAsync(['validate', 'records/clean.case', 'nowhere/']), 'nowhere/');
  });

  it('a broken symbolic link (unreadable even as root)', async () => {
    fs.symlinkSync(path.join(work, 'does-not-exist.case'), path.join(work, 'dangling.case'));
    try {
      expectCleanError(await runAsync(['validate', 'dangling.case']), 'dangling.case');
    } finally {
      fs.unlinkSync(path.join(work, 'dangling.case'));
    }
  });

  it('a file without read permission', async (context) => {
    const file = write('locked/secret.case', CLEAN);
    fs.chmodSync(file, 0o000);
    try {
      const asRoot = process.getuid?.() === 0;
      // Root reads a chmod 000 file regardless, so run the CLI as an unprivileged user then.
      // (The probe can fail to spawn at all, e.g. when that Node lives under root's home.)
      const probe = asRoot ? await runAsync(['--version'], { uid: NOBODY }).catch(() => undefined) : undefined;
      if (asRoot && probe?.status !== 0)
        context.skip('running as root, and the CLI cannot be run as the unprivileged user (uid 65534) here');
      const result = await runAsync(['validate', 'locked/secret.case'], asRoot ? { uid: NOBODY } : {});
      expectCleanError(result, 'locked/secret.case');
      expect(result.stderr).toMatch(/cannot be read/);
    } finally {
      fs.chmodSync(file, 0o644);
    }
  });

  it('an unknown option', async () => {
    expectCleanError(await runAsync(['validate', 'records', '--bogus']), '--bogus');
  });

  it.each([['2023-02-30'], ['10/03/2023'], ['tomorrow'], ['']])('a bad --as-of %j', async (value) => {
    expectCleanError(await runAsync(['validate', 'records', '--as-of', value]), '--as-of');
  });

  it('a bad --format', async () => {
    expectCleanError(await runAsync(['validate', 'records', '--format', 'xml']), 'xml');
  });

  it('a bad --max-warnings', async () => {
    expectCleanError(await runAsync(['validate', 'records', '--max-warnings', 'many']), '--max-warnings');
  });

  it('--as-of with no value', async () => {
    expectCleanError(await runAsync(['validate', 'records', '--as-of']), '--as-of');
  });

  it('an unknown command', async () => {
    expectCleanError(await runAsync(['frobnicate']), 'frobnicate');
  });

  it('a glob that matches nothing', async () => {
    expectCleanError(await runAsync(['validate', 'records/**/*.kase']), 'records/**/*.kase');
  });

  it('a bad policy file names the file', async () => {
    write('badpolicy/.caserec.json', '{ "rules": { "CR305": "loud" } }\n');
    write('badpolicy/a.case', CLEAN);
    const result = await runAsync(['validate', 'badpolicy/a.case']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('.caserec.json');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('which files are read', () => {
  const validated = (...args: string[]) =>
    json(run(['validate', ...args, '--format', 'json', '--as-of', '2023-03-10']))
      .files.map((f) => f.path)
      .sort();

  const ALL = [
    'records/clean.case',
    'records/findings.case',
    'records/split/2023.case',
    'records/split/case.case',
    'records/warnings.case',
  ];

  it('a folder is searched, with its sub-folders, for *.case (not other files, not dot-folders)', () => {
    expect(validated('records')).toEqual(ALL);
  });

  it('a glob', async () => {
    const [deep, shallow] = await Promise.all(
      ['records/**/*.case', 'records/*.case'].map((glob) => runAsync(['validate', glob, '--format', 'json', '--as-of', '2023-03-10'])),
    );
    const paths = (result: Run) =>
      json(result)
        .files.map((f) => f.path)
        .sort();
    expect(paths(deep!)).toEqual(ALL);
    expect(paths(shallow!)).toEqual(['records/clean.case', 'records/findings.case', 'records/warnings.case']);
  });

  it('no path means the current folder', () => {
    const output = json(run(['validate', '--format', 'json', '--as-of', '2023-03-10'], { cwd: path.join(work, 'records') }));
    expect(output.files.map((f) => f.path).sort()).toEqual(ALL.map((p) => p.replace('records/', '')));
  });

  it('a file named twice is read once', () => {
    expect(validated('records/clean.case', 'records/clean.case', 'records/*.case')).toEqual([
      'records/clean.case',
      'records/findings.case',
      'records/warnings.case',
    ]);
  });

  it('a file given alone whose case is declared in a sibling file still links (no CR002), and only it is reported', () => {
    const output = json(run(['validate', 'records/split/2023.case', '--format', 'json', '--as-of', '2023-03-10']));
    expect(output.files.map((f) => f.path)).toEqual(['records/split/2023.case']);
    expect(output.files[0]!.diagnostics).toEqual([]);
    expect(output.summary.files).toBe(1);
  });

  it('...also when an editor has left a lock file (a dangling .#name.case link) beside it', () => {
    // Emacs marks a file being edited with a symbolic link `.#NAME` that points nowhere.
    write('locking/case.case', SPLIT_CASE);
    write('locking/2023.case', SPLIT_RECORDS);
    fs.symlinkSync('kim@desk.4242:1700000000', path.join(work, 'locking/.#case.case'));
    const result = run(['validate', 'locking/2023.case', '--as-of', '2023-03-10']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('the file alone, with no sibling declaring its case, says so once', () => {
    write('lonely/2023.case', SPLIT_RECORDS);
    const output = json(run(['validate', 'lonely/2023.case', '--format', 'json', '--as-of', '2023-03-10']));
    expect(output.files[0]!.diagnostics.map((d) => [d.code, d.line])).toEqual([['CR002', 1]]);
  });
});

describe('caserec validate text output', () => {
  let result: Run;
  let lines: string[];
  let output: ValidateJson;
  beforeAll(async () => {
    const [text, asJson] = await Promise.all([
      runAsync(['validate', 'records', '--as-of', '2023-03-10']),
      runAsync(['validate', 'records', '--format', 'json', '--as-of', '2023-03-10']),
    ]);
    result = text;
    lines = result.stdout.trimEnd().split('\n');
    output = json(asJson);
  });

  it('has one file:line:col line per finding, matching the JSON output, then a blank line and a summary', () => {
    const expected = output.files.flatMap((f) => f.diagnostics.map((d) => `${f.path}:${d.line}:${d.column} ${d.severity} ${d.code}`));
    const findings = lines.slice(0, -2);
    expect(findings).toHaveLength(expected.length);
    const pattern = /^(\S.*):(\d+):(\d+) {2}(error|warning|info) +(.+) {2}(CR\d{3})$/;
    for (const line of findings) expect(line).toMatch(pattern);
    expect(findings.map((line) => line.replace(pattern, '$1:$2:$3 $4 $6'))).toEqual(expected);
    expect(lines.at(-2)).toBe('');
    expect(lines.at(-1)).toBe(
      `5 files checked as of 2023-03-10: ${output.summary.errors} errors, ${output.summary.warnings} warning${output.summary.warnings === 1 ? '' : 's'}, 0 infos.`,
    );
  });

  it('has no colour codes when not writing to a terminal', () => {
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('for clean records is the summary alone', () => {
    const clean = run(['validate', 'records/clean.case', '--as-of', '2023-03-10']);
    expect(clean.stdout).toBe('1 file checked as of 2023-03-10: 0 errors, 0 warnings, 0 infos.\n');
  });
});

describe('caserec validate --format sarif', () => {
  it('is valid SARIF 2.1.0, with every finding as a result at its line', async () => {
    const [sarif, asJson] = await Promise.all(
      ['sarif', 'json'].map((format) => runAsync(['validate', 'records', 'odd', '--format', format, '--as-of', '2023-03-10'])),
    );
    expect(sarif!.status).toBe(1);
    const log = JSON.parse(sarif!.stdout);
    // The published schema has a language-tag pattern that is not valid as a Unicode regular expression, and
    // uses the uri formats, which ajv checks only with ajv-formats: patterns without the u flag, formats unchecked.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: false });
    const validateSarif = ajv.compile(JSON.parse(fs.readFileSync(SARIF_SCHEMA, 'utf8')));
    expect(validateSarif(log), ajv.errorsText(validateSarif.errors)).toBe(true);
    expect(log.version).toBe('2.1.0');

    const output = json(asJson!);
    const expected = output.files.flatMap((f) => f.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`)).sort();
    const results = log.runs[0].results as {
      ruleId: string;
      ruleIndex: number;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
    }[];
    expect(
      results
        .map(
          (r) => `${r.ruleId} ${r.locations[0]!.physicalLocation.region.startLine}:${r.locations[0]!.physicalLocation.region.startColumn}`,
        )
        .sort(),
    ).toEqual(expected);
    const rules = log.runs[0].tool.driver.rules as { id: string }[];
    for (const r of results) expect(rules[r.ruleIndex]!.id).toBe(r.ruleId);
    const odd = results.find((r) =>
      decodeURIComponent(r.locations[0]!.physicalLocation.artifactLocation.uri).includes("o'brien & <co>.case"),
    );
    expect(odd, 'the file with an odd name is located').toBeDefined();
    expect(results.map((r) => r.message.text)).toContain(
      output.files.flatMap((f) => f.diagnostics).find((d) => d.code === 'CR006')!.message,
    );
  });
});

describe('caserec validate --format junit', () => {
  let xml: string;
  beforeAll(() => {
    xml = run(['validate', 'records', 'odd', '--format', 'junit', '--as-of', '2023-03-10']).stdout;
  });

  it('is well-formed XML, even with <, &, quotes and a control character in the record text and a file name', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('&lt;school&gt; &amp; ask &quot;Mr O&apos;Neil&quot;');
    expect(xml).not.toContain('\u0007');
  });

  it('has one test case per file, failing where the file has errors', () => {
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    const suite = parsed.testsuites.testsuite;
    const cases = ([] as { name: string; failure?: unknown }[]).concat(suite.testcase);
    expect(cases.map((c) => c.name).sort()).toEqual([
      "odd/o'brien & <co>.case",
      'records/clean.case',
      'records/findings.case',
      'records/split/2023.case',
      'records/split/case.case',
      'records/warnings.case',
    ]);
    expect(
      cases
        .filter((c) => c.failure !== undefined)
        .map((c) => c.name)
        .sort(),
    ).toEqual(["odd/o'brien & <co>.case", 'records/findings.case']);
    expect(Number(suite.tests)).toBe(6);
    expect(Number(suite.failures)).toBe(2);
  });
});

describe('caserec rules', () => {
  it('lists every rule of the catalogue, one per line, with its code, name and severity', () => {
    const result = run(['rules']);
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(RULES.length);
    RULES.forEach((rule, index) => {
      expect(lines[index]).toMatch(new RegExp(`^${rule.code}\\s+${rule.name}\\s+${rule.severity}\\s`));
    });
  });

  it('explains one rule: caserec rules CR305', () => {
    const result = run(['rules', 'CR305']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const rule = RULES.find((r) => r.code === 'CR305')!;
    expect(result.stdout.split('\n')[0]).toBe('CR305 assessment-late (warning)');
    expect(result.stdout).toContain(rule.explanation);
    expect(result.stdout).toContain(rule.source);
    expect(result.stdout).toMatch(/45 working days/);
  });

  it('an unknown rule is a usage error', () => {
    expectCleanError(run(['rules', 'CR999']), 'CR999');
  });
});

describe('the examples (examples/README.md)', () => {
  const EXAMPLES = path.join(REPO, 'examples');
  const check = (...args: string[]) => runAsync(['validate', ...args, '--format', 'json', '--as-of', '2023-03-10'], { cwd: REPO });

  it('clean/ and split-case/ give no errors and no warnings; split-case links, together or one file alone', async () => {
    const results = await Promise.all([
      check('examples/clean'),
      check('examples/split-case'),
      check('examples/split-case/2022-06-plan.case'),
    ]);
    for (const result of results) {
      expect(result.status, result.stderr).toBe(0);
      const output = json(result);
      expect(output.summary, JSON.stringify(output.files, null, 2)).toMatchObject({ errors: 0, warnings: 0, infos: 0 });
    }
    expect(json(results[1]!).summary.files).toBe(3);
  });

  it('many-findings/ reports every code its header lists, and exits 1', async () => {
    const file = path.join(EXAMPLES, 'many-findings/price.case');
    const listed = [...fs.readFileSync(file, 'utf8').matchAll(/^\/\/\s+(CR\d{3})\b/gm)].map((m) => m[1]!);
    expect(listed.length).toBeGreaterThanOrEqual(8);
    const result = await check('examples/many-findings');
    expect(result.status).toBe(1);
    const found = new Set(json(result).files.flatMap((f) => f.diagnostics.map((d) => d.code)));
    expect([...listed].filter((code) => !found.has(code))).toEqual([]);
  });

  it('hold only fictional case numbers of the SG- form, and no date after 2023-03-10', () => {
    const files = fs.readdirSync(EXAMPLES, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.case'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const name of files) {
      const text = fs.readFileSync(path.join(EXAMPLES, name), 'utf8');
      for (const [date] of text.matchAll(/\b\d{4}-\d{2}-\d{2}\b/g)) expect(date <= '2023-03-10', `${name}: ${date}`).toBe(true);
      for (const [id] of text.matchAll(/case "([^"]*)"/g)) expect(id).toMatch(/^case "SG-\d{6}"$/);
    }
  });
});

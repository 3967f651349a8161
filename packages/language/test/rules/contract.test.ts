import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ReportedDiagnostic } from '../../src/index.js';
import { lineOf, validate, withCode } from '../helpers.js';

/**
 * What the contract samples must give under every rule (language.md, "What the samples must give"), read from the
 * repository's copies in test/fixtures/contract/ (test/parsing/contract.test.ts checks they match the design):
 * - jones-family.case as of 2021-11-10: no errors and no warnings. It is written to show good practice, so it should
 *   give no findings at all; any info finding is listed in the failure message.
 * - morgan-case/ (two files, one case) as of 2023-03-10: no errors and, among its warnings, at least CR305, CR306,
 *   CR311 and CR402.
 */

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const FIXTURES = path.join(REPO, 'test/fixtures/contract');

const read = (relative: string) => fs.readFileSync(path.join(FIXTURES, relative), 'utf8');

const describeAll = (diagnostics: readonly ReportedDiagnostic[]) =>
  diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`).join('\n') || '(none)';

const bySeverity = (diagnostics: readonly ReportedDiagnostic[], severity: string) => diagnostics.filter((d) => d.severity === severity);

describe('jones-family.case as of 2021-11-10', () => {
  const NAME = 'jones-family.case';

  it('gives no errors and no warnings', async () => {
    const diagnostics = (await validate({ [NAME]: read(NAME) }, '2021-11-10')).get(NAME)!;
    expect(bySeverity(diagnostics, 'error'), describeAll(diagnostics)).toEqual([]);
    expect(bySeverity(diagnostics, 'warning'), describeAll(diagnostics)).toEqual([]);
  });

  it('gives no findings at all, not even info', async () => {
    const diagnostics = (await validate({ [NAME]: read(NAME) }, '2021-11-10')).get(NAME)!;
    expect(diagnostics, describeAll(diagnostics)).toEqual([]);
  });
});

describe('morgan-case/ (two files, one case) as of 2023-03-10', () => {
  const CASE = 'morgan-case/case.case';
  const RECORDS = 'morgan-case/2022-records.case';
  const records = read(RECORDS);

  const run = async () => {
    const results = await validate({ [CASE]: read(CASE), [RECORDS]: records }, '2023-03-10');
    return { inCase: results.get(CASE)!, inRecords: results.get(RECORDS)! };
  };

  it('gives no errors in either file', async () => {
    const { inCase, inRecords } = await run();
    expect(bySeverity(inCase, 'error'), describeAll(inCase)).toEqual([]);
    expect(bySeverity(inRecords, 'error'), describeAll(inRecords)).toEqual([]);
  });

  it('the case file itself has nothing to report', async () => {
    const { inCase } = await run();
    expect(inCase, describeAll(inCase)).toEqual([]);
  });

  it('warns CR305, CR306, CR311 and CR402 (at least)', async () => {
    const { inRecords } = await run();
    const warned = new Set(bySeverity(inRecords, 'warning').map((d) => d.code));
    for (const code of ['CR305', 'CR306', 'CR311', 'CR402']) expect(warned.has(code), `${code} in\n${describeAll(inRecords)}`).toBe(true);
  });

  it('CR305: no assessment within 45 working days of the referral of 7 March 2022, reported on the referral', async () => {
    const { inRecords } = await run();
    const found = withCode(inRecords, 'CR305');
    expect(found.map((d) => d.line)).toEqual([lineOf(records, 'referral r1')]);
    expect(found[0]!.message).toContain('No assessment is recorded for Leah');
    expect(found[0]!.message).toContain('Mon 7 Mar 2022');
    expect(found[0]!.message).toContain('by Thu 12 May 2022');
    expect(found[0]!.message).toContain('Working Together to Safeguard Children 2023');
    // The closure of 1 March 2023 stops the clock: it is counted to the closure, not to the as-of date.
    expect(found[0]!.message).toContain('as of Wed 1 Mar 2023');
  });

  it('CR306: Leah not seen after the referral', async () => {
    const { inRecords } = await run();
    const found = withCode(inRecords, 'CR306');
    expect(found.map((d) => d.line)).toEqual([lineOf(records, 'referral r1')]);
    expect(found[0]!.message).toMatch(/^Leah has not been seen/);
    expect(found[0]!.message).toContain('within 5 working days, by Mon 14 Mar 2022');
  });

  it('CR311: the unallocated period of April 2022, and the months after the step-up with nobody allocated', async () => {
    const { inRecords } = await run();
    const found = withCode(inRecords, 'CR311');
    expect(found.map((d) => d.line)).toEqual([lineOf(records, 'unallocated 2022-04-01'), lineOf(records, 'step-up 2022-07-04')]);
    expect(found[0]!.message).toContain('from Fri 1 Apr 2022 until Wed 6 Apr 2022');
    expect(found[0]!.message).toContain('3 working days');
    expect(found[1]!.message).toContain('after the step-up');
  });

  it('CR402: stepped back up on 4 July 2022, within three months of the step-down of 20 May 2022', async () => {
    const { inRecords } = await run();
    const found = withCode(inRecords, 'CR402');
    expect(found.map((d) => d.line)).toEqual([lineOf(records, 'step-up 2022-07-04')]);
    expect(found[0]!.message).toContain('Mon 4 Jul 2022');
    expect(found[0]!.message).toContain('Fri 20 May 2022');
  });

  it('the return interview two days after Leah came back is on time (no CR314)', async () => {
    const { inRecords } = await run();
    expect(withCode(inRecords, 'CR314')).toEqual([]);
  });
});

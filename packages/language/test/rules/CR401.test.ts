import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { createCaserecServices, validateFiles, type ReportedDiagnostic } from '../../src/index.js';
import { DEFAULT_AS_OF, lineOf, validateOne, withCase, withCode } from '../helpers.js';

/**
 * CR401 re-referral (rules.md, info): a referral within 12 months (policy: reReferralMonths) of an earlier referral
 * for the same child. "Within 12 months" includes the same day of the month a year later.
 */

/** Validates `text` as a file in a fresh temporary folder beside a .caserec.json holding `policy`. */
async function validateUnderPolicy(text: string, policy: object, asOf = DEFAULT_AS_OF): Promise<ReportedDiagnostic[]> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'caserec-cr401-'));
  try {
    fs.writeFileSync(path.join(folder, '.caserec.json'), JSON.stringify(policy, null, 2));
    const { Caserec } = createCaserecServices(EmptyFileSystem);
    Caserec.caserec.Settings.asOf = asOf;
    const { results } = await validateFiles(Caserec, [{ path: 'test.case', absolute: path.join(folder, 'test.case'), text }]);
    return results[0]!.diagnostics;
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

const referral = (id: string, date: string, children = 'amelia') => `referral ${id} ${date} from school about ${children} {
  reason: """Amelia arrived at school hungry and unwashed again."""
}
`;

const FIRST = referral('r1', '2021-05-10');

describe('CR401: a referral within 12 months of an earlier one', () => {
  it('exactly 12 months later: one info finding, on the later referral, with both dates', async () => {
    const source = withCase(FIRST + referral('r2', '2022-05-10'));
    const found = withCode(await validateOne(source), 'CR401');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('info');
    expect(found[0]!.rule).toBe('re-referral');
    expect(found[0]!.line).toBe(lineOf(source, 'referral r2'));
    const { message } = found[0]!;
    expect(message).toContain('Amelia was referred again on Tue 10 May 2022');
    expect(message).toContain('within 12 months');
    expect(message).toContain('referral of Mon 10 May 2021');
  });

  it('a day more than 12 months later is not a re-referral', async () => {
    expect(withCode(await validateOne(withCase(FIRST + referral('r2', '2022-05-11'))), 'CR401')).toEqual([]);
  });

  it('a referral of another child is not a re-referral of Amelia', async () => {
    expect(withCode(await validateOne(withCase(FIRST + referral('r2', '2021-09-01', 'ben'))), 'CR401')).toEqual([]);
  });

  it('a referral of two children is a re-referral only for the one referred before', async () => {
    const [finding, ...rest] = withCode(await validateOne(withCase(FIRST + referral('r2', '2021-09-01', 'amelia, ben'))), 'CR401');
    expect(rest).toEqual([]);
    expect(finding!.message).toMatch(/^Amelia was referred again/);
  });

  it('three referrals in a year: the second and the third are each reported', async () => {
    const source = withCase(FIRST + referral('r2', '2021-09-01') + referral('r3', '2022-02-14'));
    expect(withCode(await validateOne(source), 'CR401').map((d) => d.line)).toEqual([
      lineOf(source, 'referral r2'),
      lineOf(source, 'referral r3'),
    ]);
  });

  it('a closure between the referrals does not hide the pattern', async () => {
    const closure = 'closure 2021-08-01 about amelia reason RC8 {\n  rationale: """Sarah accepted support from the school."""\n}\n';
    expect(withCode(await validateOne(withCase(FIRST + closure + referral('r2', '2021-09-01'))), 'CR401')).toHaveLength(1);
  });
});

describe('CR401 under a policy file', () => {
  it('a longer window (24 months) reports a referral 13 months later', async () => {
    const source = withCase(FIRST + referral('r2', '2022-06-10'));
    const [finding] = withCode(await validateUnderPolicy(source, { timescales: { reReferralMonths: 24 } }), 'CR401');
    expect(finding!.message).toContain('within 24 months');
  });

  it('a shorter window (6 months) leaves a referral 7 months later unreported', async () => {
    const source = withCase(FIRST + referral('r2', '2021-12-10'));
    expect(withCode(await validateOne(source), 'CR401')).toHaveLength(1);
    expect(withCode(await validateUnderPolicy(source, { timescales: { reReferralMonths: 6 } }), 'CR401')).toEqual([]);
  });

  it('switched off: no finding', async () => {
    expect(
      withCode(await validateUnderPolicy(withCase(FIRST + referral('r2', '2022-05-10')), { rules: { CR401: 'off' } }), 'CR401'),
    ).toEqual([]);
  });
});

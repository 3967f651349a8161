import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { createCaserecServices, validateFiles, type ReportedDiagnostic } from '../../src/index.js';
import { DEFAULT_AS_OF, lineOf, validateOne, withCase, withCode } from '../helpers.js';

/**
 * CR308 safety-plan-review-overdue (rules.md): a safety plan past its own review-by date that no later plan
 * `replaces`. The timescale is the plan's own date, so the policy has no timescale for it; the policy can still
 * switch it off, and its local closure days change how late it is in working days.
 */

/** Validates `text` as a file in a fresh temporary folder beside a .caserec.json holding `policy`. */
async function validateUnderPolicy(text: string, policy: object, asOf = DEFAULT_AS_OF): Promise<ReportedDiagnostic[]> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'caserec-cr308-'));
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

const safetyPlan = (
  id: string,
  date: string,
  reviewBy: string,
  replaces = '',
) => `safety-plan ${id} ${date} for amelia${replaces ? ` replaces ${replaces}` : ''} {
  review-by ${reviewBy}
  worries: """Kyle may come back to the house while he is on bail."""
  goal: """Amelia lives at home where nobody hurts anyone."""
  action "Sarah will call 999 if Kyle comes to the house" owner sarah due ${date} done ${date}
  contingency: """If Kyle comes back, Sarah and Amelia will stay with Sarah's sister."""
  child-view: """Amelia said "I feel safe when Mum locks the door at night"."""
}
`;

/** Review by Friday 29 April 2022; Monday 2 May was a bank holiday. */
const PLAN = safetyPlan('sp1', '2022-04-01', '2022-04-29');

const closure = (date: string) =>
  `closure ${date} about amelia reason RC8 {\n  rationale: """The family moved to another authority."""\n}\n`;

describe('CR308: a safety plan reviewed by its review-by date', () => {
  it('past its review-by date with no plan replacing it: one warning, on review-by, with the dates, the lateness and the source', async () => {
    const source = withCase(PLAN);
    const found = withCode(await validateOne(source, '2022-05-03'), 'CR308');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.rule).toBe('safety-plan-review-overdue');
    expect(found[0]!.line).toBe(lineOf(source, 'review-by 2022-04-29'));
    const { message } = found[0]!;
    expect(message).toContain('review by Fri 29 Apr 2022');
    expect(message).toContain('1 working day late as of Tue 3 May 2022'); // 2 May is a bank holiday
    expect(message).toContain('local standard, see policy');
  });

  it('as of the review-by date itself it is not yet overdue', async () => {
    expect(withCode(await validateOne(withCase(PLAN), '2022-04-29'), 'CR308')).toEqual([]);
  });

  it('a later plan that replaces it answers the review', async () => {
    const source = withCase(PLAN + safetyPlan('sp2', '2022-04-28', '2022-07-29', 'sp1'));
    expect(withCode(await validateOne(source, '2022-06-01'), 'CR308')).toEqual([]);
  });

  it('a later plan that does not say it replaces the first leaves the first overdue', async () => {
    const source = withCase(PLAN + safetyPlan('sp2', '2022-04-28', '2022-07-29'));
    expect(withCode(await validateOne(source, '2022-06-01'), 'CR308').map((d) => d.line)).toEqual([lineOf(source, 'review-by 2022-04-29')]);
  });

  it('a plan with no review-by date is CR003, not CR308', async () => {
    const source = withCase(PLAN.replace('  review-by 2022-04-29\n', ''));
    const diagnostics = await validateOne(source);
    expect(withCode(diagnostics, 'CR308')).toEqual([]);
    expect(withCode(diagnostics, 'CR003').length).toBeGreaterThan(0);
  });

  it('a closure on the review-by date stops the clock', async () => {
    expect(withCode(await validateOne(withCase(PLAN + closure('2022-04-29'))), 'CR308')).toEqual([]);
  });

  it('a later closure stops it at the closure', async () => {
    const [finding] = withCode(await validateOne(withCase(PLAN + closure('2022-05-05'))), 'CR308');
    expect(finding!.message).toContain('3 working days late as of Thu 5 May 2022');
  });
});

describe('CR308 under a policy file', () => {
  it('a local closure day is not counted as a working day of lateness', async () => {
    const [finding] = withCode(await validateUnderPolicy(withCase(PLAN), { localClosureDays: ['2022-05-04'] }, '2022-05-05'), 'CR308');
    expect(finding!.message).toContain('2 working days late as of Thu 5 May 2022');
  });

  it('switched off: no finding', async () => {
    expect(withCode(await validateUnderPolicy(withCase(PLAN), { rules: { CR308: 'off' } }, '2022-05-03'), 'CR308')).toEqual([]);
  });

  it('given another severity (info): the finding carries it', async () => {
    const found = withCode(await validateUnderPolicy(withCase(PLAN), { rules: { CR308: 'info' } }, '2022-05-03'), 'CR308');
    expect(found.map((d) => d.severity)).toEqual(['info']);
  });
});

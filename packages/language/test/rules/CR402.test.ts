import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { createCaserecServices, validateFiles, type ReportedDiagnostic } from '../../src/index.js';
import { DEFAULT_AS_OF, lineOf, validateOne, withCase, withCode } from '../helpers.js';

/**
 * CR402 step-up-after-step-down (rules.md): a step-up within 3 months (policy: stepUpAfterStepDownMonths) of a
 * step-down for the same child. "Within 3 months" includes the same day of the month 3 months later.
 */

/** Validates `text` as a file in a fresh temporary folder beside a .caserec.json holding `policy`. */
async function validateUnderPolicy(text: string, policy: object, asOf = DEFAULT_AS_OF): Promise<ReportedDiagnostic[]> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'caserec-cr402-'));
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

const STEP_DOWN = `allocation 2022-03-01 about amelia to jo
step-down 2022-05-20 about amelia to early-help {
  rationale: """The school reports full attendance since 7 March; Sarah asked for family support instead."""
}
`;

const stepUp = (date: string, children = 'amelia') => `step-up ${date} about ${children} {
  rationale: """Amelia was found alone at home at night by the police."""
}
allocation ${date} about ${children} to jo
`;

describe('CR402: a step-up within 3 months of a step-down', () => {
  it('exactly 3 months later: one warning, on the step-up, with both dates and the level stepped down to', async () => {
    const source = withCase(STEP_DOWN + stepUp('2022-08-20'));
    const found = withCode(await validateOne(source), 'CR402');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.rule).toBe('step-up-after-step-down');
    expect(found[0]!.line).toBe(lineOf(source, 'step-up 2022-08-20'));
    const { message } = found[0]!;
    expect(message).toContain('Amelia was stepped back up on Sat 20 Aug 2022');
    expect(message).toContain('within 3 months');
    expect(message).toContain('step-down to early-help on Fri 20 May 2022');
  });

  it('a day more than 3 months later is not reported', async () => {
    expect(withCode(await validateOne(withCase(STEP_DOWN + stepUp('2022-08-21'))), 'CR402')).toEqual([]);
  });

  it('a step-up with no step-down before it is not reported', async () => {
    expect(withCode(await validateOne(withCase(stepUp('2022-06-01'))), 'CR402')).toEqual([]);
  });

  it('a step-up of another child is not reported', async () => {
    expect(withCode(await validateOne(withCase(STEP_DOWN + stepUp('2022-06-01', 'ben'))), 'CR402')).toEqual([]);
  });

  it('a step-up of both children is reported for the one stepped down only', async () => {
    const found = withCode(await validateOne(withCase(STEP_DOWN + stepUp('2022-06-01', 'amelia, ben'))), 'CR402');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/^Amelia was stepped back up/);
  });
});

describe('CR402 under a policy file', () => {
  it('a longer window (6 months) reports a step-up 4 months later', async () => {
    const source = withCase(STEP_DOWN + stepUp('2022-09-20'));
    expect(withCode(await validateOne(source), 'CR402')).toEqual([]);
    const [finding] = withCode(await validateUnderPolicy(source, { timescales: { stepUpAfterStepDownMonths: 6 } }), 'CR402');
    expect(finding!.message).toContain('within 6 months');
  });

  it('switched off: no finding', async () => {
    expect(withCode(await validateUnderPolicy(withCase(STEP_DOWN + stepUp('2022-08-20')), { rules: { CR402: 'off' } }), 'CR402')).toEqual(
      [],
    );
  });
});

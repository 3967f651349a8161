import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { createCaserecServices, validateFiles, type ReportedDiagnostic } from '../../src/index.js';
import { DEFAULT_AS_OF, lineOf, validateOne, withCase, withCode } from '../helpers.js';

/**
 * CR305 assessment-late (rules.md): an assessment completed within 45 working days of the referral (statutory,
 * Working Together 2023), or reported when that has passed and it is not completed.
 */

/** Validates `text` as a file in a fresh temporary folder beside a .caserec.json holding `policy`. */
async function validateUnderPolicy(text: string, policy: object, asOf = DEFAULT_AS_OF): Promise<ReportedDiagnostic[]> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'caserec-cr305-'));
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

/** Monday 7 March 2022; 45 working days later, skipping Good Friday, Easter Monday and 2 May, is Thursday 12 May. */
const referral = (children = 'amelia') => `referral r1 2022-03-07 from school about ${children} {
  reason: """Amelia comes to school hungry and in the same clothes all week; she has head lice that are not treated."""
}
`;

const assessment = (completed: string | undefined, children = 'amelia') => `assessment a1 2022-03-08 about ${children} {
${completed ? `  completed ${completed}\n  authorised ${completed} by ali\n` : ''}  child-voice: """Amelia said "there is never any bread at home so I wait for school dinners"."""
  history: """No earlier involvement with the family."""
  analysis: """Amelia's basic needs are not met, because Sarah's depression leaves her unable to shop and cook; however
  she wants help and the school is supportive. For Amelia this means hunger and shame at school unless the plan works."""
  outcome: cin-plan
}
`;

const closure = (date: string) =>
  `closure ${date} about amelia reason RC8 {\n  rationale: """The family moved to another authority."""\n}\n`;

describe('CR305: an assessment completed within 45 working days of the referral', () => {
  it('completed late: one warning, on `completed`, with the timescale, the dates, the lateness and the source', async () => {
    const source = withCase(referral() + assessment('2022-05-13'));
    const found = withCode(await validateOne(source), 'CR305');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.rule).toBe('assessment-late');
    expect(found[0]!.line).toBe(lineOf(source, 'completed 2022-05-13'));
    const { message } = found[0]!;
    expect(message).toContain('within 45 working days');
    expect(message).toContain('Mon 7 Mar 2022'); // the referral
    expect(message).toContain('Fri 13 May 2022'); // completed
    expect(message).toContain('by Thu 12 May 2022'); // the deadline
    expect(message).toContain('1 working day late');
    expect(message).toContain('Working Together to Safeguard Children 2023');
  });

  it('completed on the last day is on time: 45 working days counting Easter and the early May bank holiday', async () => {
    expect(withCode(await validateOne(withCase(referral() + assessment('2022-05-12'))), 'CR305')).toEqual([]);
  });

  it('an assessment started before the referral does not answer it', async () => {
    const source = withCase(referral() + assessment('2022-04-01').replace('assessment a1 2022-03-08', 'assessment a1 2022-03-01'));
    expect(withCode(await validateOne(source, '2022-05-13'), 'CR305')).toHaveLength(1);
  });

  // BUG (reported): the assessment is matched to the referral by sharesChild, so an assessment of one child
  // answers a referral of two: Ben, referred with Amelia on 7 March 2022, is never assessed and nothing is reported.
  it('a referral of two children with only one of them assessed is reported for the other', async () => {
    const source = withCase(referral('amelia, ben') + assessment('2022-05-12', 'amelia'));
    const found = withCode(await validateOne(source, '2022-06-20'), 'CR305');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('Ben');
  });
});

describe('CR305: no completed assessment yet (an open clock runs to the as-of date)', () => {
  it('no assessment: not reported on the last day', async () => {
    expect(withCode(await validateOne(withCase(referral()), '2022-05-12'), 'CR305')).toEqual([]);
  });

  it('no assessment: reported the working day after, on the referral, with how late as of the as-of date', async () => {
    const source = withCase(referral());
    const found = withCode(await validateOne(source, '2022-05-13'), 'CR305');
    expect(found).toHaveLength(1);
    expect(found[0]!.line).toBe(lineOf(source, 'referral r1'));
    expect(found[0]!.message).toContain('No assessment is recorded for Amelia');
    expect(found[0]!.message).toContain('by Thu 12 May 2022');
    expect(found[0]!.message).toContain('1 working day late as of Fri 13 May 2022');
    expect(found[0]!.message).toContain('Working Together to Safeguard Children 2023');
  });

  it('an assessment started but not completed is reported on the assessment', async () => {
    const source = withCase(referral() + assessment(undefined));
    const found = withCode(await validateOne(source, '2022-05-16'), 'CR305');
    expect(found.map((d) => d.line)).toEqual([lineOf(source, 'assessment a1')]);
    expect(found[0]!.message).toContain('started on Tue 8 Mar 2022 is not completed');
    expect(found[0]!.message).toContain('2 working days late as of Mon 16 May 2022');
  });

  it('a closure on the last day stops the clock', async () => {
    expect(withCode(await validateOne(withCase(referral() + closure('2022-05-12'))), 'CR305')).toEqual([]);
  });

  it('a later closure stops it at the closure, not at the as-of date', async () => {
    const [finding] = withCode(await validateOne(withCase(referral() + closure('2022-05-17'))), 'CR305');
    expect(finding!.message).toContain('3 working days late as of Tue 17 May 2022');
  });
});

describe('CR305 under a policy file', () => {
  it('a longer local timescale (46 working days) makes completion on 13 May on time', async () => {
    const source = withCase(referral() + assessment('2022-05-13'));
    expect(withCode(await validateUnderPolicy(source, { timescales: { assessmentWorkingDays: 46 } }), 'CR305')).toEqual([]);
  });

  it('a shorter local timescale (40 working days) is reported with it, citing the local standard', async () => {
    const source = withCase(referral() + assessment('2022-05-12'));
    const [finding] = withCode(await validateUnderPolicy(source, { timescales: { assessmentWorkingDays: 40 } }), 'CR305');
    expect(finding!.message).toContain('within 40 working days');
    expect(finding!.message).toContain('by Thu 5 May 2022');
    expect(finding!.message).toContain('5 working days late');
    expect(finding!.message).toContain('local standard, see policy');
  });

  it('switched off: no finding', async () => {
    const source = withCase(referral() + assessment('2022-05-13'));
    expect(withCode(await validateUnderPolicy(source, { rules: { CR305: 'off' } }), 'CR305')).toEqual([]);
  });
});

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { createCaserecServices, validateFiles, type ReportedDiagnostic } from '../../src/index.js';
import { DEFAULT_AS_OF, lineOf, validateOne, withCase, withCode } from '../helpers.js';

/**
 * CR306 first-visit-late (rules.md): each child seen (a visit to them) within 5 working days of a referral, and
 * within 1 working day of a section 47 decision (local, configurable).
 */

/** Validates `text` as a file in a fresh temporary folder beside a .caserec.json holding `policy`. */
async function validateUnderPolicy(text: string, policy: object, asOf = DEFAULT_AS_OF): Promise<ReportedDiagnostic[]> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'caserec-cr306-'));
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

/** Thursday 26 May 2022; 5 working days later, skipping the Jubilee bank holidays of 2 and 3 June, is Monday 6 June. */
const referral = (children = 'amelia') => `referral r1 2022-05-26 from school about ${children} {
  reason: """Amelia said at school that she was left alone overnight."""
}
allocation 2022-05-26 about ${children} to jo
`;

const visit = (date: string, children = 'amelia') => `visit ${date} 16:00 by jo to ${children} {
  seen-alone: amelia
  child-voice: """Amelia said "Mum goes out when I am asleep and I wake up and nobody is there"."""
  observations: """The flat was tidy; there was food in the fridge."""
}
`;

/** Thursday 14 April 2022: 1 working day later, after Good Friday and Easter Monday, is Tuesday 19 April. */
const SECTION_47_DECISION = `strategy-discussion 2022-04-14 10:00 about amelia chair ali {
  attendees: police, school, jo
  decision: section-47
  rationale: """Physical abuse disclosed and a mark seen: threshold for a section 47 enquiry is met."""
}
`;

const closure = (date: string) =>
  `closure ${date} about amelia reason RC8 {\n  rationale: """The family moved to another authority."""\n}\n`;

describe('CR306: a child seen within 5 working days of a referral', () => {
  it('a first visit late is one warning, on the visit, with the timescale, the dates, the lateness and the source', async () => {
    const source = withCase(referral() + visit('2022-06-07'));
    const found = withCode(await validateOne(source), 'CR306');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.rule).toBe('first-visit-late');
    expect(found[0]!.line).toBe(lineOf(source, 'visit 2022-06-07'));
    const { message } = found[0]!;
    expect(message).toContain('Amelia');
    expect(message).toContain('within 5 working days');
    expect(message).toContain('Thu 26 May 2022');
    expect(message).toContain('Tue 7 Jun 2022');
    expect(message).toContain('by Mon 6 Jun 2022');
    expect(message).toContain('1 working day late');
    expect(message).toContain('local standard, see policy');
  });

  it('a visit on the last day is on time, with the two Jubilee bank holidays inside the window', async () => {
    expect(withCode(await validateOne(withCase(referral() + visit('2022-06-06'))), 'CR306')).toEqual([]);
  });

  it('each child must be seen: a visit to Amelia alone leaves Ben reported', async () => {
    const source = withCase(referral('amelia, ben') + visit('2022-05-27', 'amelia'));
    const found = withCode(await validateOne(source, '2022-06-10'), 'CR306');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/^Ben has not been seen/);
  });
});

describe('CR306: a child seen within 1 working day of a section 47 decision', () => {
  it('a visit on the last day is on time (Good Friday and Easter Monday fall between)', async () => {
    expect(withCode(await validateOne(withCase(SECTION_47_DECISION + visit('2022-04-19'))), 'CR306')).toEqual([]);
  });

  it('a visit the next working day is late, and says it followed a section 47 decision', async () => {
    const [finding] = withCode(await validateOne(withCase(SECTION_47_DECISION + visit('2022-04-20'))), 'CR306');
    expect(finding!.message).toContain('section 47 decision of Thu 14 Apr 2022');
    expect(finding!.message).toContain('within 1 working day, by Tue 19 Apr 2022');
    expect(finding!.message).toContain('1 working day late');
  });
});

describe('CR306: no visit yet (an open clock runs to the as-of date)', () => {
  it('is not reported on the last day', async () => {
    expect(withCode(await validateOne(withCase(referral()), '2022-06-06'), 'CR306')).toEqual([]);
  });

  it('is reported the working day after, on the referral, with how late as of the as-of date', async () => {
    const source = withCase(referral());
    const found = withCode(await validateOne(source, '2022-06-07'), 'CR306');
    expect(found).toHaveLength(1);
    expect(found[0]!.line).toBe(lineOf(source, 'referral r1'));
    expect(found[0]!.message).toContain('Amelia has not been seen');
    expect(found[0]!.message).toContain('1 working day late as of Tue 7 Jun 2022');
  });

  it('a closure on the last day stops the clock', async () => {
    expect(withCode(await validateOne(withCase(referral() + closure('2022-06-06'))), 'CR306')).toEqual([]);
  });

  it('a later closure stops it at the closure', async () => {
    const [finding] = withCode(await validateOne(withCase(referral() + closure('2022-06-08'))), 'CR306');
    expect(finding!.message).toContain('2 working days late as of Wed 8 Jun 2022');
  });
});

describe('CR306 under a policy file', () => {
  it('a longer local timescale after a referral (10 working days) makes the visit of 7 June on time', async () => {
    const source = withCase(referral() + visit('2022-06-07'));
    expect(withCode(await validateUnderPolicy(source, { timescales: { firstVisitAfterReferralWorkingDays: 10 } }), 'CR306')).toEqual([]);
  });

  it('a stricter local timescale after a section 47 decision (0 working days: the same day) is reported with it', async () => {
    const source = withCase(SECTION_47_DECISION + visit('2022-04-19'));
    const [finding] = withCode(await validateUnderPolicy(source, { timescales: { firstVisitAfterSection47WorkingDays: 0 } }), 'CR306');
    expect(finding!.message).toContain('within 0 working days, by Thu 14 Apr 2022');
    expect(finding!.message).toContain('1 working day late');
  });

  it('switched off: no finding', async () => {
    const source = withCase(referral() + visit('2022-06-07'));
    expect(withCode(await validateUnderPolicy(source, { rules: { CR306: 'off' } }), 'CR306')).toEqual([]);
  });
});

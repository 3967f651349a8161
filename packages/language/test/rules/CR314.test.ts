import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { createCaserecServices, validateFiles, type ReportedDiagnostic } from '../../src/index.js';
import { DEFAULT_AS_OF, lineOf, validateOne, withCase, withCode } from '../helpers.js';

/**
 * CR314 return-interview-late (rules.md): a return interview within 72 hours of the child returning (statutory
 * guidance on children who run away or go missing from home or care), or none. Hours, not working days: bank
 * holidays do not extend it. A missing time is read as the one that makes the interval longest (time/dates.ts).
 */

/** Validates `text` as a file in a fresh temporary folder beside a .caserec.json holding `policy`. */
async function validateUnderPolicy(text: string, policy: object, asOf = DEFAULT_AS_OF): Promise<ReportedDiagnostic[]> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'caserec-cr314-'));
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

const GUIDANCE = 'statutory guidance on children who run away or go missing from home or care';

/** Back on Thursday 14 April 2022 at 18:00, before the Easter weekend: 72 hours later is Sunday 17 April, 18:00. */
const episode = (returned = '2022-04-14 18:00') => `missing 2022-04-13 21:00 about amelia returned ${returned} {
  circumstances: """Amelia did not come home after school; Sarah reported her missing at 21:00."""
}
`;

const interview = (when: string) => `return-interview ${when} about amelia by jo {
  child-voice: """Amelia said "I went to Jade's house because I didn't want to be at home when Kyle was there"."""
  analysis: """Amelia ran from home because she is frightened of Kyle; this means the risk at home is the reason she goes missing."""
}
`;

const closure = (date: string) =>
  `closure ${date} about amelia reason RC8 {\n  rationale: """The family moved to another authority."""\n}\n`;

describe('CR314: a return interview within 72 hours of the return', () => {
  it('an interview late is one warning, on the interview, with the hours, the dates and the source', async () => {
    const source = withCase(episode() + interview('2022-04-18 10:00'));
    const found = withCode(await validateOne(source), 'CR314');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.rule).toBe('return-interview-late');
    expect(found[0]!.line).toBe(lineOf(source, 'return-interview 2022-04-18'));
    const { message } = found[0]!;
    expect(message).toContain('Mon 18 Apr 2022');
    expect(message).toContain('came 88 hours after Amelia returned on Thu 14 Apr 2022');
    expect(message).toContain('within 72 hours');
    expect(message).toContain(GUIDANCE);
  });

  it('an interview exactly 72 hours later is on time: hours are counted, so the Easter weekend does not extend it', async () => {
    expect(withCode(await validateOne(withCase(episode() + interview('2022-04-17 18:00'))), 'CR314')).toEqual([]);
  });

  // Was a bug (fixed in timeliness.ts, Math.floor -> Math.ceil): the elapsed time was rounded down, so an interview
  // 72 hours and 1 minute after the return was said to have "came 72 hours after" it, "due within 72 hours".
  it('an interview one minute late is reported, and the message does not say it came within the 72 hours', async () => {
    const [finding] = withCode(await validateOne(withCase(episode() + interview('2022-04-17 18:01'))), 'CR314');
    expect(finding).toBeDefined();
    const hours = Number(/came (\d+) hours after/.exec(finding!.message)?.[1]);
    expect(hours).toBeGreaterThan(72);
  });

  it('with no times recorded, the longest reading is taken: the second day after the return is on time, the third is not', async () => {
    const noTimes = (day: string) =>
      withCase(episode('2022-03-13').replace('missing 2022-04-13 21:00', 'missing 2022-03-12') + interview(day));
    expect(withCode(await validateOne(noTimes('2022-03-15')), 'CR314')).toEqual([]);
    expect(withCode(await validateOne(noTimes('2022-03-16')), 'CR314')).toHaveLength(1);
  });

  it('a child still missing (no return yet) has no interview clock', async () => {
    expect(
      withCode(await validateOne(withCase('missing 2022-04-13 21:00 about amelia {\n  circumstances: """Not home."""\n}\n')), 'CR314'),
    ).toEqual([]);
  });
});

describe('CR314: no interview yet (an open clock runs to the as-of date)', () => {
  it('is not reported before the 72 hours are up', async () => {
    expect(withCode(await validateOne(withCase(episode()), '2022-04-16'), 'CR314')).toEqual([]);
  });

  it('is reported afterwards, on the return, with the date and the source', async () => {
    const source = withCase(episode());
    const found = withCode(await validateOne(source, '2022-04-18'), 'CR314');
    expect(found).toHaveLength(1);
    expect(found[0]!.line).toBe(lineOf(source, 'returned 2022-04-14'));
    expect(found[0]!.message).toContain('No return interview is recorded for Amelia');
    expect(found[0]!.message).toContain('Thu 14 Apr 2022');
    expect(found[0]!.message).toContain('within 72 hours');
    expect(found[0]!.message).toContain(GUIDANCE);
  });

  // BUG (reported): the open-clock message gives neither when the interview was due (Sun 17 Apr 2022, 18:00) nor
  // how late it is, unlike the other timeliness messages.
  it('the message gives when the interview was due', async () => {
    const [finding] = withCode(await validateOne(withCase(episode()), '2022-04-18'), 'CR314');
    expect(finding!.message).toContain('Sun 17 Apr 2022');
  });

  it('a closure within the 72 hours stops the clock', async () => {
    expect(withCode(await validateOne(withCase(episode() + closure('2022-04-16'))), 'CR314')).toEqual([]);
  });
});

describe('CR314 under a policy file', () => {
  it('a longer local timescale (96 hours) makes the interview 88 hours later on time', async () => {
    const source = withCase(episode() + interview('2022-04-18 10:00'));
    expect(withCode(await validateUnderPolicy(source, { timescales: { returnInterviewHours: 96 } }), 'CR314')).toEqual([]);
  });

  it('a shorter local timescale (48 hours) is reported with it', async () => {
    const source = withCase(episode() + interview('2022-04-17 10:00'));
    const [finding] = withCode(await validateUnderPolicy(source, { timescales: { returnInterviewHours: 48 } }), 'CR314');
    expect(finding!.message).toContain('came 64 hours after');
    expect(finding!.message).toContain('within 48 hours');
  });

  // BUG (reported): CR314 always cites the statutory guidance, even when the policy has set its own number of hours.
  it('under a local timescale the message cites the local standard, not the statutory guidance', async () => {
    const source = withCase(episode() + interview('2022-04-17 10:00'));
    const [finding] = withCode(await validateUnderPolicy(source, { timescales: { returnInterviewHours: 48 } }), 'CR314');
    expect(finding!.message).toContain('local standard, see policy');
    expect(finding!.message).not.toContain('statutory guidance');
  });

  it('switched off: no finding', async () => {
    const source = withCase(episode() + interview('2022-04-18 10:00'));
    expect(withCode(await validateUnderPolicy(source, { rules: { CR314: 'off' } }), 'CR314')).toEqual([]);
  });
});

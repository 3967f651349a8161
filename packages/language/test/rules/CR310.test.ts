import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { createCaserecServices, validateFiles, type ReportedDiagnostic } from '../../src/index.js';
import { DEFAULT_AS_OF, lineOf, validateOne, withCase, withCode } from '../helpers.js';

/**
 * CR310 supervision-overdue (rules.md): an allocated worker's case with no supervision about it within 20 working
 * days of allocation, or between supervisions (local, configurable).
 */

/** Validates `text` as a file in a fresh temporary folder beside a .caserec.json holding `policy`. */
async function validateUnderPolicy(text: string, policy: object, asOf = DEFAULT_AS_OF): Promise<ReportedDiagnostic[]> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'caserec-cr310-'));
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

/** Thursday 26 May 2022; 20 working days later, skipping the Jubilee bank holidays of 2 and 3 June, is Monday 27 June. */
const ALLOCATION = 'allocation 2022-05-26 about amelia to jo\n';

const supervision = (date: string, supervisee = 'jo') => `supervision ${date} of ${supervisee} by ali about amelia {
  reflection: """We wondered whether Sarah's account of the weekend fits what the school saw; Jo will test it."""
}
`;

const closure = (date: string) =>
  `closure ${date} about amelia reason RC8 {\n  rationale: """The family moved to another authority."""\n}\n`;

describe('CR310: supervision within 20 working days of allocation, then between supervisions', () => {
  it('a first supervision late is one warning, on the supervision, with the timescale, the dates, the lateness and the source', async () => {
    const source = withCase(ALLOCATION + supervision('2022-06-28'));
    const found = withCode(await validateOne(source, '2022-06-30'), 'CR310');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.rule).toBe('supervision-overdue');
    expect(found[0]!.line).toBe(lineOf(source, 'supervision 2022-06-28'));
    const { message } = found[0]!;
    expect(message).toContain('Amelia');
    expect(message).toContain('within 20 working days');
    expect(message).toContain('allocation of Thu 26 May 2022');
    expect(message).toContain('Tue 28 Jun 2022');
    expect(message).toContain('by Mon 27 Jun 2022');
    expect(message).toContain('1 working day late');
    expect(message).toContain('local standard, see policy');
  });

  it('a supervision on the last day is on time, with the two Jubilee bank holidays inside the window', async () => {
    expect(withCode(await validateOne(withCase(ALLOCATION + supervision('2022-06-27')), '2022-06-30'), 'CR310')).toEqual([]);
  });

  it('the next is due 20 working days after the one before', async () => {
    // 27 June + 20 working days = 25 July.
    const onTime = withCase(ALLOCATION + supervision('2022-06-27') + supervision('2022-07-25'));
    expect(withCode(await validateOne(onTime, '2022-07-26'), 'CR310')).toEqual([]);
    const late = withCase(ALLOCATION + supervision('2022-06-27') + supervision('2022-07-26'));
    const found = withCode(await validateOne(late, '2022-07-26'), 'CR310');
    expect(found.map((d) => d.line)).toEqual([lineOf(late, 'supervision 2022-07-26')]);
    expect(found[0]!.message).toContain('supervision of Mon 27 Jun 2022');
  });

  it('a supervision of another worker does not count for the allocated worker', async () => {
    const found = withCode(await validateOne(withCase(ALLOCATION + supervision('2022-06-01', 'pat')), '2022-06-28'), 'CR310');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('with Jo');
  });

  it('an unallocated child has no supervision clock', async () => {
    const source = withCase('unallocated 2022-05-26 about amelia {\n  reason: """Awaiting allocation."""\n}\n');
    expect(withCode(await validateOne(source, '2022-08-01'), 'CR310')).toEqual([]);
  });
});

describe('CR310: no supervision yet (an open clock runs to the as-of date)', () => {
  it('is not reported on the last day', async () => {
    expect(withCode(await validateOne(withCase(ALLOCATION), '2022-06-27'), 'CR310')).toEqual([]);
  });

  it('is reported the working day after, on the allocation, with how late as of the as-of date', async () => {
    const source = withCase(ALLOCATION);
    const found = withCode(await validateOne(source, '2022-06-28'), 'CR310');
    expect(found).toHaveLength(1);
    expect(found[0]!.line).toBe(lineOf(source, 'allocation 2022-05-26'));
    expect(found[0]!.message).toContain('by Mon 27 Jun 2022');
    expect(found[0]!.message).toContain('1 working day late as of Tue 28 Jun 2022');
  });

  it('a closure on the last day stops the clock', async () => {
    expect(withCode(await validateOne(withCase(ALLOCATION + closure('2022-06-27'))), 'CR310')).toEqual([]);
  });

  it('a later closure stops it at the closure', async () => {
    const [finding] = withCode(await validateOne(withCase(ALLOCATION + closure('2022-06-29'))), 'CR310');
    expect(finding!.message).toContain('2 working days late as of Wed 29 Jun 2022');
  });
});

describe('CR310 under a policy file', () => {
  it('a longer local interval (25 working days) makes the supervision of 28 June on time', async () => {
    const source = withCase(ALLOCATION + supervision('2022-06-28'));
    expect(
      withCode(await validateUnderPolicy(source, { timescales: { supervisionIntervalWorkingDays: 25 } }, '2022-06-30'), 'CR310'),
    ).toEqual([]);
  });

  it('a shorter local interval (10 working days) is reported with it', async () => {
    const source = withCase(ALLOCATION + supervision('2022-06-14'));
    const [finding] = withCode(
      await validateUnderPolicy(source, { timescales: { supervisionIntervalWorkingDays: 10 } }, '2022-06-20'),
      'CR310',
    );
    expect(finding!.message).toContain('within 10 working days, by Mon 13 Jun 2022');
    expect(finding!.message).toContain('1 working day late');
  });

  it('switched off: no finding', async () => {
    expect(withCode(await validateUnderPolicy(withCase(ALLOCATION), { rules: { CR310: 'off' } }), 'CR310')).toEqual([]);
  });
});

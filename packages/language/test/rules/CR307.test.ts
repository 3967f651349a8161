import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { createCaserecServices, validateFiles, type ReportedDiagnostic } from '../../src/index.js';
import { DEFAULT_AS_OF, lineOf, validateOne, withCase, withCode } from '../helpers.js';

/**
 * CR307 visit-overdue (rules.md): visits at least every 10 working days on a child protection plan and every 20
 * on a child in need plan (local, configurable): a gap between visits longer than that, or since the last visit
 * to the as-of date. A plan that ends (or a closure) stops the clock.
 */

/** Validates `text` as a file in a fresh temporary folder beside a .caserec.json holding `policy`. */
async function validateUnderPolicy(text: string, policy: object, asOf = DEFAULT_AS_OF): Promise<ReportedDiagnostic[]> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'caserec-cr307-'));
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

/**
 * A plan from Wednesday 14 December 2022. 10 working days later, skipping 26 and 27 December, is Friday 30 December;
 * 20 working days later, also skipping 2 January 2023, is Monday 16 January.
 */
const plan = (
  decision = 'child-protection-plan',
  kind = 'initial',
  date = '2022-12-14',
) => `conference ${date} about amelia kind ${kind} chair "Independent Reviewing Officer" {
  decision: ${decision}
  category: neglect
  rationale: """Amelia is often hungry and left alone; Sarah needs support to meet her needs."""
}
`;

const visit = (date: string) => `visit ${date} 16:00 by jo to amelia {
  seen-alone: amelia
  child-voice: """Amelia showed me her lunchbox and said "Mum made it this morning"."""
  observations: """There was food in the cupboards and the heating was on."""
}
`;

const closure = (date: string) =>
  `closure ${date} about amelia reason RC8 {\n  rationale: """The family moved to another authority."""\n}\n`;

describe('CR307: visits every 10 working days on a child protection plan', () => {
  it('a gap longer than the timescale is one warning, on the late visit, with the timescale, the dates and the source', async () => {
    const source = withCase(plan() + visit('2023-01-03'));
    const found = withCode(await validateOne(source, '2023-01-03'), 'CR307');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.rule).toBe('visit-overdue');
    expect(found[0]!.line).toBe(lineOf(source, 'visit 2023-01-03'));
    const { message } = found[0]!;
    expect(message).toContain('child protection plan');
    expect(message).toContain('10 working days');
    expect(message).toContain('Wed 14 Dec 2022');
    expect(message).toContain('Tue 3 Jan 2023');
    expect(message).toContain('by Fri 30 Dec 2022');
    expect(message).toContain('local standard, see policy');
  });

  // BUG (reported): the gap message says "11 working days passed ... more than the 10 working days allowed" but,
  // unlike every other timeliness message (and CR307's own open-clock message), not how late the visit was.
  it('the gap message says how late the visit was, in working days', async () => {
    const [finding] = withCode(await validateOne(withCase(plan() + visit('2023-01-03')), '2023-01-03'), 'CR307');
    expect(finding!.message).toContain('1 working day late');
  });

  it('a visit on the last day is on time, with the Christmas bank holidays inside the window', async () => {
    expect(withCode(await validateOne(withCase(plan() + visit('2022-12-30')), '2023-01-03'), 'CR307')).toEqual([]);
  });

  it('each gap is measured from the visit before', async () => {
    const source = withCase(plan() + visit('2022-12-30') + visit('2023-01-16') + visit('2023-01-31'));
    // 30 Dec + 10 working days (2 January a bank holiday) = 16 Jan: on time. 16 Jan + 10 = 30 Jan: the visit of 31 Jan is late.
    expect(withCode(await validateOne(source, '2023-01-31'), 'CR307').map((d) => d.line)).toEqual([lineOf(source, 'visit 2023-01-31')]);
  });
});

describe('CR307: visits every 20 working days on a child in need plan', () => {
  it('a visit on the last day is on time', async () => {
    expect(withCode(await validateOne(withCase(plan('cin-plan') + visit('2023-01-16')), '2023-01-20'), 'CR307')).toEqual([]);
  });

  it('the working day after is late, and the message names the child in need plan and its 20 working days', async () => {
    const [finding] = withCode(await validateOne(withCase(plan('cin-plan') + visit('2023-01-17')), '2023-01-20'), 'CR307');
    expect(finding!.message).toContain('child in need plan');
    expect(finding!.message).toContain('20 working days');
    expect(finding!.message).toContain('by Mon 16 Jan 2023');
  });
});

describe('CR307: since the last visit (an open clock runs to the as-of date)', () => {
  it('is not reported while the next visit is not yet due', async () => {
    expect(withCode(await validateOne(withCase(plan() + visit('2022-12-30')), '2023-01-16'), 'CR307')).toEqual([]);
  });

  it('is reported the working day after, on the last visit, with how late as of the as-of date', async () => {
    const source = withCase(plan() + visit('2022-12-30'));
    const found = withCode(await validateOne(source, '2023-01-17'), 'CR307');
    expect(found).toHaveLength(1);
    expect(found[0]!.line).toBe(lineOf(source, 'visit 2022-12-30'));
    expect(found[0]!.message).toContain('has not been visited since the visit of Fri 30 Dec 2022');
    expect(found[0]!.message).toContain('by Mon 16 Jan 2023');
    expect(found[0]!.message).toContain('1 working day late as of Tue 17 Jan 2023');
  });

  it('a plan with no visit at all is reported on the entry that started it', async () => {
    const source = withCase(plan());
    const found = withCode(await validateOne(source, '2023-01-03'), 'CR307');
    expect(found.map((d) => d.line)).toEqual([lineOf(source, 'conference 2022-12-14')]);
  });

  it('a closure stops the clock', async () => {
    expect(withCode(await validateOne(withCase(plan() + visit('2022-12-30') + closure('2023-01-16'))), 'CR307')).toEqual([]);
  });

  it('a review conference that ends the plan stops the clock', async () => {
    const source = withCase(plan() + visit('2022-12-30') + plan('end-plan', 'review', '2023-01-13'));
    expect(withCode(await validateOne(source), 'CR307')).toEqual([]);
  });

  it('no plan, no clock: visits to a child on no plan are not counted', async () => {
    expect(withCode(await validateOne(withCase(visit('2022-12-30'))), 'CR307')).toEqual([]);
  });
});

describe('CR307 under a policy file', () => {
  it('a longer local interval on a child protection plan (15 working days) makes the visit of 3 January on time', async () => {
    const source = withCase(plan() + visit('2023-01-03'));
    const policy = { timescales: { visitIntervalChildProtectionWorkingDays: 15 } };
    expect(withCode(await validateUnderPolicy(source, policy, '2023-01-03'), 'CR307')).toEqual([]);
  });

  it('a shorter local interval on a child in need plan (10 working days) is reported with it', async () => {
    const source = withCase(plan('cin-plan') + visit('2023-01-03'));
    const [finding] = withCode(
      await validateUnderPolicy(source, { timescales: { visitIntervalChildInNeedWorkingDays: 10 } }, '2023-01-03'),
      'CR307',
    );
    expect(finding!.message).toContain('10 working days');
    expect(finding!.message).toContain('by Fri 30 Dec 2022');
  });

  it('switched off: no finding', async () => {
    expect(withCode(await validateUnderPolicy(withCase(plan() + visit('2023-01-03')), { rules: { CR307: 'off' } }), 'CR307')).toEqual([]);
  });
});

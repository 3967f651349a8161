import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { createCaserecServices, validateFiles, type ReportedDiagnostic } from '../../src/index.js';
import { DEFAULT_AS_OF, lineOf, validateOne, withCase, withCode } from '../helpers.js';

/**
 * CR311 unallocated (rules.md): a period in which the child had no allocated worker; the message gives its
 * length. An explicit `unallocated` entry is reported at any length; a referral or step-up with no allocation
 * once more than `allocationGraceWorkingDays` (default 1) pass.
 */

/** Validates `text` as a file in a fresh temporary folder beside a .caserec.json holding `policy`. */
async function validateUnderPolicy(text: string, policy: object, asOf = DEFAULT_AS_OF): Promise<ReportedDiagnostic[]> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'caserec-cr311-'));
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

const referral = (date: string) => `referral r1 ${date} from school about amelia {
  reason: """Amelia said at school that she was left alone overnight."""
}
`;

const allocation = (date: string, worker = 'jo') => `allocation ${date} about amelia to ${worker}\n`;

const unallocated = (date: string) => `unallocated ${date} about amelia {
  reason: """Jo left the authority; the case waits for the team manager to reallocate it."""
}
`;

const closure = (date: string) =>
  `closure ${date} about amelia reason RC8 {\n  rationale: """The family moved to another authority."""\n}\n`;

describe('CR311: an explicit unallocated period is reported at any length', () => {
  it('one warning, on the unallocated entry, with the dates, the length in working days and the source', async () => {
    // 1 June to 6 June 2022: the Jubilee bank holidays of 2 and 3 June leave 1 working day.
    const source = withCase(allocation('2022-05-26') + unallocated('2022-06-01') + allocation('2022-06-06', 'pat'));
    const found = withCode(await validateOne(source), 'CR311');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.rule).toBe('unallocated');
    expect(found[0]!.line).toBe(lineOf(source, 'unallocated 2022-06-01'));
    const { message } = found[0]!;
    expect(message).toContain('Amelia had no allocated worker');
    expect(message).toContain('from Wed 1 Jun 2022 until Mon 6 Jun 2022');
    expect(message).toContain('1 working day with nobody');
    expect(message).toContain('local standard, see policy');
  });

  it('a period still open runs to the as-of date, and says so', async () => {
    const [finding] = withCode(await validateOne(withCase(allocation('2022-05-26') + unallocated('2022-06-01')), '2022-06-08'), 'CR311');
    expect(finding!.message).toContain('to Wed 8 Jun 2022 (still unallocated)');
    expect(finding!.message).toContain('3 working days');
  });

  it('a closure ends the period', async () => {
    const [finding] = withCode(
      await validateOne(withCase(allocation('2022-05-26') + unallocated('2022-06-01') + closure('2022-06-07'))),
      'CR311',
    );
    expect(finding!.message).toContain('until Tue 7 Jun 2022');
    expect(finding!.message).toContain('2 working days');
  });

  it('an allocation throughout: nothing to report', async () => {
    expect(withCode(await validateOne(withCase(referral('2022-05-26') + allocation('2022-05-26'))), 'CR311')).toEqual([]);
  });
});

describe('CR311: a referral or step-up with no allocation, after 1 working day of grace', () => {
  it('allocation the next working day is within the grace: no finding', async () => {
    expect(withCode(await validateOne(withCase(referral('2022-05-26') + allocation('2022-05-27'))), 'CR311')).toEqual([]);
  });

  it('allocation on Monday 6 June after a referral on Wednesday 1 June is within the grace: 2 and 3 June were bank holidays', async () => {
    expect(withCode(await validateOne(withCase(referral('2022-06-01') + allocation('2022-06-06'))), 'CR311')).toEqual([]);
  });

  it('allocation 2 working days after the referral is reported, on the referral', async () => {
    const source = withCase(referral('2022-05-26') + allocation('2022-05-30'));
    const found = withCode(await validateOne(source), 'CR311');
    expect(found.map((d) => d.line)).toEqual([lineOf(source, 'referral r1')]);
    expect(found[0]!.message).toContain('after the referral from Thu 26 May 2022 until Mon 30 May 2022');
    expect(found[0]!.message).toContain('2 working days');
  });

  it('no allocation yet: not reported while within the grace (as of the next working day)', async () => {
    expect(withCode(await validateOne(withCase(referral('2022-06-01')), '2022-06-06'), 'CR311')).toEqual([]);
  });

  it('no allocation yet: reported once the grace has passed, to the as-of date', async () => {
    const [finding] = withCode(await validateOne(withCase(referral('2022-06-01')), '2022-06-07'), 'CR311');
    expect(finding!.message).toContain('to Tue 7 Jun 2022 (still unallocated)');
  });

  it('a closure within the grace stops the clock', async () => {
    expect(withCode(await validateOne(withCase(referral('2022-06-01') + closure('2022-06-06'))), 'CR311')).toEqual([]);
  });

  it('a step-up with no allocation is reported, naming the step-up', async () => {
    const source = withCase(
      allocation('2022-03-01') +
        'step-down 2022-04-01 about amelia to early-help {\n  rationale: """Sarah accepted family support."""\n}\n' +
        'step-up 2022-06-01 about amelia {\n  rationale: """Amelia was left alone again."""\n}\n',
    );
    const found = withCode(await validateOne(source, '2022-06-10'), 'CR311');
    expect(found.map((d) => d.line)).toEqual([lineOf(source, 'step-up 2022-06-01')]);
    expect(found[0]!.message).toContain('after the step-up');
  });
});

describe('CR311 under a policy file', () => {
  it('a longer grace (5 working days) leaves a 2-day wait unreported', async () => {
    const source = withCase(referral('2022-05-26') + allocation('2022-05-30'));
    expect(withCode(await validateUnderPolicy(source, { timescales: { allocationGraceWorkingDays: 5 } }), 'CR311')).toEqual([]);
  });

  it('no grace (0) reports a wait of 1 working day', async () => {
    const source = withCase(referral('2022-05-26') + allocation('2022-05-27'));
    const [finding] = withCode(await validateUnderPolicy(source, { timescales: { allocationGraceWorkingDays: 0 } }), 'CR311');
    expect(finding!.message).toContain('1 working day');
  });

  it('switched off: no finding', async () => {
    const source = withCase(allocation('2022-05-26') + unallocated('2022-06-01'));
    expect(withCode(await validateUnderPolicy(source, { rules: { CR311: 'off' } }), 'CR311')).toEqual([]);
  });
});

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { createCaserecServices, validateFiles, type ReportedDiagnostic } from '../../src/index.js';
import { DEFAULT_AS_OF, lineOf, validateOne, withCase, withCode } from '../helpers.js';

/**
 * CR301 contact-decision-late (rules.md): the decision on a contact is due within 1 working day (statutory,
 * Working Together 2023); a decision after that, or none when it has passed, is a warning. Open clocks run to
 * the as-of date; a closure about the child stops them.
 */

/** Validates `text` as a file in a fresh temporary folder beside a .caserec.json holding `policy`. */
async function validateUnderPolicy(text: string, policy: object, asOf = DEFAULT_AS_OF): Promise<ReportedDiagnostic[]> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'caserec-cr301-'));
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

/** A contact of Friday 24 December 2021 (Christmas: 27 and 28 December 2021 are bank holidays). */
const contact = (decision: string, child = 'amelia', time = '09:00') => `contact 2021-12-24 ${time} from police about ${child} {
  concern: """Police were called to a loud argument at the family home; no one was hurt."""
  consent: given
${decision}  rationale: """A single verbal argument with no injury; advice to Sarah on keeping the children safe."""
}
`;

const decided = (date: string) => withCase(contact(`  decision ${date} 14:00 by ali: advice\n`));
const undecided = (extra = '') => withCase(contact('') + extra);
const closure = (date: string) =>
  `closure ${date} about amelia reason RC8 {\n  rationale: """The family moved to another authority."""\n}\n`;

describe('CR301: a contact decision within 1 working day', () => {
  it('a decision made after the deadline is one warning, on the decision, with the timescale, the dates, the lateness and the source', async () => {
    const source = decided('2021-12-30');
    const found = withCode(await validateOne(source), 'CR301');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.rule).toBe('contact-decision-late');
    expect(found[0]!.line).toBe(lineOf(source, 'decision 2021-12-30'));
    const { message } = found[0]!;
    expect(message).toContain('within 1 working day');
    expect(message).toContain('Fri 24 Dec 2021'); // the contact
    expect(message).toContain('Thu 30 Dec 2021'); // the decision
    expect(message).toContain('Wed 29 Dec 2021'); // the deadline
    expect(message).toContain('1 working day late');
    expect(message).toContain('Working Together to Safeguard Children 2023');
  });

  it('a decision on the last day is on time, though two bank holidays fall inside the window', async () => {
    expect(withCode(await validateOne(decided('2021-12-29')), 'CR301')).toEqual([]);
  });

  it('a decision on the day of the contact is on time', async () => {
    expect(withCode(await validateOne(decided('2021-12-24')), 'CR301')).toEqual([]);
  });

  it('lateness is counted in working days: a decision on Tuesday 4 January 2022 is 3 working days late (3 January is a bank holiday)', async () => {
    const [finding] = withCode(await validateOne(decided('2022-01-04')), 'CR301');
    expect(finding!.message).toContain('3 working days late');
  });

  it('each contact has its own clock: only the late one is reported', async () => {
    const source = withCase(
      contact('  decision 2021-12-29 by ali: advice\n') + contact('  decision 2021-12-30 by ali: advice\n', 'ben', '10:00'),
    );
    expect(withCode(await validateOne(source), 'CR301').map((d) => d.line)).toEqual([lineOf(source, 'decision 2021-12-30')]);
  });
});

describe('CR301: a contact with no decision yet (an open clock runs to the as-of date)', () => {
  it('is not reported while the deadline has not passed: as of the last day', async () => {
    expect(withCode(await validateOne(undecided(), '2021-12-29'), 'CR301')).toEqual([]);
  });

  it('is reported the working day after, at the contact, saying how late as of the as-of date', async () => {
    const source = undecided();
    const found = withCode(await validateOne(source, '2021-12-30'), 'CR301');
    expect(found).toHaveLength(1);
    expect(found[0]!.line).toBe(lineOf(source, 'contact 2021-12-24'));
    expect(found[0]!.message).toContain('No decision is recorded');
    expect(found[0]!.message).toContain('by Wed 29 Dec 2021');
    expect(found[0]!.message).toContain('1 working day late as of Thu 30 Dec 2021');
    expect(found[0]!.message).toContain('Working Together to Safeguard Children 2023');
  });

  it('a closure on the last day stops the clock: nothing to report, however late the as-of date', async () => {
    expect(withCode(await validateOne(undecided(closure('2021-12-29'))), 'CR301')).toEqual([]);
  });

  it('a later closure stops the clock at the closure, not at the as-of date', async () => {
    const [finding] = withCode(await validateOne(undecided(closure('2021-12-31'))), 'CR301');
    expect(finding!.message).toContain('2 working days late as of Fri 31 Dec 2021');
  });

  it('a closure about another child does not stop this clock', async () => {
    const found = withCode(await validateOne(undecided(closure('2021-12-29').replace('about amelia', 'about ben'))), 'CR301');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('as of Fri 10 Mar 2023');
  });
});

describe('CR301 under a policy file', () => {
  it('a longer local timescale (3 working days) makes the 30 December decision on time', async () => {
    expect(withCode(await validateUnderPolicy(decided('2021-12-30'), { timescales: { contactDecisionWorkingDays: 3 } }), 'CR301')).toEqual(
      [],
    );
  });

  it('under a local timescale the message gives it, and cites the local standard, not Working Together', async () => {
    const found = withCode(
      await validateUnderPolicy(undecided(), { timescales: { contactDecisionWorkingDays: 3 } }, '2022-01-06'),
      'CR301',
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('within 3 working days, by Fri 31 Dec 2021');
    expect(found[0]!.message).toContain('3 working days late as of Thu 6 Jan 2022');
    expect(found[0]!.message).toContain('local standard, see policy');
    expect(found[0]!.message).not.toContain('Working Together');
  });

  it.each([['off'], [false]])('switched off (%s): no finding', async (setting) => {
    expect(withCode(await validateUnderPolicy(decided('2021-12-30'), { rules: { CR301: setting } }), 'CR301')).toEqual([]);
  });

  it('given another severity: the finding carries it', async () => {
    const found = withCode(await validateUnderPolicy(decided('2021-12-30'), { rules: { CR301: 'error' } }), 'CR301');
    expect(found.map((d) => d.severity)).toEqual(['error']);
  });

  it('an empty policy file ({}) keeps the defaults', async () => {
    expect(withCode(await validateUnderPolicy(decided('2021-12-30'), {}), 'CR301')).toHaveLength(1);
  });
});

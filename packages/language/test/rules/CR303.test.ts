import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { createCaserecServices, validateFiles, type ReportedDiagnostic } from '../../src/index.js';
import { DEFAULT_AS_OF, lineOf, validateOne, withCase, withCode } from '../helpers.js';

/**
 * CR303 strategy-discussion-late (rules.md): the strategy discussion within 1 working day (local, configurable)
 * of the decision that called for one: a contact decided `strategy-discussion`, or a completed assessment whose
 * outcome is `strategy-discussion`.
 */

/** Validates `text` as a file in a fresh temporary folder beside a .caserec.json holding `policy`. */
async function validateUnderPolicy(text: string, policy: object, asOf = DEFAULT_AS_OF): Promise<ReportedDiagnostic[]> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'caserec-cr303-'));
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

/** Decided on Thursday 14 April 2022; Good Friday and Easter Monday follow, so the deadline is Tuesday 19 April. */
const CONTACT = `contact 2022-04-14 09:00 from police about amelia {
  concern: """Amelia told her teacher that Kyle hit her with a belt; there is a red mark on her arm."""
  consent: dispensed-with
  decision 2022-04-14 15:00 by ali: strategy-discussion
  rationale: """A disclosure of physical abuse with a visible mark: reasonable cause to suspect significant harm."""
}
`;

const discussion = (date: string) => `strategy-discussion ${date} 10:00 about amelia chair ali {
  attendees: police, school, jo
  decision: section-47
  rationale: """Physical abuse disclosed and a mark seen: threshold for a section 47 enquiry is met."""
}
`;

const closure = (date: string) =>
  `closure ${date} about amelia reason RC8 {\n  rationale: """The family moved to another authority."""\n}\n`;

describe('CR303: a strategy discussion within 1 working day of the decision that called for it', () => {
  it('a discussion held late is one warning, on the discussion, with the timescale, the dates, the lateness and the source', async () => {
    const source = withCase(CONTACT + discussion('2022-04-20'));
    const found = withCode(await validateOne(source), 'CR303');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.rule).toBe('strategy-discussion-late');
    expect(found[0]!.line).toBe(lineOf(source, 'strategy-discussion 2022-04-20'));
    const { message } = found[0]!;
    expect(message).toContain('within 1 working day');
    expect(message).toContain('Thu 14 Apr 2022');
    expect(message).toContain('Wed 20 Apr 2022');
    expect(message).toContain('by Tue 19 Apr 2022');
    expect(message).toContain('1 working day late');
    expect(message).toContain('local standard, see policy');
  });

  it('a discussion on the last day is on time, with Good Friday and Easter Monday inside the window', async () => {
    expect(withCode(await validateOne(withCase(CONTACT + discussion('2022-04-19'))), 'CR303')).toEqual([]);
  });

  it('a completed assessment whose outcome is a strategy discussion starts the clock too', async () => {
    const source = withCase(`assessment a1 2022-03-01 about amelia {
  completed 2022-04-14
  authorised 2022-04-14 by ali
  child-voice: """Amelia said "Kyle hits me when Mum is at work"."""
  history: """No earlier involvement."""
  analysis: """A disclosure of physical abuse by Amelia; because it is specific and consistent, it is likely to be true."""
  outcome: strategy-discussion
}
${discussion('2022-04-21')}`);
    const found = withCode(await validateOne(source), 'CR303');
    expect(found.map((d) => d.line)).toEqual([lineOf(source, 'strategy-discussion 2022-04-21')]);
    expect(found[0]!.message).toContain('2 working days late');
  });
});

describe('CR303: no discussion recorded yet (an open clock runs to the as-of date)', () => {
  it('is not reported on the last day', async () => {
    expect(withCode(await validateOne(withCase(CONTACT), '2022-04-19'), 'CR303')).toEqual([]);
  });

  it('is reported the working day after, on the decision, saying how late', async () => {
    const source = withCase(CONTACT);
    const found = withCode(await validateOne(source, '2022-04-20'), 'CR303');
    expect(found).toHaveLength(1);
    expect(found[0]!.line).toBe(lineOf(source, 'decision 2022-04-14'));
    expect(found[0]!.message).toContain('none is recorded');
    expect(found[0]!.message).toContain('by Tue 19 Apr 2022');
    expect(found[0]!.message).toContain('1 working day late');
    expect(found[0]!.message).toContain('local standard, see policy');
  });

  it('a closure on the last day stops the clock', async () => {
    expect(withCode(await validateOne(withCase(CONTACT + closure('2022-04-19'))), 'CR303')).toEqual([]);
  });

  it('a later closure stops it at the closure', async () => {
    const [finding] = withCode(await validateOne(withCase(CONTACT + closure('2022-04-22'))), 'CR303');
    expect(finding!.message).toContain('3 working days late');
  });
});

describe('CR303 under a policy file', () => {
  it('a longer local timescale (3 working days) makes the discussion of 20 April on time', async () => {
    const source = withCase(CONTACT + discussion('2022-04-20'));
    expect(withCode(await validateUnderPolicy(source, { timescales: { strategyDiscussionWorkingDays: 3 } }), 'CR303')).toEqual([]);
  });

  it('and the message gives the local timescale', async () => {
    const source = withCase(CONTACT + discussion('2022-04-25'));
    const [finding] = withCode(await validateUnderPolicy(source, { timescales: { strategyDiscussionWorkingDays: 3 } }), 'CR303');
    expect(finding!.message).toContain('within 3 working days, by Thu 21 Apr 2022');
    expect(finding!.message).toContain('2 working days late');
  });

  it('switched off: no finding', async () => {
    expect(withCode(await validateUnderPolicy(withCase(CONTACT + discussion('2022-04-20')), { rules: { CR303: false } }), 'CR303')).toEqual(
      [],
    );
  });
});

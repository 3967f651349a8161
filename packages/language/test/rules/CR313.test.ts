import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { createCaserecServices, validateFiles, type ReportedDiagnostic } from '../../src/index.js';
import { DEFAULT_AS_OF, lineOf, validateOne, withCase, withCode } from '../helpers.js';

/**
 * CR313 review-conference-late (rules.md): the first review conference within 3 months of the initial conference,
 * then every 6 months (statutory, Working Together 2023). A month is the same day of the month, clamped to the
 * end of a shorter month; how late is counted in working days.
 */

/** Validates `text` as a file in a fresh temporary folder beside a .caserec.json holding `policy`. */
async function validateUnderPolicy(text: string, policy: object, asOf = DEFAULT_AS_OF): Promise<ReportedDiagnostic[]> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'caserec-cr313-'));
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

const conference = (
  date: string,
  kind: 'initial' | 'review',
  decision = 'child-protection-plan',
) => `conference ${date} about amelia kind ${kind} chair "Independent Reviewing Officer" {
  decision: ${decision}
  category: neglect
  rationale: """Amelia is often hungry and left alone; Sarah needs support to meet her needs."""
}
`;

/** An initial conference on Wednesday 30 November 2022: 3 months later is Tuesday 28 February 2023 (clamped). */
const INITIAL = conference('2022-11-30', 'initial');

const closure = (date: string) =>
  `closure ${date} about amelia reason RC8 {\n  rationale: """The family moved to another authority."""\n}\n`;

describe('CR313: the first review conference within 3 months of the initial conference', () => {
  it('a review held late is one warning, on the review, with the timescale, the dates, the lateness and the source', async () => {
    const source = withCase(INITIAL + conference('2023-03-01', 'review'));
    const found = withCode(await validateOne(source), 'CR313');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.rule).toBe('review-conference-late');
    expect(found[0]!.line).toBe(lineOf(source, 'conference 2023-03-01'));
    const { message } = found[0]!;
    expect(message).toContain('within 3 months');
    expect(message).toContain('initial conference of Wed 30 Nov 2022');
    expect(message).toContain('Wed 1 Mar 2023');
    expect(message).toContain('by Tue 28 Feb 2023');
    expect(message).toContain('1 working day late');
    expect(message).toContain('Working Together to Safeguard Children 2023');
  });

  it('a review on the last day (the end of the shorter month) is on time', async () => {
    expect(withCode(await validateOne(withCase(INITIAL + conference('2023-02-28', 'review'))), 'CR313')).toEqual([]);
  });

  it('how late is counted in working days: 22 to 28 December 2022 is 2, the Christmas bank holidays aside', async () => {
    const source = withCase(conference('2022-09-22', 'initial') + conference('2022-12-28', 'review'));
    const [finding] = withCode(await validateOne(source, '2022-12-30'), 'CR313');
    expect(finding!.message).toContain('by Thu 22 Dec 2022');
    expect(finding!.message).toContain('2 working days late');
  });

  it('an initial conference that made no plan needs no review', async () => {
    expect(withCode(await validateOne(withCase(conference('2022-11-30', 'initial', 'cin-plan'))), 'CR313')).toEqual([]);
  });
});

describe('CR313: later reviews every 6 months', () => {
  const reviewed = withCase(conference('2022-09-22', 'initial') + conference('2022-12-22', 'review'));

  it('is not reported on the last day (22 June 2023)', async () => {
    expect(withCode(await validateOne(reviewed, '2023-06-22'), 'CR313')).toEqual([]);
  });

  it('is reported the day after, on the last review, naming the 6 months', async () => {
    const found = withCode(await validateOne(reviewed, '2023-06-23'), 'CR313');
    expect(found.map((d) => d.line)).toEqual([lineOf(reviewed, 'conference 2022-12-22')]);
    expect(found[0]!.message).toContain('within 6 months');
    expect(found[0]!.message).toContain('review of Thu 22 Dec 2022');
    expect(found[0]!.message).toContain('by Thu 22 Jun 2023');
    expect(found[0]!.message).toContain('1 working day late');
  });

  it('a review that ends the plan ends the chain', async () => {
    const source = withCase(conference('2022-09-22', 'initial') + conference('2022-12-22', 'review', 'end-plan'));
    expect(withCode(await validateOne(source, '2023-09-01'), 'CR313')).toEqual([]);
  });
});

// BUG (reported): the chain of reviews that starts at an initial conference takes the next review conference about the
// child whenever it is; it does not stop at a closure (or at a later initial conference). A child whose first plan
// ended with the case closed, and who came back on a new plan a year later, gets the new plan's first review
// reported as 254 working days late against the old plan's initial conference.
describe('CR313: a plan that ended with a closure', () => {
  it("the review of a later plan is not counted against the earlier plan's initial conference", async () => {
    const closure = 'closure 2021-03-01 about amelia reason RC8 {\n  rationale: """The family moved away."""\n}\n';
    const source = withCase(
      conference('2021-01-11', 'initial') + closure + conference('2022-01-10', 'initial') + conference('2022-04-08', 'review'),
    );
    expect(withCode(await validateOne(source, '2022-05-01'), 'CR313')).toEqual([]);
  });
});

describe('CR313: no review yet (an open clock runs to the as-of date)', () => {
  it('is not reported on the last day', async () => {
    expect(withCode(await validateOne(withCase(INITIAL), '2023-02-28'), 'CR313')).toEqual([]);
  });

  it('is reported the day after, on the initial conference', async () => {
    const source = withCase(INITIAL);
    const found = withCode(await validateOne(source, '2023-03-01'), 'CR313');
    expect(found.map((d) => d.line)).toEqual([lineOf(source, 'conference 2022-11-30')]);
    expect(found[0]!.message).toContain('No review conference is recorded');
  });

  it('a closure on the last day stops the clock', async () => {
    expect(withCode(await validateOne(withCase(INITIAL + closure('2023-02-28'))), 'CR313')).toEqual([]);
  });
});

describe('CR313 under a policy file', () => {
  it('a longer first interval (4 months) makes the review of 1 March on time', async () => {
    const source = withCase(INITIAL + conference('2023-03-01', 'review'));
    expect(withCode(await validateUnderPolicy(source, { timescales: { firstReviewConferenceMonths: 4 } }), 'CR313')).toEqual([]);
  });

  it('a shorter later interval (3 months) is reported with it', async () => {
    const source = withCase(conference('2022-09-22', 'initial') + conference('2022-12-22', 'review'));
    const [finding] = withCode(
      await validateUnderPolicy(source, { timescales: { laterReviewConferenceMonths: 3 } }, '2023-03-23'),
      'CR313',
    );
    expect(finding!.message).toContain('within 3 months');
    expect(finding!.message).toContain('by Wed 22 Mar 2023');
  });

  // BUG (reported): CR313 always cites Working Together (source(true)), even under a local timescale.
  it('under a local timescale the message cites the local standard, not Working Together', async () => {
    const source = withCase(INITIAL + conference('2023-01-31', 'review'));
    const [finding] = withCode(await validateUnderPolicy(source, { timescales: { firstReviewConferenceMonths: 1 } }), 'CR313');
    expect(finding!.message).toContain('within 1 month');
    expect(finding!.message).toContain('local standard, see policy');
    expect(finding!.message).not.toContain('Working Together');
  });

  it('switched off: no finding', async () => {
    const source = withCase(INITIAL + conference('2023-03-01', 'review'));
    expect(withCode(await validateUnderPolicy(source, { rules: { CR313: 'off' } }), 'CR313')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { lineOf, validateOne, withCase, withCode } from '../helpers.js';

/**
 * CR004 impossible-date (rules.md): dates out of order within an entry (completed before started, decision
 * before contact, returned before missing) or an entry dated after the as-of date.
 */

const AS_OF = '2023-03-10';

const note = (date: string) => withCase(`note ${date} by jo about amelia {\n  text: """Rang Sarah to arrange the next visit."""\n}\n`);

describe('CR004: entries after the as-of date', () => {
  it('an entry dated exactly on the as-of date is fine', async () => {
    expect(withCode(await validateOne(note('2023-03-10'), AS_OF), 'CR004')).toEqual([]);
  });

  it('an entry dated one day after the as-of date is CR004, on its date, naming both dates', async () => {
    const source = note('2023-03-11');
    const found = withCode(await validateOne(source, AS_OF), 'CR004');
    expect(found).toHaveLength(1);
    expect(found[0]!.line).toBe(lineOf(source, 'note 2023-03-11'));
    expect(found[0]!.column).toBe('note '.length + 1);
    expect(found[0]!.message).toContain('2023-03-11');
    expect(found[0]!.message).toContain('2023-03-10');
  });

  it('the as-of date decides: the same entry is fine as of a later date', async () => {
    expect(withCode(await validateOne(note('2023-03-11'), '2023-03-11'), 'CR004')).toEqual([]);
  });

  it('a date that is not real is CR001, not also CR004', async () => {
    const diagnostics = await validateOne(note('2023-02-30'), AS_OF);
    expect(withCode(diagnostics, 'CR004')).toEqual([]);
    expect(withCode(diagnostics, 'CR001')).toHaveLength(1);
  });

  it('every kind of entry is checked', async () => {
    const source = withCase(
      `referral 2024-01-01 from police about amelia {\n  reason: """r"""\n}\nallocation 2024-01-02 about amelia to jo\n`,
    );
    expect(
      withCode(await validateOne(source, AS_OF), 'CR004')
        .map((d) => d.line)
        .sort(),
    ).toEqual([lineOf(source, 'referral 2024'), lineOf(source, 'allocation 2024')]);
  });
});

describe('CR004: dates out of order within an entry', () => {
  const contact = (contactWhen: string, decisionWhen: string) =>
    withCase(`contact ${contactWhen} from police about amelia {
  concern: """Police attended after shouting was heard."""
  decision ${decisionWhen} by ali: referral
  rationale: """A child was present during violence."""
}
`);

  it('a decision before the contact is CR004 on the decision', async () => {
    const source = contact('2021-03-02 09:00', '2021-03-01 15:00');
    const found = withCode(await validateOne(source), 'CR004');
    expect(found.map((d) => d.line)).toEqual([lineOf(source, 'decision')]);
    expect(found[0]!.message).toContain('2021-03-01');
  });

  it('a decision earlier the same day is CR004', async () => {
    expect(withCode(await validateOne(contact('2021-03-01 10:00', '2021-03-01 09:00')), 'CR004')).toHaveLength(1);
  });

  it('...and the message then gives the times, not the same date twice', async () => {
    const [finding] = withCode(await validateOne(contact('2021-03-01 10:00', '2021-03-01 09:00')), 'CR004');
    expect(finding!.message).toContain('09:00');
    expect(finding!.message).toContain('10:00');
  });

  it.each([
    ['the same minute', '2021-03-01 10:00', '2021-03-01 10:00'],
    ['later the same day', '2021-03-01 10:00', '2021-03-01 15:30'],
    ['the same day, one time missing', '2021-03-01 10:00', '2021-03-01'],
    ['the next day', '2021-03-01 10:00', '2021-03-02 09:00'],
  ])('a decision %s is fine', async (_name, contactWhen, decisionWhen) => {
    expect(withCode(await validateOne(contact(contactWhen, decisionWhen)), 'CR004')).toEqual([]);
  });

  const assessment = (completed: string, authorised: string) =>
    withCase(`assessment a1 2021-03-01 about amelia {
  completed ${completed}
  authorised ${authorised} by ali
  history: """Two earlier police call-outs."""
  analysis: """The risk comes from Kyle's violence; Sarah's separation reduces it."""
  outcome: cin-plan
}
`);

  it('an assessment completed before it started is CR004 on `completed`', async () => {
    const source = assessment('2021-02-28', '2021-03-02');
    expect(withCode(await validateOne(source), 'CR004').map((d) => d.line)).toEqual([lineOf(source, 'completed')]);
  });

  it('authorised before completed is CR004 on `authorised`', async () => {
    const source = assessment('2021-04-10', '2021-04-09');
    const found = withCode(await validateOne(source), 'CR004');
    expect(found.map((d) => d.line)).toEqual([lineOf(source, 'authorised')]);
    expect(found[0]!.message).toMatch(/before the assessment was completed/);
  });

  it('completed and authorised on the day it started are fine', async () => {
    expect(withCode(await validateOne(assessment('2021-03-01', '2021-03-01')), 'CR004')).toEqual([]);
  });

  it('a section 47 outcome before the enquiry began is CR004', async () => {
    const source = withCase(`section-47 2021-03-05 about amelia lead jo {
  findings: """f"""
  outcome 2021-03-04: conference
  rationale: """r"""
}
`);
    expect(withCode(await validateOne(source), 'CR004').map((d) => d.line)).toEqual([lineOf(source, 'outcome')]);
  });

  const missing = (header: string) => withCase(`${header} {\n  circumstances: """Amelia did not come home after school."""\n}\n`);

  it('returned before going missing is CR004 on the header', async () => {
    const source = missing('missing 2021-03-12 about amelia returned 2021-03-11');
    const found = withCode(await validateOne(source), 'CR004');
    expect(found.map((d) => [d.line, d.column])).toEqual([
      [lineOf(source, 'missing 2021'), source.split('\n')[lineOf(source, 'missing 2021') - 1]!.indexOf('2021-03-11') + 1],
    ]);
  });

  it('returned earlier the same day is CR004; later the same day is fine', async () => {
    expect(withCode(await validateOne(missing('missing 2021-03-12 22:00 about amelia returned 2021-03-12 21:00')), 'CR004')).toHaveLength(
      1,
    );
    expect(withCode(await validateOne(missing('missing 2021-03-12 22:00 about amelia returned 2021-03-12 23:30')), 'CR004')).toEqual([]);
  });

  it('a child who has not returned yet is fine', async () => {
    expect(withCode(await validateOne(missing('missing 2021-03-12 22:00 about amelia')), 'CR004')).toEqual([]);
  });
});

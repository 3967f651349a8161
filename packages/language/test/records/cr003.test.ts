import { describe, expect, it } from 'vitest';
import type { ReportedDiagnostic } from '../../src/index.js';
import { lineOf, validateOne, withCase, withCode } from '../helpers.js';

/**
 * CR003 missing-field (rules.md, "Required fields"): a required field missing or empty is one finding per
 * field, at the entry, never a parse error. The child's voice (child-voice, child-view) and an event's impact
 * are judged by CR101 and CR601, so that one problem is one finding: either code will do, but not both and
 * not neither.
 */

/** The names of the fields CR003 reports missing. */
function missingFields(diagnostics: readonly ReportedDiagnostic[]): string[] {
  return withCode(diagnostics, 'CR003')
    .map((d) => /has no "([^"]+)"/.exec(d.message)?.[1] ?? (/at least one action/.test(d.message) ? 'action' : `?${d.message}`))
    .sort();
}

/** Each kind's header with no body, and the fields rules.md requires (the voice fields and impact aside). */
const REQUIRED: [string, string, string[]][] = [
  ['event', 'event 2021-03-01 about amelia source police significance low', ['what']],
  ['contact', 'contact 2021-03-01 09:00 from police about amelia', ['concern', 'decision', 'rationale']],
  ['referral', 'referral r1 2021-03-01 from police about amelia', ['reason']],
  ['allocation', 'allocation 2021-03-01 about amelia to jo', []],
  ['unallocated', 'unallocated 2021-03-01 about amelia', ['reason']],
  ['oversight', 'oversight 2021-03-01 by ali about amelia', ['direction']],
  ['visit', 'visit 2021-03-01 by jo to amelia', ['observations']],
  ['strategy-discussion', 'strategy-discussion 2021-03-01 10:00 about amelia chair ali', ['attendees', 'decision', 'rationale']],
  ['section-47', 'section-47 s47 2021-03-01 about amelia lead jo', ['findings', 'outcome', 'rationale']],
  ['conference', 'conference 2021-03-01 about amelia kind initial chair "Chair"', ['decision', 'rationale']],
  ['core-group', 'core-group 2021-03-01 about amelia', ['progress']],
  ['assessment (open)', 'assessment a1 2021-03-01 about amelia', []],
  ['safety-plan', 'safety-plan sp1 2021-03-01 for amelia', ['action', 'contingency', 'goal', 'review-by', 'worries']],
  ['supervision', 'supervision 2021-03-01 of jo by ali about amelia', ['reflection']],
  ['missing (still missing)', 'missing 2021-03-01 about amelia', []],
  ['return-interview', 'return-interview 2021-03-02 about amelia by jo', []],
  ['step-down', 'step-down 2021-03-01 about amelia to early-help', ['rationale']],
  ['step-up', 'step-up 2021-03-01 about amelia', ['rationale']],
  ['closure', 'closure 2021-03-01 about amelia reason RC1', ['rationale']],
  ['note', 'note 2021-03-01 by jo about amelia', ['text']],
];

describe('CR003: the required fields of each kind', () => {
  it.each(REQUIRED)('%s with no body', async (_kind, header, required) => {
    const source = withCase(header + '\n');
    const diagnostics = await validateOne(source);
    expect(missingFields(diagnostics)).toEqual([...required].sort());
    for (const d of withCode(diagnostics, 'CR003')) expect(d.line).toBe(lineOf(source, header));
    expect(withCode(diagnostics, 'CR001'), 'a missing body is not a syntax error').toEqual([]);
  });

  it.each(REQUIRED)('%s with an empty body', async (_kind, header, required) => {
    const diagnostics = await validateOne(withCase(`${header} {\n}\n`));
    expect(missingFields(diagnostics)).toEqual([...required].sort());
  });

  it('a completed assessment needs history, analysis and outcome', async () => {
    const source = withCase('assessment a1 2021-03-01 about amelia {\n  completed 2021-04-01\n  authorised 2021-04-02 by ali\n}\n');
    expect(missingFields(await validateOne(source))).toEqual(['analysis', 'history', 'outcome']);
  });

  it('a missing episode after the return needs nothing more than the header', async () => {
    expect(missingFields(await validateOne(withCase('missing 2021-03-01 about amelia returned 2021-03-02\n')))).toEqual([]);
  });

  it('one finding per field, in one place: the entry header', async () => {
    const source = withCase('contact 2021-03-01 from police about amelia {\n  consent: given\n}\n');
    const found = withCode(await validateOne(source), 'CR003');
    expect(found).toHaveLength(3);
    expect(new Set(found.map((d) => d.line))).toEqual(new Set([lineOf(source, 'contact 2021')]));
  });

  it('the message names the field and the kind of entry', async () => {
    const [finding] = withCode(await validateOne(withCase('referral 2021-03-01 from police about amelia {\n}\n')), 'CR003');
    expect(finding!.message).toMatch(/referral/);
    expect(finding!.message).toContain('"reason"');
  });

  it('the message for a safety plan without actions reads as English', async () => {
    const found = withCode(await validateOne(withCase('safety-plan 2021-03-01 for amelia\n')), 'CR003');
    const action = found.find((d) => /action/.test(d.message))!;
    expect(action.message).not.toMatch(/has no at least one/);
  });
});

describe('CR003: empty fields', () => {
  it.each([
    ['an empty text block', '""""""'],
    ['an empty string', '""'],
    ['a text block of spaces and line breaks', '"""   \n   """'],
  ])('%s counts as missing, and the message says it is empty', async (_name, value) => {
    const source = withCase(`referral 2021-03-01 from police about amelia {\n  reason: ${value}\n}\n`);
    const found = withCode(await validateOne(source), 'CR003');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/empty/);
  });

  it('a short string with words is enough', async () => {
    const source = withCase('referral 2021-03-01 from police about amelia {\n  reason: "Domestic abuse witnessed by Amelia."\n}\n');
    expect(withCode(await validateOne(source), 'CR003')).toEqual([]);
  });

  it('an empty list of attendees is not a list of attendees', async () => {
    const source = withCase(
      'strategy-discussion 2021-03-01 about amelia chair ali {\n  attendees: none\n  decision: assessment\n  rationale: """r"""\n}\n',
    );
    // `none` is written on purpose; it is a record that nobody attended, not a missing field.
    expect(withCode(await validateOne(source), 'CR003')).toEqual([]);
  });
});

describe('CR003: conditional requirements', () => {
  const conference = (decision: string, category = '') =>
    withCase(
      `conference 2021-03-01 about amelia kind initial chair "Chair" {\n  decision: ${decision}\n${category}  rationale: """Risk of emotional harm."""\n}\n`,
    );

  it('a conference deciding on a child protection plan needs a category', async () => {
    const source = conference('child-protection-plan');
    const found = withCode(await validateOne(source), 'CR003');
    expect(found.map((d) => d.message)).toEqual([expect.stringContaining('"category"')]);
    expect(found[0]!.line).toBe(lineOf(source, 'conference 2021'));
  });

  it('...and is complete with one', async () => {
    expect(withCode(await validateOne(conference('child-protection-plan', '  category: emotional-abuse\n')), 'CR003')).toEqual([]);
  });

  it.each(['cin-plan', 'no-plan', 'end-plan'])('a conference deciding %s needs no category', async (decision) => {
    expect(withCode(await validateOne(conference(decision)), 'CR003')).toEqual([]);
  });

  it('an open assessment (no `completed`) needs no analysis yet', async () => {
    const source = withCase('assessment a1 2021-03-01 about amelia {\n  history: """Two earlier police call-outs."""\n}\n');
    expect(withCode(await validateOne(source), 'CR003')).toEqual([]);
  });

  it('the same assessment, once completed, does', async () => {
    const source = withCase(
      'assessment a1 2021-03-01 about amelia {\n  completed 2021-04-01\n  authorised 2021-04-02 by ali\n  history: """Two earlier police call-outs."""\n}\n',
    );
    expect(missingFields(await validateOne(source))).toEqual(['analysis', 'outcome']);
  });

  it('a safety plan with one action has its action', async () => {
    const source = withCase(`safety-plan 2021-03-01 for amelia {
  review-by 2021-04-01
  worries: """Kyle may return."""
  goal: """Amelia is safe at home."""
  action "Sarah will call 999 if Kyle comes" owner sarah due 2021-03-01
  contingency: """Amelia and Sarah stay with Nan."""
  child-view: """Amelia said "I feel safe when Nan is here"."""
}
`);
    expect(withCode(await validateOne(source), 'CR003')).toEqual([]);
  });
});

describe("the child's voice and an event's impact: reported once, as CR003 or by their own rule", () => {
  const cases: [string, string][] = [
    ['a visit without child-voice', 'visit 2021-03-01 by jo to amelia {\n  observations: """The home was warm."""\n}\n'],
    [
      'a completed assessment without child-voice',
      'assessment 2021-03-01 about amelia {\n  completed 2021-04-01\n  authorised 2021-04-02 by ali\n  history: """h"""\n  analysis: """a"""\n  outcome: cin-plan\n}\n',
    ],
    ['a return interview without child-voice', 'return-interview 2021-03-02 about amelia by jo {\n  analysis: """a"""\n}\n'],
    [
      'a safety plan without child-view',
      'safety-plan 2021-03-01 for amelia {\n  review-by 2021-04-01\n  worries: """w"""\n  goal: """g"""\n  action "a" owner sarah due 2021-03-01\n  contingency: """c"""\n}\n',
    ],
    ['an event without impact', 'event 2021-03-01 about amelia source police significance low {\n  what: """A call-out."""\n}\n'],
  ];

  it.each(cases)('%s', async (_name, entry) => {
    const found = (await validateOne(withCase(entry))).filter((d) =>
      d.code === 'CR003' ? /child-voice|child-view|impact/.test(d.message) : d.code === 'CR101' || d.code === 'CR601',
    );
    expect(
      found.map((d) => d.code),
      'one finding, from CR003 or from CR101/CR601',
    ).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import {
  buildChronology,
  DEFAULT_POLICY,
  ENTRY_KINDS,
  filterChronology,
  policySchema,
  significanceOf,
  time,
  truncateAtWord,
  type CaseChronology,
  type Entry,
  type Policy,
} from '../../src/index.js';
import { CASE_BLOCK, lineOf, validateAll, withCase } from '../helpers.js';

/**
 * The chronology model (product.md, user 3): one row per entry of a case, from all its files, in date, then
 * time, then file order, with a one-line summary, source, significance and impact; filters; gaps in service.
 * All names are fictional (the case block of helpers.ts).
 */

const AS_OF = '2023-03-10';

async function chronologyOf(files: Record<string, string>, options: { policy?: Policy; asOf?: string } = {}): Promise<CaseChronology> {
  const { services } = await validateAll(files, options.asOf ?? AS_OF);
  const models = [...services.caserec.CaseValidator.caseModels().values()];
  expect(models).toHaveLength(1);
  return buildChronology(models[0]!, {
    policy: options.policy ?? DEFAULT_POLICY,
    calendar: time.englandAndWales,
    asOf: options.asOf ?? AS_OF,
    // Name files by their last path segment, as the CLI names them by the path given.
    pathOf: (document) => document.uri.path.split('/').pop()!,
  });
}

describe('order', () => {
  it('puts rows in date order whatever order the file holds them in', async () => {
    const text = withCase(`
note 2021-09-03 by jo about amelia { text: """third""" }
note 2021-09-01 by jo about amelia { text: """first""" }
note 2021-09-02 by jo about amelia { text: """second""" }
`);
    const chronology = await chronologyOf({ 'a.case': text });
    expect(chronology.rows.map((r) => r.summary)).toEqual(['first', 'second', 'third']);
    expect(chronology.rows.map((r) => r.date)).toEqual(['2021-09-01', '2021-09-02', '2021-09-03']);
  });

  it('orders one day by time; an entry with no time goes with the timed entry it follows in its file', async () => {
    const text = withCase(`
note 2021-09-01 17:00 by jo about amelia { text: """evening""" }
note 2021-09-01 09:15 by jo about amelia { text: """morning""" }
note 2021-09-01 by jo about amelia { text: """no time""" }
note 2021-09-01 12:30 by jo about amelia { text: """midday""" }
`);
    const chronology = await chronologyOf({ 'a.case': text });
    expect(chronology.rows.map((r) => r.summary)).toEqual(['morning', 'no time', 'midday', 'evening']);
    expect(chronology.rows.map((r) => r.time)).toEqual(['09:15', null, '12:30', '17:00']);
  });

  it('puts an entry with no time and no timed entry before it that day at the end of its day', async () => {
    const text = withCase(`
note 2021-09-02 by jo about amelia { text: """written up later""" }
note 2021-09-01 by jo about amelia { text: """untimed first""" }
note 2021-09-01 09:15 by jo about amelia { text: """morning""" }
`);
    const chronology = await chronologyOf({ 'a.case': text });
    expect(chronology.rows.map((r) => r.summary)).toEqual(['morning', 'untimed first', 'written up later']);
  });

  it('orders entries of the same date and time by file, then by their place in the file', async () => {
    const chronology = await chronologyOf({
      'b.case': `for case "SG-900100"\nnote 2021-09-01 10:00 by jo about amelia { text: """b one""" }\nnote 2021-09-01 10:00 by jo about amelia { text: """b two""" }\n`,
      'a.case': `${CASE_BLOCK}\nnote 2021-09-01 10:00 by jo about amelia { text: """a one""" }\n`,
    });
    expect(chronology.rows.map((r) => `${r.file} ${r.summary}`)).toEqual(['a.case a one', 'b.case b one', 'b.case b two']);
  });
});

describe('a case split across files', () => {
  const declaring = `${CASE_BLOCK}
referral r1 2022-03-07 from police about amelia { reason: """Fictional referral reason.""" }
visit 2022-03-20 10:00 by jo to amelia { child-voice: """Amelia said "hello".""" observations: """Calm home.""" }
`;
  const later = `for case "SG-900100"

allocation 2022-03-08 about amelia to jo

visit 2022-03-10 14:00 by pat to amelia {
  child-voice: """Amelia showed me her drawing."""
  observations: """Tidy home."""
}
`;

  it('merges the entries of every file into one chronology, in date order, each with its own file and line', async () => {
    const chronology = await chronologyOf({ 'case.case': declaring, 'later.case': later });
    expect(chronology.caseId).toBe('SG-900100');
    expect(chronology.title).toBe('Fictional Brook family');
    expect(chronology.rows.map((r) => [r.date, r.kind, r.file, r.line])).toEqual([
      ['2022-03-07', 'referral', 'case.case', lineOf(declaring, 'referral r1')],
      ['2022-03-08', 'allocation', 'later.case', lineOf(later, 'allocation')],
      ['2022-03-10', 'visit', 'later.case', lineOf(later, 'visit 2022-03-10')],
      ['2022-03-20', 'visit', 'case.case', lineOf(declaring, 'visit 2022-03-20')],
    ]);
  });

  it('names people declared in the other file', async () => {
    const chronology = await chronologyOf({ 'case.case': declaring, 'later.case': later });
    const visit = chronology.rows.find((r) => r.date === '2022-03-10')!;
    expect(visit.source).toBe('Pat Oduya');
    expect(visit.children).toEqual(['amelia']);
    expect(chronology.rows.find((r) => r.kind === 'allocation')!.summary).toBe('Allocated to Jo Fennick');
  });
});

describe('filters', () => {
  const text = withCase(`
event 2021-01-10 about amelia source police significance low { what: """A low event about Amelia.""" impact: """Small.""" }
event 2021-02-10 about ben source police significance medium { what: """A medium event about Ben.""" impact: """Some.""" }
event 2021-03-10 about amelia, ben source school significance high { what: """A high event about both.""" impact: """Much.""" }
event 2021-04-10 about amelia source health significance medium { what: """A medium event about Amelia.""" impact: """Some.""" }
`);
  let full: CaseChronology;
  const whats = (c: CaseChronology) => c.rows.map((r) => r.summary);

  it('by child: only the entries about that child, including those about several children', async () => {
    full = await chronologyOf({ 'a.case': text });
    const amelia = filterChronology(full, { child: 'amelia' });
    expect(whats(amelia)).toEqual(['A low event about Amelia.', 'A high event about both.', 'A medium event about Amelia.']);
    expect(amelia.children.map((c) => c.id)).toEqual(['amelia']);
    expect(whats(filterChronology(full, { child: 'ben' }))).toEqual(['A medium event about Ben.', 'A high event about both.']);
    expect(filterChronology(full, { child: 'nobody' }).rows).toEqual([]);
  });

  it('from a date, inclusive', async () => {
    full ??= await chronologyOf({ 'a.case': text });
    expect(filterChronology(full, { from: '2021-02-10' }).rows.map((r) => r.date)).toEqual(['2021-02-10', '2021-03-10', '2021-04-10']);
    expect(filterChronology(full, { from: '2021-02-11' }).rows.map((r) => r.date)).toEqual(['2021-03-10', '2021-04-10']);
  });

  it('to a date, inclusive', async () => {
    full ??= await chronologyOf({ 'a.case': text });
    expect(filterChronology(full, { to: '2021-03-10' }).rows.map((r) => r.date)).toEqual(['2021-01-10', '2021-02-10', '2021-03-10']);
    expect(filterChronology(full, { to: '2021-03-09' }).rows.map((r) => r.date)).toEqual(['2021-01-10', '2021-02-10']);
  });

  it('by least significance', async () => {
    full ??= await chronologyOf({ 'a.case': text });
    expect(filterChronology(full, { significance: 'low' }).rows).toHaveLength(4);
    expect(filterChronology(full, { significance: 'medium' }).rows.map((r) => r.significance)).toEqual(['medium', 'high', 'medium']);
    expect(filterChronology(full, { significance: 'high' }).rows.map((r) => r.summary)).toEqual(['A high event about both.']);
  });

  it('all together', async () => {
    full ??= await chronologyOf({ 'a.case': text });
    const rows = filterChronology(full, { child: 'amelia', from: '2021-01-11', to: '2021-04-10', significance: 'medium' }).rows;
    expect(rows.map((r) => r.date)).toEqual(['2021-03-10', '2021-04-10']);
  });
});

describe('significance', () => {
  const expected: Record<string, 'low' | 'medium' | 'high'> = {
    referral: 'high',
    'strategy-discussion': 'high',
    'section-47': 'high',
    conference: 'high',
    missing: 'high',
    'step-up': 'high',
    closure: 'high',
    assessment: 'medium',
    'safety-plan': 'medium',
    contact: 'medium',
    'step-down': 'medium',
    visit: 'low',
    supervision: 'low',
    note: 'low',
    'core-group': 'low',
    allocation: 'low',
    unallocated: 'low',
    oversight: 'low',
    'return-interview': 'low',
  };

  /** One entry of each kind (but event), all fictional and about amelia. */
  const everyKind = withCase(`
contact 2021-09-01 09:00 from police about amelia { concern: """c""" decision 2021-09-01 10:00 by ali: referral rationale: """r""" }
referral r1 2021-09-01 from police about amelia { reason: """r""" }
allocation 2021-09-01 about amelia to jo
unallocated 2021-09-02 about amelia { reason: """r""" }
oversight 2021-09-03 by ali about amelia { direction: """d""" }
visit 2021-09-03 10:00 by jo to amelia { child-voice: """v""" observations: """o""" }
strategy-discussion 2021-09-04 10:00 about amelia chair ali { attendees: police decision: section-47 rationale: """r""" }
section-47 s47 2021-09-04 about amelia lead jo { findings: """f""" outcome 2021-09-10: conference rationale: """r""" }
conference 2021-09-20 about amelia kind initial chair "Independent Chair" { decision: child-protection-plan category: neglect rationale: """r""" }
core-group 2021-09-27 about amelia { progress: """p""" }
assessment a1 2021-09-01 about amelia { history: """h""" analysis: """a""" outcome: cin-plan }
safety-plan sp1 2021-09-01 for amelia { review-by 2021-10-01 worries: """w""" goal: """g""" contingency: """c""" }
supervision 2021-09-15 of jo by ali about amelia { reflection: """r""" }
missing 2021-10-01 about amelia returned 2021-10-02 { circumstances: """c""" }
return-interview 2021-10-03 about amelia by jo { child-voice: """v""" }
step-down 2021-11-01 about amelia to early-help { rationale: """r""" }
step-up 2021-11-20 about amelia { rationale: """r""" }
closure 2022-01-10 about amelia reason RC8 { rationale: """r""" }
note 2022-01-11 by jo about amelia { text: """t""" }
`);

  it('defaults by kind for every kind but event', async () => {
    const chronology = await chronologyOf({ 'a.case': everyKind });
    const kinds = Object.values(ENTRY_KINDS)
      .map((k) => k.keyword)
      .filter((k) => k !== 'event');
    expect(new Set(chronology.rows.map((r) => r.kind))).toEqual(new Set(kinds));
    for (const row of chronology.rows)
      expect({ kind: row.kind, significance: row.significance }).toEqual({ kind: row.kind, significance: expected[row.kind] });
  });

  it("takes an event's own significance, whatever the policy says of events", async () => {
    const text = withCase(`
event 2021-01-10 about amelia source police significance low { what: """w""" impact: """i""" }
event 2021-01-11 about amelia source police significance high { what: """w""" impact: """i""" }
`);
    const policy = policySchema().parse({ significance: { event: 'medium' } });
    const chronology = await chronologyOf({ 'a.case': text }, { policy });
    expect(chronology.rows.map((r) => r.significance)).toEqual(['low', 'high']);
  });

  it("falls back to the policy's value for an event whose own significance is not a level", async () => {
    const text = withCase(`event 2021-01-10 about amelia source police significance huge { what: """w""" impact: """i""" }\n`);
    const chronology = await chronologyOf({ 'a.case': text }, { policy: policySchema().parse({ significance: { event: 'high' } }) });
    expect(chronology.rows[0]!.significance).toBe('high');
  });

  it('follows a policy override for a kind, keeping the defaults of the others', async () => {
    const policy = policySchema().parse({ significance: { visit: 'high', referral: 'low' } });
    expect(policy.significance.visit).toBe('high');
    expect(policy.significance.closure).toBe('high');
    const chronology = await chronologyOf({ 'a.case': everyKind }, { policy });
    const of = (kind: string) => chronology.rows.find((r) => r.kind === kind)!.significance;
    expect(of('visit')).toBe('high');
    expect(of('referral')).toBe('low');
    expect(of('note')).toBe('low');
    expect(of('step-up')).toBe('high');
  });

  it('rejects a significance that is not a level, in the policy file', () => {
    expect(policySchema().safeParse({ significance: { visit: 'urgent' } }).success).toBe(false);
    expect(policySchema().safeParse({ significance: { vist: 'high' } }).success).toBe(false);
  });

  it('significanceOf reads the default policy', async () => {
    const { services } = await validateAll({ 'a.case': everyKind });
    const model = [...services.caserec.CaseValidator.caseModels().values()][0]!;
    const closure = model.entries.find((e: Entry) => e.$type === 'Closure')!;
    expect(significanceOf(closure, DEFAULT_POLICY)).toBe('high');
  });
});

describe('summary, source and impact', () => {
  it('summarises a contact by its concern and names the decision and who made it', async () => {
    const text = withCase(`
contact 2021-09-01 09:12 from police about amelia, ben {
  concern: """Police attended after neighbours heard shouting."""
  decision 2021-09-01 15:30 by ali: strategy-discussion
  rationale: """Threshold met."""
}
`);
    const [row] = (await chronologyOf({ 'a.case': text })).rows;
    expect(row!.summary).toBe('Police attended after neighbours heard shouting. — Decision: strategy-discussion (Ali Rendle)');
    expect(row!.source).toBe('Midshire Police');
    expect(row!.children).toEqual(['amelia', 'ben']);
    expect(row!.impact).toBeNull();
  });

  it("gives an event's source and impact, and a visit's author, as names", async () => {
    const text = withCase(`
event 2020-02-03 about amelia source school significance medium {
  what: """Amelia arrived at school
  without a coat."""
  impact: """Amelia was cold
  all morning."""
}
visit 2021-09-01 17:00 by jo to amelia { observations: """The home was warm.""" }
`);
    const rows = (await chronologyOf({ 'a.case': text })).rows;
    expect(rows[0]).toMatchObject({
      kind: 'event',
      source: 'Hollow Lane Primary School',
      summary: 'Amelia arrived at school without a coat.',
      impact: 'Amelia was cold all morning.',
    });
    // No child's voice: the observations stand in for the summary.
    expect(rows[1]).toMatchObject({ kind: 'visit', source: 'Jo Fennick', summary: 'The home was warm.', time: '17:00', impact: null });
  });

  it('credits an entry that names nobody to the worker allocated to the child then, or nobody', async () => {
    const text = withCase(`
referral r1 2021-09-01 from police about amelia { reason: """r""" }
core-group 2021-09-02 about amelia { progress: """Before allocation.""" }
allocation 2021-09-03 about amelia to jo
core-group 2021-09-10 about amelia { progress: """After allocation.""" }
step-down 2021-10-01 about amelia to early-help { rationale: """Progress sustained.""" }
`);
    const rows = (await chronologyOf({ 'a.case': text })).rows;
    expect(rows.map((r) => [r.kind, r.source])).toEqual([
      ['referral', 'Midshire Police'],
      ['core-group', ''],
      ['allocation', 'Jo Fennick'],
      ['core-group', 'Jo Fennick'],
      ['step-down', 'Jo Fennick'],
    ]);
    expect(rows.at(-1)!.summary).toBe('Progress sustained. — Stepped down to early-help');
  });

  it('shortens long prose to one line at a word boundary, never in the middle of a word', async () => {
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    const text = withCase(`note 2021-09-01 by jo about amelia { text: """${words}""" }\n`);
    const [row] = (await chronologyOf({ 'a.case': text })).rows;
    expect(row!.summary.length).toBeLessThanOrEqual(140);
    expect(row!.summary.endsWith('…')).toBe(true);
    const kept = row!.summary.slice(0, -1).split(' ');
    expect(kept.every((w, i) => w === `word${i}`)).toBe(true);
  });

  it('truncateAtWord keeps short text whole, collapses line breaks and cuts a single overlong word at a whole character', () => {
    expect(truncateAtWord('  short\n  text ', 20)).toBe('short text');
    expect(truncateAtWord('alpha beta gamma delta', 12)).toBe('alpha beta…');
    expect(truncateAtWord('one, two, three', 10)).toBe('one, two…');
    const long = 'lorem ipsum '.repeat(500);
    const cut1 = truncateAtWord(long, 30);
    expect(cut1).toBe('lorem ipsum lorem ipsum lorem…');
    const emoji = '🧸'.repeat(20);
    const cut = truncateAtWord(emoji, 10);
    expect(cut.endsWith('…')).toBe(true);
    expect(Array.from(cut.slice(0, -1)).every((c) => c === '🧸')).toBe(true);
  });
});

describe('gaps in service', () => {
  it('finds a stretch without a visit longer than a child protection plan allows, and one still open', async () => {
    // Plan from Mon 6 Sep 2021; visits every 10 working days are allowed. 6 Sep + 10 wd = Mon 20 Sep.
    const text = withCase(`
conference 2021-09-06 about amelia kind initial chair "Independent Chair" { decision: child-protection-plan category: neglect rationale: """r""" }
visit 2021-09-17 10:00 by jo to amelia { child-voice: """v""" observations: """o""" }
visit 2021-10-15 10:00 by jo to amelia { child-voice: """v""" observations: """o""" }
`);
    const chronology = await chronologyOf({ 'a.case': text }, { asOf: '2021-11-12' });
    const gaps = chronology.gaps.filter((g) => g.child === 'amelia' && g.kind === 'no-visit');
    expect(gaps.map((g) => [g.from, g.to, g.ongoing, g.allowedWorkingDays])).toEqual([
      ['2021-09-17', '2021-10-15', false, 10],
      ['2021-10-15', '2021-11-12', true, 10],
    ]);
    expect(gaps[0]!.workingDays).toBe(time.englandAndWales.workingDaysBetween('2021-09-17', '2021-10-15'));
    expect(gaps[0]!.label).toContain('no visit for 20 working days');
    // Ben is on no plan: no visit timescale applies to him.
    expect(chronology.gaps.some((g) => g.child === 'ben' && g.kind === 'no-visit')).toBe(false);
  });

  it('shows unallocated periods, an explicit one at any length and one after a referral past the grace day', async () => {
    const text = withCase(`
referral r1 2022-03-07 from police about amelia { reason: """r""" }
allocation 2022-03-14 about amelia to jo
unallocated 2022-04-01 about amelia { reason: """Jo left.""" }
allocation 2022-04-04 about amelia to pat
`);
    const chronology = await chronologyOf({ 'a.case': text });
    expect(chronology.gaps.filter((g) => g.kind === 'unallocated').map((g) => [g.child, g.from, g.to, g.workingDays])).toEqual([
      ['amelia', '2022-03-07', '2022-03-14', 5],
      ['amelia', '2022-04-01', '2022-04-04', 1],
    ]);
  });

  it('keeps gaps that overlap a date filter and drops those outside it', async () => {
    const text = withCase(`
referral r1 2022-03-07 from police about amelia { reason: """r""" }
allocation 2022-03-14 about amelia to jo
`);
    const chronology = await chronologyOf({ 'a.case': text });
    expect(filterChronology(chronology, { from: '2022-03-10' }).gaps).toHaveLength(1);
    expect(filterChronology(chronology, { from: '2022-03-15' }).gaps).toHaveLength(0);
    expect(filterChronology(chronology, { child: 'ben' }).gaps).toHaveLength(0);
  });
});

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { createCaserecServices, validateFiles, type ReportedDiagnostic } from '../../src/index.js';
import { CASE_BLOCK, DEFAULT_AS_OF, lineOf, validateOne, withCode } from '../helpers.js';

/**
 * CR104 child-voice-not-individual (rules.md, a heuristic, info): in a sibling group, the voice text does not speak
 * of each child aged 3 or over individually: each must be, somewhere, the sole subject of a verb of speaking,
 * feeling or doing. The message names the child left out and says what was looked for.
 */

/** Validates `text` as a file in a fresh temporary folder beside a .caserec.json holding `policy`. */
async function validateUnderPolicy(text: string, policy: object, asOf = DEFAULT_AS_OF): Promise<ReportedDiagnostic[]> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'caserec-cr104-'));
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

/** The helpers' case block with an older sister added: Cara, 8 in 2022 (Amelia is 6, Ben 1). */
const CASE = CASE_BLOCK.replace(/}\n$/, '  child cara "Cara Brook" born 2013-05-20\n}\n');

const visit = (children: string, voice: string) => `${CASE}
visit 2022-04-05 16:00 by jo to ${children} {
  seen-alone: amelia
  child-voice: """${voice}"""
  observations: """The kitchen was clean and there was food in the fridge."""
}
`;

/** The CR104 findings of a visit to Amelia (6) and Cara (8) whose voice text is `voice`. */
const sistersFindings = async (voice: string) => withCode(await validateOne(visit('amelia, cara', voice)), 'CR104');

describe('CR104: each child of a sibling group spoken of by name', () => {
  it('a voice text about one of two school-age sisters: one info finding, on the field, naming the one left out', async () => {
    const source = visit('amelia, cara', 'Amelia said "I like my teacher". She drew her family with Kyle far away.');
    const found = withCode(await validateOne(source), 'CR104');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('info');
    expect(found[0]!.rule).toBe('child-voice-not-individual');
    expect(found[0]!.line).toBe(lineOf(source, 'child-voice:'));
    expect(found[0]!.message).toContain('2 children');
    expect(found[0]!.message).toContain("give Cara's own view");
    expect(found[0]!.message).toContain('looked for a sentence with Cara alone as its subject');
    expect(found[0]!.message).not.toContain('Amelia');
  });

  it('"the children" is not each child', async () => {
    const [finding] = await sistersFindings('The children said they were happy and played in the garden.');
    expect(finding!.message).toContain('Amelia or Cara');
  });

  it('both sisters spoken of by name, each in her own words: no finding', async () => {
    const voice = 'Amelia said "I like my teacher". Cara told me she worries about Mum when Kyle visits.';
    expect(await sistersFindings(voice)).toEqual([]);
  });

  it('both named, but in one joint view: "Amelia and Cara said" is not each child', async () => {
    const [finding] = await sistersFindings('Amelia and Cara said they want to stay with Mum.');
    expect(finding!.message).toContain('Amelia or Cara');
  });

  it('a sister who only "said the same" is not heard on her own', async () => {
    const voice = 'Amelia said she wants to stay at her school. Cara said the same.';
    const [finding] = await sistersFindings(voice);
    expect(finding!.message).toContain("give Cara's own view");
  });

  it('a sister named only as present is not heard', async () => {
    const voice = 'Amelia said she wants to stay at her school. Cara (8) was also present.';
    expect(await sistersFindings(voice)).toHaveLength(1);
  });

  it('a shortened name with an age stands for a child the text never names: "Cazza (8) told me…"', async () => {
    const voice = 'Amelia said "I like my teacher". Cazza (8) told me she worries about Mum when Kyle visits.';
    expect(await sistersFindings(voice)).toEqual([]);
  });

  it('the next sentence may go on by pronoun: "Cara is 8. She told me…"', async () => {
    const voice = 'Amelia said "I like my teacher". Cara is 8. She told me she worries about Mum.';
    expect(await sistersFindings(voice)).toEqual([]);
  });

  it('a child spoken of only by role, opening a sentence, is heard: "Her big sister, who is 8, told me…"', async () => {
    const voice = 'Amelia said "I like my teacher". Her big sister, who is 8, told me she worries about Mum.';
    expect(await sistersFindings(voice)).toEqual([]);
  });

  it('a child reported by a sibling is not heard: "Amelia said that her sister Cara loves…"', async () => {
    const voice = 'Amelia said "I like my teacher". Amelia said that her sister Cara loves living with Nan.';
    const [finding] = await sistersFindings(voice);
    expect(finding?.message).toContain('Cara');
  });

  it('a shorter pet name with the same first letter hears a named child: "Caz told me…" does, "Millie told me…" does not', async () => {
    const heard = 'Amelia and Cara were seen together. Amelia said "I like my teacher". Caz told me she worries about Mum.';
    expect(await sistersFindings(heard)).toEqual([]);
    const other = 'Amelia and Cara were seen together. Amelia said "I like my teacher". Millie told me she worries about Mum.';
    expect(await sistersFindings(other)).toHaveLength(1);
  });

  it('a child spoken to is heard only when a pronoun takes the child up: "When I spoke to Cara alone, she told me…"', async () => {
    const heard = 'Amelia said "I like my teacher". When I spoke to Cara alone, she told me she worries about Mum.';
    expect(await sistersFindings(heard)).toEqual([]);
    const notHeard = 'Amelia said "I like my teacher". I spoke to Cara about school, and Mum said she is doing well.';
    expect(await sistersFindings(notHeard)).toHaveLength(1);
  });

  it('a listed verb stands for its other forms: "prefers" hears "Cara preferred to draw"', async () => {
    const heard = 'Amelia said she likes school. Cara preferred to draw her three houses.';
    expect(await sistersFindings(heard)).toEqual([]);
    const noun = 'Amelia said she likes school. Cara was on her phone throughout.';
    expect(await sistersFindings(noun)).toHaveLength(1);
  });

  it('a verb done to the child is not the child\'s: "Cara was also reported missing" does not hear her', async () => {
    const passive = 'Amelia said she went to the park. Cara was also reported missing and is placed with Nan.';
    expect(await sistersFindings(passive)).toHaveLength(1);
  });

  it('after a semicolon or colon, a verb with no subject is the child\'s: "Cara (8) in bed but awake; said her tummy hurts"', async () => {
    const heard = 'Amelia said she is fine. Cara (8) in bed but awake; said her tummy hurts.';
    expect(await sistersFindings(heard)).toEqual([]);
  });

  it("a listed score then the child's words is heard: \"Cara (8): 6 – 'better since…'\"", async () => {
    const heard = "Scaling (0 to 10):\nAmelia (6): pointed to 9.\nCara (8): 6 – 'better since the move'.";
    expect(await sistersFindings(heard)).toEqual([]);
  });

  it('agreeing with a sibling, refusing to engage, or being observed "to be" something is not a view of one\'s own', async () => {
    for (const weak of [
      'Amelia said she wants to stay. I asked Cara the same question and she agreed with Amelia.',
      'Amelia said she wants to stay. Cara was on her tablet and did not engage.',
      'Amelia said she wants to stay. Cara was observed to be caring towards her sister.',
    ])
      expect(await sistersFindings(weak), weak).toHaveLength(1);
    const but = 'Amelia said she wants to stay. Cara did not speak but pointed to the picture of Nan.';
    expect(await sistersFindings(but)).toEqual([]);
  });

  it('a pronoun after "During the visit" takes the child up: a role of several words ("the family") is not "the"', async () => {
    const heard = "Amelia said she is happy. Cara (8) uses Makaton. During the visit she signed 'play'.";
    expect(await sistersFindings(heard)).toEqual([]);
  });

  it('a feeling after "was" or "seemed" is the child\'s: "Cara was adamant", "Cara (8) seemed really anxious"', async () => {
    for (const heard of [
      "Amelia said she likes school. Cara was adamant: 'I'm not going.'",
      'Amelia said she likes school. Cara (8) seemed really anxious about moving.',
    ])
      expect(await sistersFindings(heard), heard).toEqual([]);
  });

  it('the child as maker of the words: "It was said by Cara that…", "Text from Cara (8): …"', async () => {
    for (const heard of [
      'Amelia said she likes school. It was said by Cara that she would prefer to stay.',
      "Amelia said she likes school. Text from Cara (8) after the visit: 'dont want to go'.",
    ])
      expect(await sistersFindings(heard), heard).toEqual([]);
  });

  it('after a preposition, "who" or a colon hands the clause to the child: "with Cara (8), who coloured…"', async () => {
    for (const heard of [
      'Amelia said she likes school. I did the timetable with Cara (8), who coloured Fridays red.',
      "Amelia said she likes school. Three houses with Cara (8): worries – 'the shouting'.",
    ])
      expect(await sistersFindings(heard), heard).toEqual([]);
  });

  it('a pronoun after a colon or dash takes the child up: "I spoke to Cara on the drive: she feels…"', async () => {
    const heard = 'Amelia said she likes school. I spoke to Cara on the drive: she feels things are better.';
    expect(await sistersFindings(heard)).toEqual([]);
  });

  it("a verb further on in the clause is the child's only while no one else comes in", async () => {
    const heard = 'Amelia said she likes school. Cara (8) was seen at home the day before and told me her bed is nice.';
    expect(await sistersFindings(heard)).toEqual([]);
    const other = 'Amelia said she likes school. Cara (8) was seen at home the day before and Mum told me she is fine.';
    expect(await sistersFindings(other)).toHaveLength(1);
  });

  it('a time\'s colon does not end the clause: "Cara (8) returned at 18:50, refused to talk but wrote…"', async () => {
    const heard = "Amelia said she likes school. Cara (8) returned home at 18:50, refused to talk but wrote 'I'm safe'.";
    expect(await sistersFindings(heard)).toEqual([]);
  });

  it('an age with a note is an age: "Cara (8, lives with Dad) – \'I want to stay\'"', async () => {
    const heard = "Amelia (6) – 'I like school'; Cara (8, lives with Dad) – 'I want to stay'.";
    expect(await sistersFindings(heard)).toEqual([]);
  });

  it('"said the same and did not add anything", "agreed.", "said \'same as Amelia\'", "declined to speak" are not views', async () => {
    for (const weak of [
      'Amelia said she wants to stay. Cara said the same and did not want to add anything.',
      'Amelia said she wants to stay. Cara agreed.',
      "Amelia said she wants to stay. Cara (8) said 'same as Amelia'.",
      'Amelia said she wants to stay. Cara (8) declined to speak with me.',
      'Amelia said she wants to stay. Cara (8) nodded and agreed with everything Amelia said.',
    ])
      expect(await sistersFindings(weak), weak).toHaveLength(1);
  });

  it('what an older child was seen doing is not their view; for a young child it is: "Cara (8) played on her tablet"', async () => {
    const older = 'Amelia said she likes school. Cara (8) played on her tablet and stayed in her room.';
    expect(await sistersFindings(older)).toHaveLength(1);
    const young = 'Amelia said she likes school. Cara (4) played with the dolls and went to Mum for a cuddle.';
    expect(await sistersFindings(young)).toEqual([]);
  });

  it("a child named inside another's quoted words is not heard: \"Mum said, 'Cara is happy here'\"", async () => {
    const weak = "Amelia said she likes school. Mum said, 'Cara is happy here, she tells me all the time.'";
    expect(await sistersFindings(weak)).toHaveLength(1);
  });

  it('a child reported with "added that" or "confirmed that" is not heard', async () => {
    for (const weak of [
      'Amelia said she likes school. She added that Cara (8) hates it there.',
      "Amelia said she likes school. Her carer confirmed that Cara (8) is 'of the same view'.",
    ])
      expect(await sistersFindings(weak), weak).toHaveLength(1);
  });

  it('nodding while another speaks is assent; nodding when asked is an answer', async () => {
    const assent = "Amelia said 'I want to stay'. Cara (8) nodded when her sister said this.";
    expect(await sistersFindings(assent)).toHaveLength(1);
    const answer = "Amelia said 'I want to stay'. Cara (8) nodded when asked if she liked her new bedroom.";
    expect(await sistersFindings(answer)).toEqual([]);
  });

  it('a word before a number or after "the" stands in for no child: "Year 7", "the Patel household"', async () => {
    const weak =
      'Statutory visit to the Patel household. Amelia (6) said she is enjoying Year 7 and has joined a club; she would like more time with Nan.';
    expect(await sistersFindings(weak)).toHaveLength(1);
  });

  it('a child under 3 by the age the text gives need not be heard when the case holds no date of birth', async () => {
    const source = visit('amelia, dot', "Amelia said 'I like my teacher'. Dot (18 months) was asleep.").replace(
      /}\n\nvisit/,
      '  child dot "Dot Brook"\n}\n\nvisit',
    );
    expect(source).toContain('child dot "Dot Brook"');
    expect(withCode(await validateOne(source), 'CR104')).toEqual([]);
    const olderSource = source.replace('(18 months)', '(4)');
    expect(withCode(await validateOne(olderSource), 'CR104')).toHaveLength(1);
  });

  it('a sibling under 3 need not be named: Amelia and Ben (1), with only Amelia named, is fine', async () => {
    const voice = 'Amelia said "I like my teacher" and showed me her reading book.';
    expect(withCode(await validateOne(visit('amelia, ben', voice)), 'CR104')).toEqual([]);
  });

  it('a visit to one child: nothing to compare', async () => {
    expect(withCode(await validateOne(visit('cara', 'She said she worries about Mum.')), 'CR104')).toEqual([]);
  });
});

describe('CR104 under a policy file', () => {
  it('a minimum age of 1 expects Ben to be named too', async () => {
    const voice = 'Amelia said "I like my teacher" and showed me her reading book.';
    const [finding] = withCode(await validateUnderPolicy(visit('amelia, ben', voice), { timescales: { seenAloneMinimumAge: 1 } }), 'CR104');
    expect(finding!.message).toContain("give Ben's own view");
  });

  it('raised to a warning: the finding carries it', async () => {
    const source = visit('amelia, cara', 'Amelia said "I like my teacher".');
    const found = withCode(await validateUnderPolicy(source, { rules: { CR104: 'warning' } }), 'CR104');
    expect(found.map((d) => d.severity)).toEqual(['warning']);
  });

  it('switched off: no finding', async () => {
    const source = visit('amelia, cara', 'Amelia said "I like my teacher".');
    expect(withCode(await validateUnderPolicy(source, { rules: { CR104: 'off' } }), 'CR104')).toEqual([]);
  });
});

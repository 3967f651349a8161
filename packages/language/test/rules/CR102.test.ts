import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { createCaserecServices, validateFiles, type ReportedDiagnostic } from '../../src/index.js';
import { CASE_BLOCK, DEFAULT_AS_OF, lineOf, validateOne, withCode } from '../helpers.js';

/**
 * CR102 child-voice-second-hand (rules.md, a heuristic): the child's-voice text only reports what adults say about
 * the child: no words of the child, no observation of the child, no direct-work tool. The message says what was
 * looked for; the word lists live in the policy file (heuristics.voice). A good-practice sample must not be flagged.
 */

/** Validates `text` as a file in a fresh temporary folder beside a .caserec.json holding `policy`. */
async function validateUnderPolicy(text: string, policy: object, asOf = DEFAULT_AS_OF): Promise<ReportedDiagnostic[]> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'caserec-cr102-'));
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

/** The helpers' case block with a teenager added: Tyler, 14 in 2022. */
const CASE = CASE_BLOCK.replace(/}\n$/, '  child tyler "Tyler Brook" born 2008-02-10\n}\n');

const visit = (child: string, voice: string) => `${CASE}
visit 2022-04-05 16:00 by jo to ${child} {
  child-voice: """${voice}"""
  observations: """The kitchen was clean and there was food in the fridge."""
}
`;

const LOOKED_FOR = "looked for the child's own words, an observation of the child, or a direct-work tool";

describe('CR102: weak examples are flagged, and the message says what was looked for', () => {
  it('a parent speaking for the child: one warning, on the child-voice field', async () => {
    const source = visit('amelia', 'Mum says Amelia is happy at home and has no worries.');
    const found = withCode(await validateOne(source), 'CR102');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.rule).toBe('child-voice-second-hand');
    expect(found[0]!.line).toBe(lineOf(source, 'child-voice:'));
    expect(found[0]!.message).toContain('Amelia');
    expect(found[0]!.message).toContain(LOOKED_FOR);
    expect(found[0]!.message).toContain('found none');
  });

  it.each([
    ['the school reports for the child', 'School report Amelia is settled and has lots of friends.'],
    ['a stock phrase', "Amelia's views were sought and are reflected throughout."],
    ['a direct-work tool only planned', 'The three houses tool will be used with Amelia at the next visit.'],
    ["the child's words only as a parent relays them", 'Sarah says Amelia told her she hates Kyle.'],
  ])('%s', async (_what, voice) => {
    const [finding] = withCode(await validateOne(visit('amelia', voice)), 'CR102');
    expect(finding?.message).toContain(LOOKED_FOR);
  });
});

describe('CR102: good practice is not flagged', () => {
  it('a pre-verbal child observed (Ben, 19 months)', async () => {
    const voice = 'Ben babbled, crawled to Sarah when the dog barked and settled quickly in her arms.';
    expect(withCode(await validateOne(visit('ben', voice)), 'CR102')).toEqual([]);
  });

  it('the three houses tool, used with the child', async () => {
    const voice =
      'Using the three houses tool, Amelia put "Kyle shouting" in her house of worries and "my bike" in her house of good things.';
    expect(withCode(await validateOne(visit('amelia', voice)), 'CR102')).toEqual([]);
  });

  it("a teenager's own words, even a refusal", async () => {
    const voice = `Tyler said "I'm not talking to anyone about my mum, it's nobody's business" and went up to his room.`;
    expect(withCode(await validateOne(visit('tyler', voice)), 'CR102')).toEqual([]);
  });

  it("a young child's words quoted, with what the adults said alongside", async () => {
    const voice =
      'Sarah says Amelia has been sleeping better. Amelia told me "Kyle doesn\'t come any more and I\'m not scared at bedtime".';
    expect(withCode(await validateOne(visit('amelia', voice)), 'CR102')).toEqual([]);
  });

  it('an empty child-voice is CR101, not CR102', async () => {
    const diagnostics = await validateOne(visit('amelia', ''));
    expect(withCode(diagnostics, 'CR102')).toEqual([]);
    expect(withCode(diagnostics, 'CR101')).toHaveLength(1);
  });
});

describe('CR102 under a policy file', () => {
  const WORRY_WALL = visit('amelia', 'We made a worry wall together; the biggest brick was about Kyle.');

  it('a direct-work tool that is not on the default list is flagged…', async () => {
    expect(withCode(await validateOne(WORRY_WALL), 'CR102')).toHaveLength(1);
  });

  it('…and accepted once the policy names it as a tool', async () => {
    const policy = { heuristics: { voice: { directWorkTools: ['worry wall', 'three houses'] } } };
    expect(withCode(await validateUnderPolicy(WORRY_WALL, policy), 'CR102')).toEqual([]);
  });

  it('the policy words what was looked for, and the message uses them', async () => {
    const policy = { heuristics: { voice: { lookedFor: 'the words of the child (our local standard 4.2)' } } };
    const [finding] = withCode(await validateUnderPolicy(WORRY_WALL, policy), 'CR102');
    expect(finding!.message).toContain('looked for the words of the child (our local standard 4.2)');
  });

  it('switched off: no finding', async () => {
    expect(withCode(await validateUnderPolicy(WORRY_WALL, { rules: { CR102: 'off' } }), 'CR102')).toEqual([]);
  });
});

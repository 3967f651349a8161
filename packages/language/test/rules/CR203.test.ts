import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { createCaserecServices, validateFiles, type ReportedDiagnostic } from '../../src/index.js';
import { DEFAULT_AS_OF, lineOf, validateOne, withCase, withCode } from '../helpers.js';

/**
 * CR203 over-optimistic (rules.md, a heuristic): a step-down, no-further-action or closure whose rationale rests on
 * optimistic phrases ("engaging well", "no concerns") with no evidence, or that comes while safety-plan actions are
 * open or risks named in the latest assessment are unaddressed. The message says what was looked for; the phrase
 * and evidence lists live in the policy file (heuristics.optimism).
 */

/** Validates `text` as a file in a fresh temporary folder beside a .caserec.json holding `policy`. */
async function validateUnderPolicy(text: string, policy: object, asOf = DEFAULT_AS_OF): Promise<ReportedDiagnostic[]> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'caserec-cr203-'));
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

const stepDown = (rationale: string) => `step-down 2022-05-20 about amelia to early-help {
  rationale: """${rationale}"""
}
`;

const OPTIMISTIC = 'Sarah is engaging well and there are no concerns.';
const EVIDENCED = `Sarah is engaging well: the school reports Amelia has attended every day since 7 March, and on three
  unannounced visits I saw food in the cupboards and Amelia's uniform washed.`;
const LOOKED_FOR = 'looked for observed facts, dates, figures or named sources';

const SAFETY_PLAN = (done: string) => `safety-plan sp1 2022-04-01 for amelia {
  review-by 2022-06-30
  worries: """Kyle may come back to the house while he is on bail."""
  goal: """Amelia lives at home where nobody hurts anyone."""
  action "Sarah will attend the domestic abuse programme" owner sarah due 2022-05-31${done}
  contingency: """If Kyle comes back, Sarah and Amelia will stay with Sarah's sister."""
  child-view: """Amelia said "I feel safe when Mum locks the door at night"."""
}
`;

describe('CR203: weak rationales are flagged, and the message says what was looked for', () => {
  it('a step-down on "engaging well" and "no concerns": one warning, on the rationale, quoting the phrases', async () => {
    const source = withCase(stepDown(OPTIMISTIC));
    const found = withCode(await validateOne(source), 'CR203');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.rule).toBe('over-optimistic');
    expect(found[0]!.line).toBe(lineOf(source, 'rationale:'));
    const { message } = found[0]!;
    expect(message).toContain('step-down');
    expect(message).toContain('"engaging well"');
    expect(message).toContain('"no concerns"');
    expect(message).toContain(LOOKED_FOR);
  });

  it('a closure on "doing well"', async () => {
    const source = withCase('closure 2022-06-01 about amelia reason RC8 {\n  rationale: """The family are doing well."""\n}\n');
    const [finding] = withCode(await validateOne(source), 'CR203');
    expect(finding!.message).toContain('closure');
    expect(finding!.message).toContain('"doing well"');
  });

  it('a contact closed with no further action on "cooperative"', async () => {
    const source = withCase(`contact 2022-04-01 09:00 from school about amelia {
  concern: """Amelia came to school hungry twice this week."""
  consent: given
  decision 2022-04-01 15:00 by ali: no-further-action
  rationale: """Mum is cooperative and there are no concerns."""
}
`);
    const [finding] = withCode(await validateOne(source), 'CR203');
    expect(finding!.message).toContain('no further action');
  });

  it('a step-down while a safety-plan action is still open', async () => {
    const [finding] = withCode(await validateOne(withCase(SAFETY_PLAN('') + stepDown(EVIDENCED))), 'CR203');
    expect(finding!.message).toContain('1 safety-plan action is still open');
    expect(finding!.message).toContain('Sarah will attend the domestic abuse programme');
  });

  // GAP (reported): rules.md also flags a step-down "while … risks named in the latest assessment are unaddressed";
  // analysis.ts implements only the optimistic phrases and the open safety-plan actions.
  it('a step-down that does not address the risk named in the latest assessment', async () => {
    const source = withCase(`assessment a1 2022-03-01 about amelia {
  completed 2022-04-01
  authorised 2022-04-01 by ali
  child-voice: """Amelia said "I hide under my bed when Kyle shouts"."""
  history: """No earlier involvement."""
  analysis: """The main risk to Amelia is Kyle's violence towards Sarah; however Sarah is protective. For Amelia this means fear at night."""
  outcome: cin-plan
}
${stepDown('The school reports Amelia has attended every day since 7 March; I saw food in the cupboards on three visits.')}`);
    expect(withCode(await validateOne(source), 'CR203')).toHaveLength(1);
  });
});

describe('CR203: good practice is not flagged', () => {
  it('the same optimism backed by a named source, dates and what the worker saw', async () => {
    expect(withCode(await validateOne(withCase(stepDown(EVIDENCED))), 'CR203')).toEqual([]);
  });

  it("the child's own words as evidence", async () => {
    const rationale = 'Amelia told me "Mum is nicer now and Kyle has gone", and Sarah is engaging well.';
    expect(withCode(await validateOne(withCase(stepDown(rationale))), 'CR203')).toEqual([]);
  });

  it('a step-down after every safety-plan action was done', async () => {
    expect(withCode(await validateOne(withCase(SAFETY_PLAN(' done 2022-05-18') + stepDown(EVIDENCED))), 'CR203')).toEqual([]);
  });

  it('a rationale with no optimistic phrase at all', async () => {
    const rationale = 'Sarah asked for family support rather than social work; the threshold for a child in need plan is no longer met.';
    expect(withCode(await validateOne(withCase(stepDown(rationale))), 'CR203')).toEqual([]);
  });
});

// BUG (reported): analysis.ts calls judgeOptimism(text, config) without the case's people; the child's-words check
// inside it then takes "Sarah", whom it does not know, for the child, and "Sarah told me" counts as the child's own
// words, i.e. as evidence. The same rationale with "Mum told me" is flagged.
describe("CR203: a parent's words are not the child's", () => {
  it('"Sarah told me things are much better" is no more evidence than "Mum told me things are much better"', async () => {
    const mum = withCode(await validateOne(withCase(stepDown('Mum told me things are much better and there are no concerns.'))), 'CR203');
    expect(mum).toHaveLength(1);
    const sarah = withCode(
      await validateOne(withCase(stepDown('Sarah told me things are much better and there are no concerns.'))),
      'CR203',
    );
    expect(sarah).toHaveLength(1);
  });
});

describe('CR203 under a policy file', () => {
  it('an authority can add its own optimistic phrase', async () => {
    const source = withCase(stepDown('Sarah has been a star throughout.'));
    expect(withCode(await validateOne(source), 'CR203')).toEqual([]);
    const policy = { heuristics: { optimism: { optimisticPhrases: ['a star'] } } };
    const [finding] = withCode(await validateUnderPolicy(source, policy), 'CR203');
    expect(finding!.message).toContain('"a star"');
  });

  it('switched off: no finding', async () => {
    expect(withCode(await validateUnderPolicy(withCase(stepDown(OPTIMISTIC)), { rules: { CR203: 'off' } }), 'CR203')).toEqual([]);
  });
});

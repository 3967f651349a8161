import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { createCaserecServices, validateFiles, type ReportedDiagnostic } from '../../src/index.js';
import { DEFAULT_AS_OF, lineOf, validateOne, withCase, withCode } from '../helpers.js';

/**
 * CR201 analysis-descriptive (rules.md, a heuristic): an analysis (completed assessment, return interview) that
 * describes but does not analyse: it does not weigh risks against strengths, does not say what the information
 * means for the child, or is too short to do so. The message names which of these is missing; the word lists and
 * thresholds live in the policy file (heuristics.analysis).
 */

/** Validates `text` as a file in a fresh temporary folder beside a .caserec.json holding `policy`. */
async function validateUnderPolicy(text: string, policy: object, asOf = DEFAULT_AS_OF): Promise<ReportedDiagnostic[]> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'caserec-cr201-'));
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

const assessment = (analysis: string, completed = true) =>
  withCase(`assessment a1 2022-03-01 about amelia {
${completed ? '  completed 2022-04-01\n  authorised 2022-04-01 by ali\n' : ''}  child-voice: """Amelia said "I like school but I don't like it when Kyle shouts"."""
  history: """No earlier involvement with the family."""
  analysis: """${analysis}"""
  outcome: cin-plan
}
`);

const WEIGHING = 'weighing of risks against strengths';
const MEANING = 'what the information means for the child';
const LENGTH = 'enough substance';

const SHORT_DESCRIPTION = 'Sarah and Amelia were seen at home. The home was tidy. Amelia attends school every day.';
const LONG_DESCRIPTION = `Sarah and Amelia were seen at home on three occasions in March. The home was tidy on each visit and
  there was food in the cupboards. Amelia attends school every day and her teacher reports that she is reading well.
  Sarah has a new partner, Kyle, who stays at weekends. Sarah has started a course at the local college.`;
const SHORT_ANALYSIS =
  "Kyle's violence is a serious risk, but Sarah has acted protectively. For Amelia this means she is likely to feel safer.";
const GOOD_ANALYSIS = `The risk to Amelia came mainly from Kyle's violence and control, and it was escalating: a police call-out in
  2021 and an assault in March 2022. Because Sarah has now separated from Kyle, reported his contact and used the support
  offered, the immediate risk has reduced. However, the change is recent and Sarah has separated and reconciled once
  before, so the risk of his return remains significant. For Amelia, this means the fear she describes is likely to persist
  unless the plan continues; we therefore recommend a child in need plan focused on Sarah's protective capacity.`;

describe('CR201: weak analyses are flagged, and the message names what is missing', () => {
  it('a short description: one warning, on the analysis field, naming all three', async () => {
    const source = assessment(SHORT_DESCRIPTION);
    const found = withCode(await validateOne(source), 'CR201');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.rule).toBe('analysis-descriptive');
    expect(found[0]!.line).toBe(lineOf(source, 'analysis:'));
    expect(found[0]!.message).toContain('looked for');
    expect(found[0]!.message).toContain(WEIGHING);
    expect(found[0]!.message).toContain(MEANING);
    expect(found[0]!.message).toContain(LENGTH);
  });

  it('a long description names the weighing and the meaning for the child, not the length', async () => {
    const [finding] = withCode(await validateOne(assessment(LONG_DESCRIPTION)), 'CR201');
    expect(finding!.message).toContain(WEIGHING);
    expect(finding!.message).toContain(MEANING);
    expect(finding!.message).not.toContain(LENGTH);
  });

  it('a real analysis that is too short names only the length', async () => {
    const [finding] = withCode(await validateOne(assessment(SHORT_ANALYSIS)), 'CR201');
    expect(finding!.message).toContain(LENGTH);
    expect(finding!.message).not.toContain(WEIGHING);
    expect(finding!.message).not.toContain(MEANING);
  });

  it("a return interview's analysis is judged too", async () => {
    const source = withCase(`return-interview 2022-04-08 about amelia by jo {
  child-voice: """Amelia said "I went to Jade's house"."""
  analysis: """Amelia went to a friend's house. She came back the next day."""
}
`);
    expect(withCode(await validateOne(source), 'CR201').map((d) => d.line)).toEqual([lineOf(source, 'analysis:')]);
  });
});

describe('CR201: good practice is not flagged', () => {
  it('an analysis that weighs risks against strengths and says what it means for the child', async () => {
    expect(withCode(await validateOne(assessment(GOOD_ANALYSIS)), 'CR201')).toEqual([]);
  });

  it('an assessment still being written is not judged yet', async () => {
    expect(withCode(await validateOne(assessment(SHORT_DESCRIPTION, false)), 'CR201')).toEqual([]);
  });

  it('an empty analysis is CR003, not CR201', async () => {
    const diagnostics = await validateOne(assessment(''));
    expect(withCode(diagnostics, 'CR201')).toEqual([]);
    expect(withCode(diagnostics, 'CR003').length).toBeGreaterThan(0);
  });
});

// BUG (reported): analysis.ts calls judgeAnalysis(text, config) without the case's people, so the heuristic guesses
// that a capitalised name it does not know is a child: "Sarah is likely" and "Kyle is unlikely" pass as what the
// information means for the child, and this analysis, which never speaks of Amelia, is not flagged.
describe("CR201: adults' names are not the child's", () => {
  it('an analysis that weighs the adults but never says what it means for Amelia is flagged for the meaning', async () => {
    const analysis = `The main risk in this family comes from Kyle's violence towards Sarah; however Sarah has been protective
  because she reported him to the police and changed the locks, so on balance the risk has reduced. Sarah is likely to keep
  him away and Kyle is unlikely to return while his bail conditions last, although this remains to be seen.`;
    const [finding] = withCode(await validateOne(assessment(analysis)), 'CR201');
    expect(finding?.message).toContain(MEANING);
  });
});

describe('CR201 under a policy file', () => {
  it('a lower minimum length (15 words) accepts the short analysis', async () => {
    const policy = { heuristics: { analysis: { minWords: 15 } } };
    expect(withCode(await validateUnderPolicy(assessment(SHORT_ANALYSIS), policy), 'CR201')).toEqual([]);
  });

  it('a stricter weighing threshold (all five kinds) flags an analysis with no word of strength', async () => {
    const analysis = GOOD_ANALYSIS.replace("Sarah's protective capacity", 'the home').replace(
      'and used the support\n  offered',
      'and moved house',
    );
    expect(withCode(await validateOne(assessment(analysis)), 'CR201')).toEqual([]);
    const [finding] = withCode(
      await validateUnderPolicy(assessment(analysis), { heuristics: { analysis: { minWeighingKinds: 5 } } }),
      'CR201',
    );
    expect(finding!.message).toContain(WEIGHING);
  });

  it('switched off: no finding', async () => {
    expect(withCode(await validateUnderPolicy(assessment(SHORT_DESCRIPTION), { rules: { CR201: 'off' } }), 'CR201')).toEqual([]);
  });
});

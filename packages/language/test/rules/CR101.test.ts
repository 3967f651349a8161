import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { createCaserecServices, validateFiles, type ReportedDiagnostic } from '../../src/index.js';
import { DEFAULT_AS_OF, lineOf, validateOne, withCase, withCode } from '../helpers.js';

/**
 * CR101 child-voice-missing (rules.md): an assessment, visit, return interview or safety plan with no child's
 * voice (or child-view) text. An assessment still being written (not completed) is not judged yet. The field is
 * CR101's alone: CR003 does not report it too.
 */

/** Validates `text` as a file in a fresh temporary folder beside a .caserec.json holding `policy`. */
async function validateUnderPolicy(text: string, policy: object, asOf = DEFAULT_AS_OF): Promise<ReportedDiagnostic[]> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'caserec-cr101-'));
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

const visit = (voice: string) => `visit 2022-04-05 16:00 by jo to amelia {
  seen-alone: amelia
${voice}  observations: """The kitchen was clean and there was food in the fridge."""
}
`;

const VOICE = `  child-voice: """Amelia said "I like it when Mum walks me to school"."""\n`;

describe('CR101: a visit with no child-voice', () => {
  it('is one warning, at the visit, naming the field and the child, and not also CR003', async () => {
    const source = withCase(visit(''));
    const diagnostics = await validateOne(source);
    const found = withCode(diagnostics, 'CR101');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.rule).toBe('child-voice-missing');
    expect(found[0]!.line).toBe(lineOf(source, 'visit 2022-04-05'));
    expect(found[0]!.message).toContain('visit has no child-voice');
    expect(found[0]!.message).toContain('Amelia');
    expect(withCode(diagnostics, 'CR003').filter((d) => d.message.includes('child-voice'))).toEqual([]);
  });

  it.each([
    ['an empty text block', '  child-voice: """"""\n'],
    ['an empty string', '  child-voice: ""\n'],
    ['only spaces and line breaks', '  child-voice: """   \n   """\n'],
  ])('%s counts as missing, and the message says it is empty', async (_what, voice) => {
    const [finding] = withCode(await validateOne(withCase(visit(voice))), 'CR101');
    expect(finding!.message).toContain('(it is empty)');
  });

  it('a visit with the child-voice recorded is not reported', async () => {
    expect(withCode(await validateOne(withCase(visit(VOICE))), 'CR101')).toEqual([]);
  });
});

describe('CR101: the other entries that carry the child’s voice', () => {
  it('a return interview with no child-voice', async () => {
    const source = withCase(`return-interview 2022-04-08 about amelia by jo {
  analysis: """Amelia would not talk about where she had been."""
}
`);
    const found = withCode(await validateOne(source), 'CR101');
    expect(found.map((d) => d.line)).toEqual([lineOf(source, 'return-interview')]);
    expect(found[0]!.message).toContain('return interview has no child-voice');
  });

  it('a safety plan with no child-view names the child-view field', async () => {
    const source = withCase(`safety-plan sp1 2022-04-01 for amelia {
  review-by 2022-04-29
  worries: """Kyle may come back to the house."""
  goal: """Amelia lives where nobody hurts anyone."""
  action "Sarah will call 999 if Kyle comes" owner sarah due 2022-04-01 done 2022-04-01
  contingency: """Stay with Sarah's sister."""
}
`);
    const [finding] = withCode(await validateOne(source, '2022-04-10'), 'CR101');
    expect(finding!.message).toContain('safety plan has no child-view');
  });

  it('a completed assessment with no child-voice is reported; one still being written is not', async () => {
    const assessment = (completed: string) => `assessment a1 2022-03-01 about amelia {
${completed}  history: """No earlier involvement."""
  analysis: """The analysis."""
  outcome: cin-plan
}
`;
    expect(
      withCode(await validateOne(withCase(assessment('  completed 2022-04-01\n  authorised 2022-04-01 by ali\n'))), 'CR101'),
    ).toHaveLength(1);
    expect(withCode(await validateOne(withCase(assessment(''))), 'CR101')).toEqual([]);
  });

  it('entries that carry no voice field (a contact, a note) are not reported', async () => {
    const source = withCase(`note 2022-04-01 by jo about amelia {
  text: """Phoned Sarah to arrange the visit."""
}
`);
    expect(withCode(await validateOne(source), 'CR101')).toEqual([]);
  });
});

describe('CR101 under a policy file', () => {
  it('switched off: no finding', async () => {
    expect(withCode(await validateUnderPolicy(withCase(visit('')), { rules: { CR101: 'off' } }), 'CR101')).toEqual([]);
  });

  it('raised to an error: the finding carries it', async () => {
    const found = withCode(await validateUnderPolicy(withCase(visit('')), { rules: { CR101: 'error' } }), 'CR101');
    expect(found.map((d) => d.severity)).toEqual(['error']);
  });
});

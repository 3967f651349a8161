import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { createCaserecServices, validateFiles, type ReportedDiagnostic } from '../../src/index.js';
import { DEFAULT_AS_OF, lineOf, validateOne, withCase, withCode } from '../helpers.js';

/**
 * CR103 child-not-seen-alone (rules.md): a visit during a section 47 enquiry or a child protection plan where a
 * child aged 3 or over (policy: seenAloneMinimumAge) was not seen alone and no reason is recorded. Amelia was born
 * on 12 April 2016, Ben on 1 September 2020.
 */

/** Validates `text` as a file in a fresh temporary folder beside a .caserec.json holding `policy`. */
async function validateUnderPolicy(text: string, policy: object, asOf = DEFAULT_AS_OF): Promise<ReportedDiagnostic[]> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'caserec-cr103-'));
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

/** A section 47 enquiry about both children from 14 April 2022 to its outcome on 28 April 2022. */
const ENQUIRY = `strategy-discussion 2022-04-14 10:00 about amelia, ben chair ali {
  attendees: police, school, jo
  decision: section-47
  rationale: """Amelia disclosed that Kyle hit her: threshold for a section 47 enquiry is met for both children."""
}
section-47 s47 2022-04-14 about amelia, ben lead jo {
  findings: """Amelia's account is consistent; Kyle has left the home."""
  outcome 2022-04-28: cin-plan
  rationale: """Sarah is acting protectively; a child in need plan will support her."""
}
`;

const visit = (date: string, children: string, statements = '') => `visit ${date} 16:00 by jo to ${children} {
${statements}  child-voice: """Amelia said "Kyle isn't allowed here any more". Ben babbled and played with his cars."""
  observations: """The home was calm."""
}
`;

describe('CR103: a child aged 3 or over seen alone during a section 47 enquiry', () => {
  it('Amelia (6) not seen alone during the enquiry: one warning, on the visit, naming her, her age and the enquiry', async () => {
    const source = withCase(ENQUIRY + visit('2022-04-20', 'amelia'));
    const found = withCode(await validateOne(source), 'CR103');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.rule).toBe('child-not-seen-alone');
    expect(found[0]!.line).toBe(lineOf(source, 'visit 2022-04-20'));
    expect(found[0]!.message).toContain('Amelia (aged 6)');
    expect(found[0]!.message).toContain('section 47 enquiry');
    expect(found[0]!.message).toContain('seen-alone: amelia');
  });

  it('Ben, under 3, is not expected to be seen alone: no finding for him', async () => {
    expect(withCode(await validateOne(withCase(ENQUIRY + visit('2022-04-20', 'ben'))), 'CR103')).toEqual([]);
  });

  it('both children visited, Amelia seen alone: no finding', async () => {
    const source = withCase(ENQUIRY + visit('2022-04-20', 'amelia, ben', '  seen-alone: amelia\n'));
    expect(withCode(await validateOne(source), 'CR103')).toEqual([]);
  });

  it('a reason recorded for not seeing her alone: no finding', async () => {
    const source = withCase(ENQUIRY + visit('2022-04-20', 'amelia', '  not-alone: amelia because """Amelia was unwell and asleep."""\n'));
    expect(withCode(await validateOne(source), 'CR103')).toEqual([]);
  });

  it('an empty reason is no reason', async () => {
    const source = withCase(ENQUIRY + visit('2022-04-20', 'amelia', '  not-alone: amelia because """"""\n'));
    expect(withCode(await validateOne(source), 'CR103')).toHaveLength(1);
  });

  it('on the day of the outcome the enquiry is still running; the day after it is over', async () => {
    expect(withCode(await validateOne(withCase(ENQUIRY + visit('2022-04-28', 'amelia'))), 'CR103')).toHaveLength(1);
    expect(withCode(await validateOne(withCase(ENQUIRY + visit('2022-04-29', 'amelia'))), 'CR103')).toEqual([]);
  });
});

describe('CR103: outside any enquiry or plan', () => {
  it('a visit to Amelia, not seen alone, with no enquiry or plan: no finding', async () => {
    expect(withCode(await validateOne(withCase(visit('2022-04-20', 'amelia'))), 'CR103')).toEqual([]);
  });

  it('a visit before the enquiry started: no finding', async () => {
    expect(withCode(await validateOne(withCase(visit('2022-04-13', 'amelia') + ENQUIRY)), 'CR103')).toEqual([]);
  });
});

describe('CR103: during a child protection plan', () => {
  const PLAN = `conference 2023-08-01 about amelia, ben kind initial chair "Independent Reviewing Officer" {
  decision: child-protection-plan
  category: neglect
  rationale: """Both children are often left alone at night."""
}
`;

  it('is reported, naming the plan', async () => {
    const [finding] = withCode(await validateOne(withCase(PLAN + visit('2023-08-10', 'amelia')), '2023-08-31'), 'CR103');
    expect(finding!.message).toContain('child protection plan');
  });

  it('Ben is not expected to be seen alone the day before his third birthday, and is on it', async () => {
    expect(withCode(await validateOne(withCase(PLAN + visit('2023-08-31', 'ben')), '2023-09-05'), 'CR103')).toEqual([]);
    const [finding] = withCode(await validateOne(withCase(PLAN + visit('2023-09-01', 'ben')), '2023-09-05'), 'CR103');
    expect(finding!.message).toContain('Ben (aged 3)');
  });
});

describe('CR103 under a policy file', () => {
  it('a higher minimum age (7) leaves Amelia (6) unreported', async () => {
    const source = withCase(ENQUIRY + visit('2022-04-20', 'amelia'));
    expect(withCode(await validateUnderPolicy(source, { timescales: { seenAloneMinimumAge: 7 } }), 'CR103')).toEqual([]);
  });

  it('a lower minimum age (1) reports Ben too', async () => {
    const source = withCase(ENQUIRY + visit('2022-04-20', 'ben'));
    const [finding] = withCode(await validateUnderPolicy(source, { timescales: { seenAloneMinimumAge: 1 } }), 'CR103');
    expect(finding!.message).toContain('Ben (aged 1)');
  });

  it('switched off: no finding', async () => {
    const source = withCase(ENQUIRY + visit('2022-04-20', 'amelia'));
    expect(withCode(await validateUnderPolicy(source, { rules: { CR103: 'off' } }), 'CR103')).toEqual([]);
  });
});

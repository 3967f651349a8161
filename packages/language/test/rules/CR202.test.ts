import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { createCaserecServices, validateFiles, type ReportedDiagnostic } from '../../src/index.js';
import { DEFAULT_AS_OF, lineOf, validateOne, withCase, withCode } from '../helpers.js';

/**
 * CR202 history-not-considered (rules.md): earlier events, contacts or referrals exist for the child, but the
 * completed assessment's history and analysis refer to none of them (by date, month and year, year, or a phrase
 * such as "previous referral"; the phrases live in the policy file, heuristics.history.backReferences).
 */

/** Validates `text` as a file in a fresh temporary folder beside a .caserec.json holding `policy`. */
async function validateUnderPolicy(text: string, policy: object, asOf = DEFAULT_AS_OF): Promise<ReportedDiagnostic[]> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'caserec-cr202-'));
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

const EARLIER = `event 2019-06-14 about amelia source school significance high {
  what: """Amelia came to school with a bruise on her arm; Sarah said she fell in the park."""
  impact: """An unexplained injury to a young child; it may be part of a pattern of harm."""
}
contact 2020-02-03 09:00 from police about amelia {
  concern: """Police attended an argument between Sarah and Kyle; Amelia was asleep upstairs."""
  consent: given
  decision 2020-02-03 15:00 by ali: no-further-action
  rationale: """A verbal argument only; Sarah was given advice by the police officer on 3 February."""
}
`;

const REFERRAL = `referral r1 2022-03-07 from police about amelia {
  reason: """Kyle assaulted Sarah; Amelia was awake and saw it."""
}
`;

const assessment = (history: string, completed = true) => `assessment a1 2022-03-08 about amelia {
${completed ? '  completed 2022-04-20\n  authorised 2022-04-21 by ali\n' : ''}  child-voice: """Amelia said "I hide under my bed when they shout"."""
  history: """${history}"""
  analysis: """Because Sarah has separated from Kyle the risk has reduced; however it is recent. For Amelia this means fear at night."""
  outcome: cin-plan
}
`;

const IGNORES_HISTORY = 'Sarah grew up locally and has lived in the flat for three years. Kyle moved in last summer.';

describe('CR202: an assessment that ignores the earlier record', () => {
  it('is one warning, on the history field, listing the earlier entries and what was looked for', async () => {
    const source = withCase(EARLIER + REFERRAL + assessment(IGNORES_HISTORY));
    const found = withCode(await validateOne(source), 'CR202');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.rule).toBe('history-not-considered');
    expect(found[0]!.line).toBe(lineOf(source, 'history:'));
    const { message } = found[0]!;
    expect(message).toContain('2 earlier entries for Amelia');
    expect(message).toContain('event of Fri 14 Jun 2019');
    expect(message).toContain('contact of Mon 3 Feb 2020');
    expect(message).toContain('looked for their dates or years');
  });

  it('an earlier referral counts as history too', async () => {
    const source = withCase(REFERRAL.replace('r1 2022-03-07', 'r0 2020-11-02') + REFERRAL + assessment(IGNORES_HISTORY));
    const [finding] = withCode(await validateOne(source), 'CR202');
    expect(finding!.message).toContain('referral of Mon 2 Nov 2020');
  });
});

describe('CR202: an assessment that considers the history is not flagged', () => {
  it.each([
    ['by year', 'Amelia had an unexplained bruise in 2019 and police attended an argument in 2020.'],
    ['by month and year', 'An unexplained bruise in June 2019 was accepted as an accident at the time.'],
    ['by a phrase that points back', 'There is a history of domestic abuse in the household.'],
  ])('%s', async (_how, history) => {
    expect(withCode(await validateOne(withCase(EARLIER + REFERRAL + assessment(history))), 'CR202')).toEqual([]);
  });

  it('no earlier entries: nothing to consider', async () => {
    expect(withCode(await validateOne(withCase(REFERRAL + assessment(IGNORES_HISTORY))), 'CR202')).toEqual([]);
  });

  it('earlier entries about another child only: nothing to consider for Amelia', async () => {
    const source = withCase(EARLIER.replace(/about amelia/g, 'about ben') + REFERRAL + assessment(IGNORES_HISTORY));
    expect(withCode(await validateOne(source), 'CR202')).toEqual([]);
  });

  it('an assessment still being written is not judged yet', async () => {
    expect(withCode(await validateOne(withCase(EARLIER + REFERRAL + assessment(IGNORES_HISTORY, false))), 'CR202')).toEqual([]);
  });
});

describe('CR202 under a policy file', () => {
  const source = withCase(EARLIER + REFERRAL + assessment('Amelia and Sarah have been known to the service before.'));

  it('a phrase the authority uses can be added to the back-references', async () => {
    expect(withCode(await validateOne(source), 'CR202')).toHaveLength(1);
    const policy = { heuristics: { history: { backReferences: ['known to the service'] } } };
    expect(withCode(await validateUnderPolicy(source, policy), 'CR202')).toEqual([]);
  });

  it('switched off: no finding', async () => {
    expect(withCode(await validateUnderPolicy(source, { rules: { CR202: 'off' } }), 'CR202')).toEqual([]);
  });
});

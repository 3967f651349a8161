import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { createCaserecServices, validateFiles, type ReportedDiagnostic } from '../../src/index.js';
import { DEFAULT_AS_OF, lineOf, validateOne, withCase, withCode } from '../helpers.js';

/**
 * CR404 repeated-contacts (rules.md, info): three or more contacts for one child within 12 months that ended in
 * advice or no further action (policy: repeatedContactsCount, repeatedContactsMonths).
 */

/** Validates `text` as a file in a fresh temporary folder beside a .caserec.json holding `policy`. */
async function validateUnderPolicy(text: string, policy: object, asOf = DEFAULT_AS_OF): Promise<ReportedDiagnostic[]> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'caserec-cr404-'));
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

const contact = (date: string, outcome = 'advice', children = 'amelia') => `contact ${date} 09:00 from school about ${children} {
  concern: """Amelia came to school hungry and without a coat."""
  consent: given
  decision ${date} 15:00 by ali: ${outcome}
  rationale: """A single incident; advice given to Sarah about the school breakfast club."""
}
`;

describe('CR404: three contacts in 12 months ending in advice or no further action', () => {
  it('the third, 12 months to the day after the first: one info finding, on the third, with the first date', async () => {
    const source = withCase(contact('2021-05-10') + contact('2021-11-02', 'no-further-action') + contact('2022-05-10'));
    const found = withCode(await validateOne(source), 'CR404');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('info');
    expect(found[0]!.rule).toBe('repeated-contacts');
    expect(found[0]!.line).toBe(lineOf(source, 'contact 2022-05-10'));
    const { message } = found[0]!;
    expect(message).toContain('third contact about Amelia since Mon 10 May 2021');
    expect(message).toContain('3 contacts within 12 months');
  });

  it('the third a day more than 12 months after the first is not reported', async () => {
    const source = withCase(contact('2021-05-10') + contact('2021-11-02') + contact('2022-05-11'));
    expect(withCode(await validateOne(source), 'CR404')).toEqual([]);
  });

  it('two contacts are not a pattern', async () => {
    expect(withCode(await validateOne(withCase(contact('2021-05-10') + contact('2021-11-02'))), 'CR404')).toEqual([]);
  });

  it('a contact that led to a referral does not count', async () => {
    const source = withCase(contact('2021-05-10') + contact('2021-11-02', 'referral') + contact('2022-02-01'));
    expect(withCode(await validateOne(source), 'CR404')).toEqual([]);
  });

  it('contacts about another child do not count for Amelia', async () => {
    const source = withCase(contact('2021-05-10') + contact('2021-11-02', 'advice', 'ben') + contact('2022-02-01'));
    expect(withCode(await validateOne(source), 'CR404')).toEqual([]);
  });

  it('a fourth contact in the same run is not reported again', async () => {
    const source = withCase(contact('2021-05-10') + contact('2021-07-01') + contact('2021-09-01') + contact('2021-11-01'));
    expect(withCode(await validateOne(source), 'CR404').map((d) => d.line)).toEqual([lineOf(source, 'contact 2021-09-01')]);
  });
});

describe('CR404 under a policy file', () => {
  it('a lower count (2) reports the second contact', async () => {
    const source = withCase(contact('2021-05-10') + contact('2021-11-02'));
    const [finding] = withCode(await validateUnderPolicy(source, { timescales: { repeatedContactsCount: 2 } }), 'CR404');
    expect(finding!.message).toContain('second contact');
    expect(finding!.message).toContain('2 contacts within 12 months');
  });

  it('a shorter window (6 months) leaves three contacts over 8 months unreported', async () => {
    const source = withCase(contact('2021-05-10') + contact('2021-09-02') + contact('2022-01-10'));
    expect(withCode(await validateOne(source), 'CR404')).toHaveLength(1);
    expect(withCode(await validateUnderPolicy(source, { timescales: { repeatedContactsMonths: 6 } }), 'CR404')).toEqual([]);
  });

  it('switched off: no finding', async () => {
    const source = withCase(contact('2021-05-10') + contact('2021-11-02') + contact('2022-05-10'));
    expect(withCode(await validateUnderPolicy(source, { rules: { CR404: 'off' } }), 'CR404')).toEqual([]);
  });
});

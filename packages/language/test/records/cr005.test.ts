import { describe, expect, it } from 'vitest';
import { lineOf, validate, validateOne, withCode } from '../helpers.js';

/** CR005 duplicate-id (rules.md): two declarations with one id in one case, across all its files. */

const CASE = `case "SG-900105" {
  child amelia "Amelia Brook" born 2016-04-12
  worker jo "Jo Fennick" role social-worker
  worker ali "Ali Rendle" role team-manager
  agency police "Midshire Police"
}
`;

const referral = (id: string) =>
  `referral ${id} 2021-03-01 from police about amelia {\n  reason: """Domestic abuse witnessed by Amelia."""\n}\n`;
const assessment = (id: string) => `assessment ${id} 2021-03-02 about amelia\n`;

describe('CR005: one id, one declaration', () => {
  it('two children with one id: CR005 on the second, pointing at the first', async () => {
    const source = CASE.replace('}\n', '  child amelia "Amelia Second" born 2017-01-01\n}\n');
    const found = withCode(await validateOne(source), 'CR005');
    expect(found).toHaveLength(1);
    expect(found[0]!.line).toBe(lineOf(source, 'Amelia Second'));
    expect(found[0]!.column).toBe('  child '.length + 1);
    expect(found[0]!.message).toContain('"amelia"');
    expect(found[0]!.message).toContain(`line ${lineOf(source, 'Amelia Brook')}`);
  });

  it('a person and an agency with one id', async () => {
    const source = CASE.replace('}\n', '  adult police "Pol Ice"\n}\n');
    expect(withCode(await validateOne(source), 'CR005').map((d) => d.line)).toEqual([lineOf(source, 'Pol Ice')]);
  });

  it('an entry id that is also a person id', async () => {
    const source = CASE + referral('jo');
    expect(withCode(await validateOne(source), 'CR005').map((d) => d.line)).toEqual([lineOf(source, 'referral jo')]);
  });

  it('two entries with one id', async () => {
    const source = CASE + referral('r1') + assessment('r1');
    expect(withCode(await validateOne(source), 'CR005').map((d) => d.line)).toEqual([lineOf(source, 'assessment r1')]);
  });

  it('three declarations of one id are two findings', async () => {
    const source = CASE + referral('r1') + assessment('r1') + `section-47 r1 2021-03-03 about amelia lead jo\n`;
    expect(withCode(await validateOne(source), 'CR005')).toHaveLength(2);
  });

  it('distinct ids, and entries with no id, are fine', async () => {
    const source =
      CASE + referral('r1') + referral('r2') + assessment('a1') + assessment('a2') + 'assessment 2021-03-04 about amelia\n'.repeat(2);
    expect(withCode(await validateOne(source), 'CR005')).toEqual([]);
  });

  it('ids differ by case: amelia and Amelia are two ids', async () => {
    const source = CASE.replace('}\n', '  child Amelia "Amelia Other" born 2017-01-01\n}\n');
    expect(withCode(await validateOne(source), 'CR005')).toEqual([]);
  });
});

describe('CR005: across the files of a case', () => {
  it('an id declared in two files of one case is CR005 in the second file', async () => {
    const diagnostics = await validate({
      'a/case.case': CASE + assessment('a1'),
      'a/more.case': `for case "SG-900105"\n${assessment('a1')}`,
    });
    expect(withCode(diagnostics.get('a/case.case')!, 'CR005')).toEqual([]);
    expect(withCode(diagnostics.get('a/more.case')!, 'CR005').map((d) => d.line)).toEqual([2]);
  });

  it('...and the message says which file holds the first declaration', async () => {
    const diagnostics = await validate({
      'a/case.case': CASE + assessment('a1'),
      'a/more.case': `for case "SG-900105"\n${assessment('a1')}`,
    });
    const [finding] = withCode(diagnostics.get('a/more.case')!, 'CR005');
    expect(finding!.message).toContain('case.case');
  });

  it('one id in two different cases is fine', async () => {
    const other = CASE.replace('SG-900105', 'SG-900106');
    const diagnostics = await validate({ 'one.case': CASE + referral('r1'), 'two.case': other + referral('r1') });
    expect(withCode(diagnostics.get('one.case')!, 'CR005')).toEqual([]);
    expect(withCode(diagnostics.get('two.case')!, 'CR005')).toEqual([]);
  });
});

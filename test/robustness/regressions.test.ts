import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EngineHarness, budgetFor, type FuzzInput } from './harness.js';

/**
 * Minimised inputs that the fuzzer (scripts/fuzz/run.mjs) found to break the engine, one test each, kept so that
 * a fix stays fixed. Each states the property it broke.
 */

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const JONES = fs.readFileSync(path.join(REPO, 'test/fixtures/contract/jones-family.case'), 'utf8');
const one = (text: string, label = 'reproducer'): FuzzInput => ({ label, files: [{ name: 'record.case', text }] });

describe('fuzzer reproducers', () => {
  const harness = new EngineHarness();

  it('an action with no text is a finding, not a caught TypeError (checkActionComplete reads action.what)', async () => {
    const input = one('note 2021-09-01 by jo about amelia {\n  action\n}\n');
    expect((await harness.run(input, budgetFor(input))).problems).toEqual([]);
  });

  it('"for case" without its quoted id is a finding, not a crash of the build (caseIdOf reads forCase.case)', async () => {
    const input = one('for case');
    expect((await harness.run(input, budgetFor(input))).problems).toEqual([]);
  });

  it('1,400 stray "{ }" pairs do not overflow the stack (chevrotain in-repetition recovery recurses per error)', async () => {
    const input = one('{ } '.repeat(1400));
    expect((await harness.run(input, budgetFor(input))).problems).toEqual([]);
  });

  it('a parse that failed does not leave its nodes in the next document parsed by the same services', async () => {
    const local = new EngineHarness();
    await local.run(one('{ } '.repeat(1400)), 60_000);
    const sample = one(JONES, 'jones-family.case');
    const after = await local.run(sample, 60_000);
    // The contract sample has no errors as of any date (it may have timeliness warnings as of 2023).
    expect(after.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('a 2 MB unknown word is checked in 2 s and quoted cut short (the "did you mean" distance skips hopeless keywords)', async () => {
    const input = one('a'.repeat(2_000_000));
    const result = await harness.run(input, 2000);
    expect(result.problems).toEqual([]);
    const stray = result.diagnostics.find((d) => d.code === 'CR001');
    expect(stray?.message.length).toBeLessThan(300);
  });

  it('60 KB of damaged headers is parsed in time (error recovery costs about 1 ms per error)', async () => {
    const input = one('visit 2021-09-01 by jo to amelia, { } : , '.repeat(1500));
    expect((await harness.run(input, budgetFor(input))).problems).toEqual([]);
  });
});

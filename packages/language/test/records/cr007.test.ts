import { describe, expect, it } from 'vitest';
import { CASE_BLOCK, lineOf, validateOne, withCase, withCode } from '../helpers.js';

/**
 * CR007 unauthorised-assessment (rules.md): a completed assessment with no manager authorisation, or
 * authorised by a worker whose role is not a manager's. A warning by default.
 */

const entry = (statements: string) => `assessment a1 2021-03-01 about amelia {
${statements}
  child-voice: """Amelia said "I hide under my bed when they shout"."""
  history: """Two earlier police call-outs for domestic abuse."""
  analysis: """The risk to Amelia comes from Kyle's violence; because Sarah has separated from him and
  reported his contact, the risk has reduced, but it is recent, so a plan is still needed for Amelia."""
  outcome: cin-plan
}
`;

const assessment = (statements: string) => withCase(entry(statements));

describe('CR007: completed assessments are authorised by a manager', () => {
  it('completed with no authorisation: one CR007 warning on `completed`', async () => {
    const source = assessment('  completed 2021-04-01');
    const found = withCode(await validateOne(source), 'CR007');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.rule).toBe('unauthorised-assessment');
    expect(found[0]!.line).toBe(lineOf(source, 'completed'));
    expect(found[0]!.message).toContain('2021-04-01');
  });

  it('authorised by a team manager is fine', async () => {
    expect(withCode(await validateOne(assessment('  completed 2021-04-01\n  authorised 2021-04-02 by ali')), 'CR007')).toEqual([]);
  });

  it('authorised by a service manager is fine', async () => {
    expect(withCode(await validateOne(assessment('  completed 2021-04-01\n  authorised 2021-04-02 by sam')), 'CR007')).toEqual([]);
  });

  it('authorised by a social worker is CR007 on the authorisation, naming the worker and the role', async () => {
    const source = assessment('  completed 2021-04-01\n  authorised 2021-04-02 by jo');
    const found = withCode(await validateOne(source), 'CR007');
    expect(found).toHaveLength(1);
    expect(found[0]!.line).toBe(lineOf(source, 'authorised'));
    expect(found[0]!.message).toContain('Jo Fennick');
    expect(found[0]!.message).toContain('social-worker');
  });

  it('authorised by a worker with no role is CR007', async () => {
    const caseBlock = CASE_BLOCK.replace(/}\n$/, '  worker kit "Kit Lane"\n}\n');
    const source = `${caseBlock}\n${entry('  completed 2021-04-01\n  authorised 2021-04-02 by kit')}`;
    expect(withCode(await validateOne(source), 'CR007').map((d) => d.line)).toEqual([lineOf(source, 'authorised')]);
  });

  it('authorised by a parent is CR002 (not a worker), not also CR007', async () => {
    const diagnostics = await validateOne(assessment('  completed 2021-04-01\n  authorised 2021-04-02 by sarah'));
    expect(withCode(diagnostics, 'CR002')).toHaveLength(1);
    expect(withCode(diagnostics, 'CR007')).toEqual([]);
  });

  it('an open assessment needs no authorisation yet', async () => {
    expect(withCode(await validateOne(assessment('')), 'CR007')).toEqual([]);
  });

  it('an open assessment authorised by a social worker is not CR007 either: there is nothing to authorise yet', async () => {
    expect(withCode(await validateOne(assessment('  authorised 2021-04-02 by jo')), 'CR007')).toEqual([]);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { codes, validateOne } from '../helpers.js';

/**
 * Fuzzer reproducers (bench-out/fuzz-failures): a rule that throws is caught by the engine, but its findings
 * for the whole case are lost. These inputs must give findings, never a failed rule.
 */
describe('rules never fail on damaged records', () => {
  afterEach(() => vi.restoreAllMocks());

  it('an impossible done date on an action (CR309 read it straight into the calendar)', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const diagnostics = await validateOne(`case "SG-1" {
  child amy "Amy Test" born 2015-01-01
  worker jo "Jo Test" role team-manager
}
oversight 2021-09-09 by jo about amy {
  direction: """Visit weekly."""
  action "Visit" owner jo due 2021-09-27 done 2021-02-30
}
`);
    expect(errors).not.toHaveBeenCalled();
    expect(codes(diagnostics)).toContain('CR001');
  });

  it('a person declared without a full name (the prose heuristics read every name)', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    // The fuzzer's minimised record, as it was found.
    await validateOne(
      'case "SG-10"child jasmine contact 2017-06-2028 t jasmine, ruby {"""A."""\n  decision 2017-06-20 1femi: no-further-action\n  rationale:Thi\n',
    );
    expect(errors).not.toHaveBeenCalled();
  });
});

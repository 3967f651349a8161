import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseInput, loadSeeds, tokenSoup } from '../../scripts/fuzz/arbitraries.mjs';
import { installNoNetwork, networkCalls, uninstallNoNetwork } from '../../scripts/fuzz/no-network.mjs';
import { EngineHarness, budgetFor, type FuzzInput } from './harness.js';

/**
 * Property-based robustness of the engine (the fuzzer's in-process checks, with a bounded number of runs so
 * that CI runs them): whatever the record, parsing and validation return findings. They never throw, never
 * swallow an exception into an "An error occurred" diagnostic or a logged error, keep every diagnostic inside its
 * file, finish within 2 s for a small input, and never touch the network. A failure prints fast-check's seed
 * and the shrunk input; `npm run fuzz` explores further.
 */

const seeds = loadSeeds({ generated: 3 });
const harness = new EngineHarness();
const RUNS = Number(process.env.CASEREC_ROBUSTNESS_RUNS ?? 60);

async function check(input: FuzzInput): Promise<string[]> {
  const first = await harness.run(input, budgetFor(input));
  // A slow input is timed once more before it counts: CI machines are sometimes busy.
  if (first.problems.length === 1 && first.problems[0]!.startsWith('slow:')) return (await harness.run(input, budgetFor(input))).problems;
  return first.problems;
}

describe('the engine on damaged records', () => {
  beforeAll(() => installNoNetwork());
  afterAll(() => uninstallNoNetwork());

  it('never throws, never hides an internal error, and stays in time on mutated records', async () => {
    await fc.assert(
      fc.asyncProperty(caseInput(seeds, { maxHugeBytes: 300_000 }), async (input) => {
        expect(await check(input), input.label).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws on random token soup', async () => {
    await fc.assert(
      fc.asyncProperty(tokenSoup, async (text) => {
        expect(await check({ label: 'token soup', files: [{ name: 'soup.case', text }] })).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('made no network call while checking records', () => {
    expect(networkCalls()).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { defaultSupervisionConfig, judgeSupervisionReflection } from '../../src/rules/heuristics/index.js';
import { jonesField } from './jones.js';

describe('judgeSupervisionReflection (CR204)', () => {
  it('does not flag the Jones reflections', () => {
    const reflections = jonesField('reflection');
    expect(reflections).toHaveLength(2);
    for (const r of reflections) expect(judgeSupervisionReflection(r).flagged, r).toBe(false);
  });

  it('flags a reflection that only lists updates and tasks, naming all three', () => {
    const r = judgeSupervisionReflection('Visits up to date. Core group on 3 June. SW to chase the GP. TM to sign off.');
    expect(r.flagged).toBe(true);
    expect(r.missing).toEqual(['hypothesis', 'meaning-for-child', 'challenge']);
  });

  it.each([
    ['a hypothesis', "Hypothesis: Zain's lateness is about caring for his mum in the mornings; we will ask him."],
    ['a challenge', 'I challenged the plan to step down: the risk named in the assessment has not been addressed.'],
    ['meaning for the child', 'For Lottie, another change of school would mean losing the one adult she trusts.'],
  ])('passes a reflection with %s', (_what, text) => {
    expect(judgeSupervisionReflection(text).flagged).toBe(false);
  });

  it('is not passed by a stray "hypothesis" or "challenging"', () => {
    expect(judgeSupervisionReflection('Hypothesis discussed. Actions as below.').flagged).toBe(true);
    expect(judgeSupervisionReflection('Challenging family. SW to keep trying to engage Dad.').flagged).toBe(true);
  });

  it('can require more than one of the three', () => {
    const text = "Hypothesis: Zain's lateness is about caring for his mum in the mornings; we will ask him.";
    expect(judgeSupervisionReflection(text, { ...defaultSupervisionConfig, minPresent: 2 }).flagged).toBe(true);
  });
});

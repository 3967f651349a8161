import { describe, expect, it } from 'vitest';
import { defaultAnalysisConfig, judgeAnalysis } from '../../src/rules/heuristics/index.js';
import { jonesField } from './jones.js';

describe('judgeAnalysis (CR201)', () => {
  it('does not flag the Jones assessment analysis', () => {
    const [analysis] = jonesField('analysis');
    const r = judgeAnalysis(analysis!);
    expect(r.missing).toEqual([]);
    expect(r.found.some((f) => f.startsWith('meaning for the child'))).toBe(true);
  });

  it('passes an analysis that weighs and says what it means for the child', () => {
    const text = `Dad's drinking has reduced and he has kept every contact sober, which is a real strength. However,
      he still drinks heavily at weekends, when Priyanka stays with him, and she has twice been collected late.
      For Priyanka this means weekends are unpredictable and she is anxious on Fridays. On balance the risk is
      moderate and a written agreement about weekend contact is needed.`;
    expect(judgeAnalysis(text).missing).toEqual([]);
  });

  it('flags a description of events, naming all three gaps', () => {
    const r = judgeAnalysis('Visit completed. Children seen. Mum said things are fine.');
    expect(r.missing).toEqual(['weighing', 'meaning-for-child', 'length']);
  });

  it('is not passed by one stray "because" or "risk" in a long description', () => {
    const text = `I visited on 4 May and 18 May. Mum was at home both times and the children were seen. On 18 May
      Dad was also present because he was on leave. The risk assessment from the last plan was reviewed. The home
      was tidy and there was food in the fridge. The children go to their nan's at weekends and attend school.
      Mum said she would like the case to close soon.`;
    const r = judgeAnalysis(text);
    expect(r.missing).toContain('weighing');
    expect(r.missing).toContain('meaning-for-child');
    expect(r.missing).not.toContain('length');
  });

  it('flags an analysis that weighs only the adults', () => {
    const text = `Mum has a long history of depression, although she has recently re-engaged with her GP, which is
      positive. Her partner is supportive. However, the risk of relapse remains significant and she is likely to
      need support from mental health services for some time, so this should continue to be monitored.`;
    expect(judgeAnalysis(text).missing).toEqual(['meaning-for-child']);
  });

  it('flags a short passage that has the right words', () => {
    const text = 'Risk reduced because Dad left, though he may return; on balance, for Cara this means she is safer.';
    expect(judgeAnalysis(text).missing).toEqual(['length']);
  });

  it('reads its thresholds from the configuration', () => {
    const text = 'Risk reduced because Dad left; for Cara this means she is safer.';
    expect(judgeAnalysis(text).missing).toEqual(['weighing', 'length']);
    expect(judgeAnalysis(text, { ...defaultAnalysisConfig, minWords: 5, minWeighingKinds: 2 }).missing).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { judgeOptimism } from '../../src/rules/heuristics/index.js';

describe('judgeOptimism (CR203)', () => {
  it('flags optimistic phrases with nothing behind them', () => {
    const r = judgeOptimism('Mum is engaging well and there are no concerns. Case to close.');
    expect(r.optimisticPhrases).toEqual(['engaging well', 'no concerns']);
    expect(r.evidenceFound).toBe(false);
    expect(r.flagged).toBe(true);
  });

  it.each([
    ['a number and a named source', 'Engaging well: school report attendance of 96% this term.'],
    ['dates', 'Things have improved since Dad left on 12 March; no call-outs since April.'],
    ['test results', 'Mum has made positive changes, with six negative hair strand tests.'],
    ['what the worker saw', 'The home has improved: I saw every room at two unannounced visits.'],
    ["the child's own words", 'Doing well. Kian told me "it\'s calm at home now".'],
    ['a reason', 'Things have improved because Dad has moved out.'],
  ])('does not flag optimism backed by %s', (_what, text) => {
    const r = judgeOptimism(text);
    expect(r.optimisticPhrases.length).toBeGreaterThan(0);
    expect(r.evidenceFound).toBe(true);
    expect(r.flagged).toBe(false);
  });

  it('does not flag a rationale without optimistic phrases', () => {
    const r = judgeOptimism('Leah moved to live with her father in Wales; case transferred to that authority.');
    expect(r.optimisticPhrases).toEqual([]);
    expect(r.flagged).toBe(false);
  });

  it('flags the Morgan step-down rationale', () => {
    expect(judgeOptimism('Assessment found no current evidence of exploitation; Leah is engaging with Kit.').flagged).toBe(true);
  });

  it('does not take a duration or a parent as evidence', () => {
    expect(judgeOptimism('Things have improved over the last 2 weeks. Step down.').flagged).toBe(true);
    expect(judgeOptimism('Dad is engaging well. Mum reports no concerns.').flagged).toBe(true);
  });
});

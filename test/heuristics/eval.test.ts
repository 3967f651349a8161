/**
 * Precision and recall of the prose heuristics on the labelled corpus (`npm run eval:heuristics`).
 *
 * The corpus was written before the heuristics were tuned; the defaults were tuned on the `tune` split only,
 * and the `holdout` split is the honest measure. The table is printed; the assertions are the floors the
 * project holds itself to (see the thresholds below), not the current figures.
 */
import { describe, expect, it } from 'vitest';
import { CORPUS_FILES, type EvalResult, type RuleCode, evaluate, formatFailures, formatTable, loadCorpus } from './evaluate.js';

const RULES: RuleCode[] = ['CR102', 'CR201', 'CR204', 'CR203', 'CR601'];

/**
 * Holdout floors. CR102 and CR201 carry the project's target (precision >= 0.90, recall >= 0.80). The smaller
 * sets (about 16 items per label in the holdout, so one misjudged good item moves precision by about 0.06)
 * assert what held when the holdout was first measured: CR204 and CR203 met the same target; CR601 measured
 * precision 0.89 (two good impacts that describe an effect with no word of the effect list), so its
 * precision floor is 0.85.
 */
const FLOORS: Record<RuleCode, { precision: number; recall: number }> = {
  CR102: { precision: 0.9, recall: 0.8 },
  CR201: { precision: 0.9, recall: 0.8 },
  CR204: { precision: 0.9, recall: 0.8 },
  CR203: { precision: 0.9, recall: 0.8 },
  CR601: { precision: 0.85, recall: 0.8 },
};

const results = new Map<string, EvalResult>();
for (const rule of RULES) for (const split of ['tune', 'holdout'] as const) results.set(`${rule}/${split}`, evaluate(rule, split));

describe('heuristics evaluation', () => {
  it('prints precision and recall per rule, tune and holdout', () => {
    const rows = RULES.flatMap((r) => [results.get(`${r}/tune`)!, results.get(`${r}/holdout`)!]);
    const noNames = (['tune', 'holdout'] as const).map((s) => evaluate('CR102', s, { useNames: false }));
    const failures = RULES.map((r) => results.get(`${r}/holdout`)!)
      .filter((r) => r.falsePositives.length + r.falseNegatives.length > 0)
      .map((r) => `${r.rule} holdout:\n${formatFailures(r)}`);
    console.log(
      [
        '',
        formatTable(rows),
        '',
        formatTable(noNames, '(CR102 without the case names: fallback mode)'),
        '',
        'Holdout misjudgements:',
        ...(failures.length ? failures : ['  none']),
        '',
      ].join('\n'),
    );
    expect(rows).toHaveLength(10);
  });

  for (const rule of RULES) {
    it(`${rule}: holdout precision >= ${FLOORS[rule].precision} and recall >= ${FLOORS[rule].recall}`, () => {
      const r = results.get(`${rule}/holdout`)!;
      expect(r.precision, formatFailures(r)).toBeGreaterThanOrEqual(FLOORS[rule].precision);
      expect(r.recall, formatFailures(r)).toBeGreaterThanOrEqual(FLOORS[rule].recall);
    });
  }

  it('never flags a passage of the good-practice sample (jones-family.case)', () => {
    for (const rule of RULES) {
      const { falsePositives } = evaluate(rule, 'all');
      expect(falsePositives.filter((i) => i.note.startsWith('jones-family.case')).map((i) => i.id)).toEqual([]);
    }
  });
});

describe('the corpus', () => {
  for (const rule of RULES) {
    it(`${CORPUS_FILES[rule]} is well formed and split half and half per label`, () => {
      const { items } = loadCorpus(rule);
      const min = rule === 'CR102' || rule === 'CR201' ? 60 : 30;
      const ids = new Set(items.map((i) => i.id));
      expect(ids.size).toBe(items.length);
      for (const label of ['good', 'weak'] as const) {
        const ofLabel = items.filter((i) => i.label === label);
        expect(ofLabel.length).toBeGreaterThanOrEqual(min);
        const tune = ofLabel.filter((i) => i.split === 'tune').length;
        expect(Math.abs(tune - (ofLabel.length - tune))).toBeLessThanOrEqual(1);
        // alternating: the n-th item of a label is tune when n is even
        ofLabel.forEach((item, n) => expect(item.split, item.id).toBe(n % 2 === 0 ? 'tune' : 'holdout'));
      }
      for (const i of items) {
        if (rule === 'CR601') expect(typeof i.what === 'string' && typeof i.impact === 'string', i.id).toBe(true);
        else expect(typeof i.text === 'string' && i.text.length > 0, i.id).toBe(true);
        expect(i.note.length, i.id).toBeGreaterThan(0);
      }
    });
  }
});

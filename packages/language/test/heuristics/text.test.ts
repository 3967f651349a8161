import { describe, expect, it } from 'vitest';
import { defaultHeuristicConfig } from '../../src/rules/heuristics/index.js';
import { findPhrases, normalise, splitSentences, stem, wordCount, words } from '../../src/rules/heuristics/text.js';
import { expandChildToken, isValidPattern } from '../../src/rules/heuristics/people.js';
import { findPatterns } from '../../src/rules/heuristics/text.js';

describe('text helpers', () => {
  it('normalises curly quotes, dashes and whitespace', () => {
    expect(normalise('\u201cHi\u201d \u2018there\u2019 \u2013 ok\n  now')).toBe('"Hi" \'there\' - ok now');
  });
  it('splits sentences, not after titles or inside numbers', () => {
    expect(splitSentences('Mrs. Dale came. She said "no." Then 3.5 hours passed! Done?')).toEqual([
      'Mrs. Dale came.',
      'She said "no."',
      'Then 3.5 hours passed!',
      'Done?',
    ]);
  });
  it('splits words, keeping inner apostrophes', () => {
    expect(words("Mum's partner didn't come.")).toEqual(["mum's", 'partner', "didn't", 'come']);
    expect(wordCount('One two, three.')).toBe(3);
  });
  it('stems lightly', () => {
    expect(stem('arrested')).toBe(stem('arrest'));
    expect(stem('attended')).toBe(stem('attends'));
  });
  it('matches phrases at word boundaries, across line breaks', () => {
    expect(findPhrases('She is engaging\nwell.', ['engaging well']).map((m) => m.text)).toEqual(['engaging\nwell'.replace('\n', ' ')]);
    expect(findPhrases('disengaging wellbeing', ['engaging well'])).toEqual([]);
  });
});

describe('the default configuration', () => {
  it('is plain JSON data', () => {
    expect(JSON.parse(JSON.stringify(defaultHeuristicConfig))).toEqual(defaultHeuristicConfig);
  });
  it('has patterns that compile', () => {
    const { analysis, supervision, optimism, impact } = defaultHeuristicConfig;
    const patterns = [
      ...analysis.riskPatterns,
      ...analysis.strengthPatterns,
      ...analysis.meaningForChildPatterns,
      ...supervision.hypothesisPatterns,
      ...supervision.meaningForChildPatterns,
      ...supervision.challengePatterns,
      ...optimism.optimisticPatterns,
      ...optimism.evidencePatterns,
      ...optimism.notEvidencePatterns,
      ...impact.effectPatterns,
    ];
    for (const p of patterns) {
      expect(() => new RegExp(expandChildToken(p, ['Amelia']), 'gi'), p).not.toThrow();
      expect(isValidPattern(p), p).toBe(true);
    }
  });
  it('validates policy patterns, and a bad one matches nothing instead of throwing', () => {
    expect(isValidPattern('\\bfor {child} this means')).toBe(true);
    expect(isValidPattern('(unclosed')).toBe(false);
    expect(findPatterns('anything (unclosed', ['(unclosed'])).toEqual([]);
  });
});

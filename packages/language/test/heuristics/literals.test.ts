import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as config from '../../src/rules/heuristics/config.js';
import { defaultPolicyPatterns } from '../../src/rules/heuristics/default-patterns.js';
import { DEFAULT_POLICY_NEEDS } from '../../src/rules/heuristics/literal-needs-table.js';
import { findNeeds, literalNeeds, mayMatch } from '../../src/rules/heuristics/literals.js';
import { expandChildToken } from '../../src/rules/heuristics/people.js';
import { lower, normalise } from '../../src/rules/heuristics/text.js';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');

/** The text blocks of the contract samples and the examples: real prose, some of it weak. */
const TEXTS = ['test/fixtures/contract', 'examples/clean', 'examples/many-findings', 'examples/split-case']
  .flatMap((dir) =>
    readdirSync(join(ROOT, dir))
      .filter((f) => f.endsWith('.case'))
      .map((f) => join(ROOT, dir, f)),
  )
  .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/"""([\s\S]*?)"""/g)].map((m) => m[1]!));

describe('the literals a pattern needs', () => {
  it('are the runs of literal characters, with the few spellings of a part', () => {
    expect(literalNeeds(String.raw`\bimpact (?:of [^.;]{1,40} )?on him`)).toEqual([['impact '], ['on him']]);
    expect(literalNeeds(String.raw`\brisks?\b`)).toEqual([['risk']]);
    expect(literalNeeds(String.raw`\b(?:harms?|damage) to`)).toEqual([['harm to', 'harms to', 'damage to']]);
    expect(literalNeeds(String.raw`\b(?:is|was) (?:likely|unlikely)\b`)).toEqual([
      ['is likely', 'is unlikely', 'was likely', 'was unlikely'],
    ]);
    const spellings = literalNeeds(String.raw`\bwhat (?:this|that|it) (?:means|meant|will mean) for\b`);
    expect(spellings).toHaveLength(1);
    expect(spellings[0]).toHaveLength(9);
    expect(spellings[0]).toContain('what it will mean for');
    // Past 32 spellings the run ends and starts again.
    const split = literalNeeds(String.raw`(?:a|b|c|d|e|f) (?:g|h|i|j|k|l) (?:m|n|o|p|q|r)`);
    expect(split).toEqual([
      ['a ', 'b ', 'c ', 'd ', 'e ', 'f '],
      ['g ', 'h ', 'i ', 'j ', 'k ', 'l '],
      ['m', 'n', 'o', 'p', 'q', 'r'],
    ]);
  });

  it('are in lower case, and end at a character that is not ASCII', () => {
    expect(literalNeeds('Café Nero')).toEqual([['caf'], [' nero']]);
    expect(literalNeeds('[Ss]ocial')).toEqual([['social']]);
  });

  it('leave out what may be absent and what look-arounds hold', () => {
    expect(literalNeeds(String.raw`\bstrengths?\b(?! and difficulties)`)).toEqual([['strength']]);
    expect(literalNeeds(String.raw`(?<=^|[.;:!?]\s)for\s`)).toEqual([['for']]);
    expect(literalNeeds(String.raw`(?:not )?\w+`)).toEqual([]);
    expect(literalNeeds(String.raw`(?:said|\w+ed) that`)).toEqual([['said', 'ed'], [' that']]);
  });

  it('are none for a pattern that does not parse', () => {
    expect(literalNeeds('(unclosed')).toEqual([]);
    expect(mayMatch('(unclosed', '')).toBe(true);
  });

  it('rule a text out only when it lacks one', () => {
    expect(mayMatch(String.raw`\bimpact on\b`, lower('The IMPACT on Kai was plain.'))).toBe(true);
    expect(mayMatch(String.raw`\bimpact on\b`, lower('The effect on Kai was plain.'))).toBe(false);
    expect(mayMatch(String.raw`\b(?:is|was) likely\b`, lower('Harm WAS LIKELY.'))).toBe(true);
    expect(mayMatch(String.raw`\b(?:is|was) likely\b`, lower('Harm seemed likely.'))).toBe(false);
  });
});

/** Every pattern of the default policy, with `{child}` as it is when the names are unknown. */
const POLICY_PATTERNS = [
  ...new Set(
    Object.values(config)
      .filter((value): value is Record<string, unknown> => typeof value === 'object' && value !== null)
      .flatMap((section) => Object.entries(section))
      .filter(([key, value]) => /Patterns$/.test(key) && Array.isArray(value))
      .flatMap(([, value]) => value as string[])
      .map((pattern) => expandChildToken(pattern, ['Kai', 'Amelia'])),
  ),
];

describe('the table of the default policy', () => {
  it('holds what each of its patterns needs now (else: npm run generate:needs -w @caserec/language)', () => {
    const now = Object.fromEntries(defaultPolicyPatterns().map((pattern) => [pattern, findNeeds(pattern)]));
    expect(DEFAULT_POLICY_NEEDS).toEqual(now);
    expect(Object.keys(now).length).toBeGreaterThan(100);
  });
});

describe('a pattern is passed over only where it cannot match', () => {
  it('on the text blocks of the samples and examples, for every pattern of the default policy, and it rules most pairs out', () => {
    let ruledOut = 0;
    let matched = 0;
    for (const text of TEXTS) {
      const normalised = normalise(text);
      for (const pattern of POLICY_PATTERNS) {
        const matches = new RegExp(pattern, 'gi').test(normalised);
        const may = mayMatch(pattern, lower(text));
        if (matches) expect(may, `${pattern} on ${text}`).toBe(true);
        if (matches) matched++;
        if (!may) ruledOut++;
      }
    }
    const pairs = TEXTS.length * POLICY_PATTERNS.length;
    expect(matched).toBeGreaterThan(20);
    expect(ruledOut / pairs).toBeGreaterThan(0.5);
  });

  // Characters where ignoring case is subtle: ſ and the Kelvin sign upper-case to ASCII letters, İ lower-cases
  // to two characters, σ and ς share an upper case; and the spaces and apostrophes the patterns spell.
  const ALPHABET = ['a', 'A', 'b', 'k', 'K', 's', 'S', 'i', 'I', ' ', "'", '\u2019', '\u017F', '\u212A', '\u0130', 'σ', 'ς', 'Σ', 'é', 'É'];
  const char = fc.constantFrom(...ALPHABET);
  const escaped = char.map((c) => (c === ' ' || /\w/.test(c) || c.charCodeAt(0) > 0x7f ? c : `\\${c}`));
  const pattern: fc.Arbitrary<string> = fc.letrec<{ pattern: string; atom: string; sequence: string }>((tie) => ({
    atom: fc.oneof(
      { maxDepth: 3, depthIdentifier: 'pattern' },
      { weight: 6, arbitrary: escaped },
      fc.array(char, { minLength: 1, maxLength: 3 }).map((cs) => `[${cs.join('')}]`),
      fc.array(char, { minLength: 1, maxLength: 2 }).map((cs) => `[^${cs.join('')}]`),
      fc.constantFrom(String.raw`\s`, String.raw`\w`, '.', String.raw`\b`, '^', '$'),
      tie('pattern').map((p) => `(?:${p})`),
      tie('pattern').map((p) => `(${p})`),
      tie('pattern').map((p) => `(?=${p})`),
      tie('pattern').map((p) => `(?!${p})`),
      tie('pattern').map((p) => `(?<=${p})`),
      tie('pattern').map((p) => `(?<!${p})`),
    ),
    sequence: fc
      .array(fc.tuple(tie('atom'), fc.constantFrom('', '', '', '?', '*', '+', '{2}', '{0,2}', '{1,3}', '{2,}')), {
        minLength: 1,
        maxLength: 5,
      })
      .map((parts) => parts.map(([atom, quantifier]) => (/^[\^$]$|^\\b$|^\(\?[=!<]/.test(atom) ? atom : atom + quantifier)).join('')),
    pattern: fc.array(tie('sequence'), { minLength: 1, maxLength: 3 }).map((branches) => branches.join('|')),
  })).pattern;

  it('for random patterns and texts over characters that fold oddly', () => {
    const text = fc.array(fc.oneof(char, fc.constantFrom('as', 'Kai', 'σς', 'sk')), { maxLength: 12 }).map((parts) => parts.join(''));
    let matched = 0;
    let ruledOut = 0;
    fc.assert(
      fc.property(pattern, fc.array(text, { minLength: 1, maxLength: 6 }), (source, texts) => {
        let re: RegExp;
        try {
          re = new RegExp(source, 'gi');
        } catch {
          return;
        }
        for (const t of texts) {
          const may = mayMatch(source, t.toLowerCase());
          if (!may) ruledOut++;
          re.lastIndex = 0;
          if (!re.test(t)) continue;
          matched++;
          expect(may, `/${source}/gi on ${JSON.stringify(t)}`).toBe(true);
        }
      }),
      { numRuns: 1500, seed: 20261128 },
    );
    expect(matched).toBeGreaterThan(500);
    expect(ruledOut).toBeGreaterThan(500);
  });
});

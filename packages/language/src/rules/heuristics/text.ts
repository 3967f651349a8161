/**
 * Shared text helpers for the prose heuristics: normalisation, sentence and word splitting, phrase and
 * pattern matching. Pure functions of strings; no I/O, no Langium.
 *
 * The small closed word classes of English grammar (pronouns, prepositions, determiners, copulas) live here,
 * not in the policy: they are facts about the language, not practice standards. Every practice word list
 * and threshold lives in `config.ts`.
 */
import { mayMatch } from './literals.js';

/**
 * Texts lately normalised, and the results. A judge normalises its text once per word list and pattern list
 * (and again in each helper it calls), and the people's names between times, so the same few texts come back
 * many times in a row. Small, and emptied when full: it only has to outlive one judgement.
 */
const RECENT_MAX = 64;
const recentlyNormalised = new Map<string, string>();

/** Straight quotes and apostrophes, plain dashes, single spaces. */
export function normalise(text: string): string {
  let normalised = recentlyNormalised.get(text);
  if (normalised === undefined) {
    if (recentlyNormalised.size >= RECENT_MAX) recentlyNormalised.clear();
    recentlyNormalised.set(text, (normalised = normaliseAnew(text)));
  }
  return normalised;
}

function normaliseAnew(text: string): string {
  return text
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u2013\u2014\u2212]/g, ' - ')
    .replace(/\u00A0/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Lower-cased, normalised text. */
export function lower(text: string): string {
  return lowerCase(normalise(text));
}

let lastText = '';
let lastLowered = '';

/**
 * The text in lower case, as written (not normalised: `lower` is that); the last one is kept, as the judges
 * ask for the same text's lower case once per word list, pattern list or name.
 */
export function lowerCase(text: string): string {
  if (text !== lastText) [lastText, lastLowered] = [text, text.toLowerCase()];
  return lastLowered;
}

const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'e.g', 'i.e', 'etc', 'approx', 'vs', 'pc', 'dc', 'ds', 'sgt']);

/**
 * Sentences of a text. Splits after `.`, `!` or `?` (optionally followed by a closing quote or bracket) when
 * the next non-space character starts a new sentence; does not split after common abbreviations ("Mrs.") or
 * inside numbers ("3.5"). Line breaks count as spaces.
 */
export function splitSentences(text: string): string[] {
  const t = normalise(text);
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < t.length; i++) {
    const ch = t[i];
    if (ch !== '.' && ch !== '!' && ch !== '?') continue;
    let end = i + 1;
    while (end < t.length && /["')\]]/.test(t[end]!)) end++;
    if (end < t.length && t[end] !== ' ') continue;
    const next = t.slice(end).trimStart();
    if (next.length === 0) continue;
    if (!/^["'([]?[A-Z0-9]/.test(next)) continue;
    if (ch === '.') {
      const word = /([A-Za-z.]+)$/.exec(t.slice(start, i))?.[1]?.toLowerCase() ?? '';
      if (ABBREVIATIONS.has(word)) continue;
    }
    out.push(t.slice(start, end).trim());
    start = end;
  }
  const rest = t.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

/** Lower-cased word tokens (letters, digits, inner apostrophes and hyphens). */
export function words(text: string): string[] {
  return lower(text).match(/[a-z0-9]+(?:['-][a-z0-9]+)*/g) ?? [];
}

/** Number of words. */
export function wordCount(text: string): number {
  return words(text).length;
}

/** A very light suffix stripper, good enough to compare words across an event and its impact. */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/'s$/, '');
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ied')) w = w.slice(0, -3) + 'y';
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 4 && w.endsWith('ies')) w = w.slice(0, -3) + 'y';
  else if (w.length > 3 && w.endsWith('es') && /(ss|sh|ch|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const phraseCache = new Map<string, RegExp>();

/**
 * A case-insensitive regular expression for a plain phrase: words match at word boundaries, any run of
 * spaces matches any run of whitespace, and an apostrophe matches a straight or curly one.
 */
export function phraseRegExp(phrase: string): RegExp {
  let re = phraseCache.get(phrase);
  if (!re) {
    const p = normalise(phrase).toLowerCase();
    const body = escapeRegExp(p).replace(/ /g, '\\s+').replace(/'/g, "['\u2019]");
    const pre = /^\w/.test(p) ? '\\b' : '';
    const post = /\w$/.test(p) ? '\\b' : '';
    re = new RegExp(`${pre}${body}${post}`, 'gi');
    phraseCache.set(phrase, re);
  }
  re.lastIndex = 0;
  return re;
}

const patternCache = new Map<string, RegExp>();

/** Matches nothing: stands in for a pattern that does not compile. */
const NEVER = /(?!)/g;

/**
 * A case-insensitive, global regular expression from a pattern string of the policy (JavaScript syntax).
 * A pattern that does not compile matches nothing (the policy schema should have refused it; see
 * `isValidPattern`), so a bad policy never crashes a rule.
 */
export function patternRegExp(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    try {
      re = new RegExp(pattern, 'gi');
    } catch {
      re = NEVER;
    }
    patternCache.set(pattern, re);
  }
  re.lastIndex = 0;
  return re;
}

/** True if `pattern` has been made (and is kept): using it again costs no compilation. */
export function isMade(pattern: string): boolean {
  return patternCache.has(pattern);
}

/** A match of a phrase or pattern in a text. */
export interface TextMatch {
  /** What was configured (the phrase or pattern). */
  readonly rule: string;
  /** The text that matched, as written. */
  readonly text: string;
  readonly index: number;
}

const phraseStarts = new Map<string, string>();

/**
 * The letters and digits a phrase starts with, in lower case: its pattern starts with them as written (they
 * need no escaping), and in a pattern that ignores case an ASCII letter matches only that letter in either
 * case, so a text whose lower-case form does not hold them cannot match the phrase.
 */
function phraseStart(phrase: string): string {
  let start = phraseStarts.get(phrase);
  if (start === undefined) phraseStarts.set(phrase, (start = /^[a-z0-9]*/.exec(normalise(phrase).toLowerCase())![0]));
  return start;
}

/** Every match of the given plain phrases in a text (already normalised or not). */
export function findPhrases(text: string, phrases: readonly string[]): TextMatch[] {
  const t = normalise(text);
  // Most phrases of a list are not in a given text: one substring search rules each out before its pattern runs.
  const lowered = lowerCase(t);
  const out: TextMatch[] = [];
  for (const phrase of phrases) {
    if (!lowered.includes(phraseStart(phrase))) continue;
    const re = phraseRegExp(phrase);
    for (let m = re.exec(t); m; m = re.exec(t)) {
      out.push({ rule: phrase, text: m[0], index: m.index });
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/**
 * Every match of the given regular-expression patterns in a text. A pattern whose literals the text lacks is
 * passed over unless `unfiltered` (the caller has checked them already).
 */
export function findPatterns(text: string, patterns: readonly string[], unfiltered = false): TextMatch[] {
  const t = normalise(text);
  const lowered = lowerCase(t);
  const out: TextMatch[] = [];
  for (const pattern of patterns) {
    if (!unfiltered && !mayMatch(pattern, lowered)) continue;
    const re = patternRegExp(pattern);
    for (let m = re.exec(t); m; m = re.exec(t)) {
      out.push({ rule: pattern, text: m[0], index: m.index });
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Distinct values, first occurrence kept. */
export function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/** The given name of a person: the first word of their name. */
export function givenName(name: string): string {
  return normalise(name).split(' ')[0] ?? '';
}

/** True if `text` holds `word` as a whole word, case-insensitively. */
export function hasWord(text: string, word: string): boolean {
  if (!word.trim()) return false;
  return phraseRegExp(word).test(normalise(text));
}

// ---- closed word classes (grammar, not policy) ----

export const PREPOSITIONS: ReadonlySet<string> = new Set([
  'to',
  'with',
  'at',
  'for',
  'about',
  'of',
  'from',
  'by',
  'towards',
  'toward',
  'behind',
  'near',
  'after',
  'before',
  'on',
  'in',
  'into',
  'through',
  'via',
  'between',
  'without',
  'like',
  'than',
  'against',
  'around',
  'beside',
  'under',
  'over',
]);

export const DETERMINERS: ReadonlySet<string> = new Set([
  'the',
  'a',
  'an',
  'his',
  'her',
  'their',
  'my',
  'our',
  'your',
  'its',
  'this',
  'that',
  'these',
  'those',
  'both',
  'all',
  'each',
  'every',
  'baby',
  'little',
  'older',
  'younger',
  'new',
]);

export const COPULAS: ReadonlySet<string> = new Set([
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'being',
  'seems',
  'seemed',
  'appears',
  'appeared',
  'looks',
  'looked',
  'feels',
  'felt',
  'remains',
  'remained',
  'become',
  'became',
  "isn't",
  "aren't",
  "wasn't",
]);

export const NEGATIONS: ReadonlySet<string> = new Set([
  'not',
  'never',
  "didn't",
  "don't",
  "doesn't",
  "wouldn't",
  "won't",
  "couldn't",
  "can't",
  'cannot',
  "hasn't",
  "haven't",
  "hadn't",
  'unable',
  'refused',
  'declined',
  'no',
]);

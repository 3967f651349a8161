/**
 * Who is who in a passage: a small, explainable reading of English prose that finds the people mentioned
 * (children, adults, the worker), who is the subject of a verb, and what a pronoun refers to. Used by the
 * child's-voice heuristic, and to build the `{child}` token of the other heuristics' patterns.
 *
 * It is deliberately shallow (no parser): subjects are found by looking back from a verb for a person who
 * stands at the start of a clause; pronouns resolve to the subject of their own or the previous sentence,
 * else to the nearest person who agrees in gender and number.
 */
import { CHILD_NAME_TOKEN, CHILD_TOKEN, type PersonWords, type VoiceHeuristicConfig } from './config.js';
import { DETERMINERS, PREPOSITIONS, givenName, normalise, splitSentences } from './text.js';

/** The names the case declares, when the caller knows them (the rules always do). */
export interface PeopleContext {
  /** Children the entry is about: given names, full names or ids. */
  readonly children?: readonly string[];
  /** Adults of the case (family members and workers): given names, full names or ids. */
  readonly adults?: readonly string[];
}

export type PersonKind = 'child' | 'adult' | 'worker' | 'other';
type Gender = 'f' | 'm' | '?';
type Num = 'sg' | 'pl';

export interface Token {
  readonly lower: string;
  readonly text: string;
  /** The words of a masked quotation, when this token stands for one. */
  readonly quote?: string;
}

export interface Mention {
  readonly start: number;
  readonly end: number; // exclusive
  kind: PersonKind;
  readonly gender: Gender;
  readonly number: Num;
  readonly text: string;
  readonly pronoun?: 'he' | 'she' | 'they';
  /** Standing at the start of a clause, so it can be a subject. */
  readonly subjectPosition: boolean;
  readonly possessive: boolean;
  /** Set on the first of "A and B": the kind of the group, which "they" can refer to. */
  groupKind?: PersonKind;
}

export interface Sentence {
  /** The sentence as written (quotations restored). */
  readonly text: string;
  readonly tokens: Token[];
  readonly mentions: Mention[];
}

export const QUOTE = '\u27E6q\u27E7';

const CLAUSE_STARTERS = new Set([
  ',',
  ';',
  ':',
  'and',
  'but',
  'then',
  'when',
  'that',
  'because',
  'so',
  'while',
  'whilst',
  'as',
  'if',
  'who',
  'though',
  'although',
  'until',
  'once',
  'since',
  'where',
  'whether',
  'or',
  'also',
  'later',
  'now',
  QUOTE,
]);

interface PhraseEntry {
  readonly words: string[];
  readonly kind: PersonKind;
  readonly gender: Gender;
  readonly number: Num;
}

function personPhrases(words: PersonWords, kind: PersonKind): PhraseEntry[] {
  const out: PhraseEntry[] = [];
  const add = (list: readonly string[], gender: Gender, number: Num) => {
    for (const w of list) out.push({ words: normalise(w).toLowerCase().split(' '), kind, gender, number });
  };
  add(words.female, 'f', 'sg');
  add(words.male, 'm', 'sg');
  add(words.neutral, '?', 'sg');
  add(words.plural, '?', 'pl');
  return out;
}

/** What a passage is read with, derived from the voice config once (a new policy is a new config object). */
interface PassageWords {
  /** The role words ("mum", "foster carer"), by their first word; each list longest phrase first. */
  readonly roleWords: ReadonlyMap<string, readonly RoleWord[]>;
  readonly notNames: ReadonlySet<string>;
  readonly titles: ReadonlySet<string>;
  /** Words that, after a capitalised word, make it a name ("Kai said", "Kai is"). */
  readonly nameFollowers: ReadonlySet<string>;
}

/** A role word with its place in the table: the first phrase in table order wins, as in a scan of the table. */
interface RoleWord {
  readonly entry: PhraseEntry;
  readonly order: number;
}

const passageWordsByConfig = new WeakMap<VoiceHeuristicConfig, PassageWords>();

function passageWords(config: VoiceHeuristicConfig): PassageWords {
  let words = passageWordsByConfig.get(config);
  if (!words) {
    words = {
      roleWords: roleWordIndex(config),
      notNames: new Set(config.notNames.map((n) => n.toLowerCase())),
      titles: new Set(config.adultTitles.map((t) => t.toLowerCase())),
      nameFollowers: new Set(
        [
          ...config.speechVerbs,
          ...config.attributionVerbs,
          ...config.observationVerbs,
          'is',
          'was',
          'has',
          'had',
          'and',
          'does',
          'did',
          'would',
          'will',
        ].map((w) => w.toLowerCase().split(' ')[0]!),
      ),
    };
    passageWordsByConfig.set(config, words);
  }
  return words;
}

function roleWordIndex(config: VoiceHeuristicConfig): Map<string, RoleWord[]> {
  const table = [...personPhrases(config.adultWords, 'adult'), ...personPhrases(config.childWords, 'child')];
  // Longest phrases first, so "foster carer" wins over "carer" and "school nurse" over "school".
  table.sort((a, b) => b.words.length - a.words.length);
  const index = new Map<string, RoleWord[]>();
  table.forEach((entry, order) => {
    const first = entry.words[0]!;
    let list = index.get(first);
    if (!list) index.set(first, (list = []));
    list.push({ entry, order });
  });
  return index;
}

/**
 * The role phrase that starts at token `i`, the first in table order. A one-word phrase matches the word
 * without its "'s" ("mum's"); a longer one matches its first word as written and its last without "'s".
 * Only phrases whose first word is the token (or the token without "'s") can match, so only those are tried.
 */
function roleWordAt(tokens: readonly Token[], i: number, index: PassageWords['roleWords']): PhraseEntry | undefined {
  const written = tokens[i]!.lower;
  const bare = withoutPossessive(written);
  const first = firstMatching(index.get(written), tokens, i);
  const second = bare === written ? undefined : firstMatching(index.get(bare), tokens, i);
  if (!first || !second) return (first ?? second)?.entry;
  return first.order < second.order ? first.entry : second.entry;
}

function firstMatching(candidates: readonly RoleWord[] | undefined, tokens: readonly Token[], i: number): RoleWord | undefined {
  return candidates?.find(({ entry }) => {
    const n = entry.words.length;
    if (i + n > tokens.length) return false;
    for (let k = 0; k < n; k++) {
      const w = k === n - 1 ? withoutPossessive(tokens[i + k]!.lower) : tokens[i + k]!.lower;
      if (w !== entry.words[k]) return false;
    }
    return true;
  });
}

function withoutPossessive(lower: string): string {
  return lower.endsWith("'s") ? lower.slice(0, -2) : lower;
}

const nameSets = new WeakMap<readonly string[], Set<string>>();

/** The names' lower-cased forms and given names; kept per list, as the rules pass one list per case and children. */
function nameSet(names: readonly string[] | undefined): Set<string> {
  if (!names) return new Set();
  let out = nameSets.get(names);
  if (!out) {
    out = new Set<string>();
    for (const n of names) {
      const norm = normalise(n).toLowerCase();
      if (!norm) continue;
      out.add(norm.split(' ')[0]!);
      out.add(norm);
    }
    nameSets.set(names, out);
  }
  return out;
}

/**
 * Masks quotations (each becomes one token holding its words) and drops short parenthetical asides such
 * as ages "(9)" or "(then 3)", so that the words inside quotations are never read as the recorder's own.
 */
export function maskQuotes(text: string): { masked: string; quotes: string[] } {
  const quotes: string[] = [];
  let t = normalise(text).replace(/\([^()]{0,25}\)/g, ' ');
  const replace = (_m: string, pre: string, inner: string) => {
    quotes.push(inner);
    const end = /[.!?]$/.test(inner.trim()) ? '.' : '';
    return `${pre} ${QUOTE}${quotes.length - 1}${end} `;
  };
  t = t.replace(/(^|)"([^"]*)"/g, replace);
  t = t.replace(/(^|[\s(])'([^'\n]{1,80}?)'(?=[\s.,;:!?)]|$)/g, replace);
  return { masked: t.replace(/\s+/g, ' ').trim(), quotes };
}

function tokenise(sentence: string, quotes: readonly string[]): Token[] {
  const out: Token[] = [];
  const re = new RegExp(`${QUOTE}(\\d+)|[A-Za-z][A-Za-z'-]*|\\d+(?:\\.\\d+)?%?|[,;:]`, 'g');
  for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
    if (m[1] !== undefined) {
      out.push({ lower: QUOTE, text: `"${quotes[Number(m[1])] ?? ''}"`, quote: quotes[Number(m[1])] ?? '' });
    } else {
      const text = m[0].replace(/'$/, '');
      out.push({ lower: text.toLowerCase(), text });
    }
  }
  return out;
}

function isCapitalised(word: string): boolean {
  return /^[A-Z][a-z]/.test(word);
}

/**
 * The sentences of a passage, tokenised, with the people mentioned in each; he / she / they are resolved
 * to the kind of person they refer to.
 */
export function readPassage(text: string, config: VoiceHeuristicConfig, context: PeopleContext = {}): Sentence[] {
  const { masked, quotes } = maskQuotes(text);
  const children = nameSet(context.children);
  const adults = nameSet(context.adults);
  const namesKnown = children.size > 0;
  const { roleWords, notNames, titles, nameFollowers } = passageWords(config);
  const split = splitSentences(masked);
  const midSentenceCaps = new Set<string>();
  for (const s of split) {
    const words = s.match(/[A-Za-z][A-Za-z'-]*/g) ?? [];
    words.slice(1).forEach((w) => {
      if (isCapitalised(w)) midSentenceCaps.add(w.toLowerCase().replace(/'s$/, ''));
    });
  }
  const sentences: Sentence[] = [];
  for (const s of split) {
    const tokens = tokenise(s, quotes);
    const mentions: Mention[] = [];
    const startsClause = (i: number): boolean => {
      let j = i - 1;
      while (j >= 0 && (DETERMINERS.has(tokens[j]!.lower) || /'s$/.test(tokens[j]!.lower))) j--;
      return j < 0 || CLAUSE_STARTERS.has(tokens[j]!.lower) || tokens[j]!.lower.startsWith(QUOTE);
    };
    for (let i = 0; i < tokens.length;) {
      const tok = tokens[i]!;
      const lowerNoPoss = withoutPossessive(tok.lower);
      const possessive = tok.lower.endsWith("'s");
      const push = (len: number, kind: PersonKind, gender: Gender, number: Num, pronoun?: Mention['pronoun']) => {
        const last = tokens[i + len - 1]!;
        mentions.push({
          start: i,
          end: i + len,
          kind,
          gender,
          number,
          pronoun,
          text: tokens
            .slice(i, i + len)
            .map((t) => t.text)
            .join(' '),
          subjectPosition: pronoun !== undefined || startsClause(i),
          possessive: /'s$/.test(last.lower) || (pronoun === undefined && possessive),
        });
        i += len;
      };
      // pronouns
      if (tok.lower === 'he' || tok.lower === 'she') {
        push(1, 'other', tok.lower === 'he' ? 'm' : 'f', 'sg', tok.lower);
        continue;
      }
      if (tok.lower === 'they') {
        push(1, 'other', '?', 'pl', 'they');
        continue;
      }
      if (tok.lower === 'i' || tok.lower === 'we') {
        push(1, 'worker', '?', tok.lower === 'we' ? 'pl' : 'sg');
        continue;
      }
      // titles: "Mrs Dale", "PC Jones"
      if (titles.has(tok.lower.replace(/\.$/, '')) && isCapitalised(tok.text) && tokens[i + 1] && isCapitalised(tokens[i + 1]!.text)) {
        push(2, 'adult', tok.lower === 'mr' ? 'm' : /^(mrs|ms|miss|sister)$/.test(tok.lower) ? 'f' : '?', 'sg');
        continue;
      }
      // names the case declares
      if (children.has(lowerNoPoss)) {
        push(1, 'child', '?', 'sg');
        continue;
      }
      if (adults.has(lowerNoPoss)) {
        push(1, 'adult', '?', 'sg');
        continue;
      }
      // role words: "mum", "foster carer", "both children"
      const role = roleWordAt(tokens, i, roleWords);
      if (role) {
        push(role.words.length, role.kind, role.gender, role.number);
        continue;
      }
      // other capitalised words: a name the case may not declare
      if (isCapitalised(tok.text) && !notNames.has(lowerNoPoss) && !PREPOSITIONS.has(lowerNoPoss)) {
        const next = tokens[i + 1]?.lower ?? '';
        const isName = i > 0 || possessive || midSentenceCaps.has(lowerNoPoss) || nameFollowers.has(next);
        if (isName) {
          push(1, namesKnown ? 'other' : 'child', '?', 'sg');
          continue;
        }
      }
      i++;
    }
    for (let k = 0; k + 1 < mentions.length; k++) {
      const a = mentions[k]!;
      const b = mentions[k + 1]!;
      const between = tokens
        .slice(a.end, b.start)
        .map((t) => t.lower)
        .filter((w) => !DETERMINERS.has(w));
      if (between.length === 1 && (between[0] === 'and' || between[0] === ',')) {
        a.groupKind = a.kind === 'adult' || b.kind === 'adult' ? 'adult' : a.kind;
      }
    }
    const restored = s.replace(new RegExp(`${QUOTE}(\\d+)\\.?`, 'g'), (_m, n: string) => `"${quotes[Number(n)] ?? ''}"`);
    sentences.push({ text: restored, tokens, mentions });
  }
  resolvePronouns(sentences);
  return sentences;
}

function agrees(pronoun: Mention, m: Mention): boolean {
  if (m.kind === 'worker') return false;
  if (pronoun.pronoun === 'they') return m.number === 'pl' || m.groupKind !== undefined;
  if (m.number !== 'sg') return false;
  if (pronoun.pronoun === 'she') return m.gender !== 'm';
  return m.gender !== 'f';
}

/** Resolves he / she / they in place to the kind of person they refer to (default: a child). */
function resolvePronouns(sentences: Sentence[]): void {
  const resolved = new Map<Mention, Mention>();
  const target = (m: Mention): Mention => resolved.get(m) ?? m;
  const subjectOf = (s: Sentence, before = Infinity): Mention | undefined =>
    s.mentions.find((m) => m.start < before && m.subjectPosition && !m.possessive && m.kind !== 'worker');
  for (let si = 0; si < sentences.length; si++) {
    const s = sentences[si]!;
    for (const m of s.mentions) {
      if (!m.pronoun) continue;
      let ante: Mention | undefined;
      const own = subjectOf(s, m.start);
      if (own && agrees(m, target(own))) ante = target(own);
      if (!ante && si > 0) {
        const prev = subjectOf(sentences[si - 1]!);
        if (prev && agrees(m, target(prev))) ante = target(prev);
      }
      if (!ante) {
        outer: for (let sj = si; sj >= 0; sj--) {
          const ms = sentences[sj]!.mentions;
          for (let k = ms.length - 1; k >= 0; k--) {
            const c = ms[k]!;
            if (sj === si && c.start >= m.start) continue;
            if (c === m) continue;
            if (agrees(m, target(c))) {
              ante = target(c);
              break outer;
            }
          }
        }
      }
      if (ante) {
        resolved.set(m, ante);
        m.kind = m.pronoun === 'they' && ante.number === 'sg' && ante.groupKind ? ante.groupKind : ante.kind;
      } else {
        m.kind = 'child';
      }
    }
  }
}

/**
 * The subject of the verb at token `i`: the nearest person before it (within `window` tokens, not crossing
 * a semicolon) who stands at the start of a clause, or, after a quotation ("…," said Kai), the person
 * right after the verb.
 */
export function subjectOf(s: Sentence, i: number, window: number): Mention | undefined {
  for (let k = s.mentions.length - 1; k >= 0; k--) {
    const m = s.mentions[k]!;
    if (m.end > i) continue;
    if (i - m.end >= window) break;
    const between = s.tokens.slice(m.end, i);
    if (between.some((t) => t.lower === ';')) break;
    if (m.possessive || !m.subjectPosition) continue;
    return m;
  }
  const prev = s.tokens[i - 1]?.lower ?? '';
  if (prev.startsWith(QUOTE) || prev === ',') {
    const after = s.mentions.find((m) => m.start === i + 1);
    if (after) return after;
  }
  return undefined;
}

const CHILD_WORDS_RE = String.raw`(?:the |both |each |all |our |her |his |their )?(?:child|children|baby|young person|young people|boy|girl|boys|girls|siblings|kids|toddler|infant|newborn|unborn baby)`;
const CHILD_PRONOUNS_RE = String.raw`(?:he|she|they|him|her|them|his|their)`;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Capitalised words that look like people's names in a passage (used when the caller gives no names):
 * words capitalised mid-sentence, or possessive, that are not known non-names, role words or titles.
 */
export function likelyNames(text: string, config: VoiceHeuristicConfig): string[] {
  const notNames = new Set(config.notNames.map((n) => n.toLowerCase()));
  const roles = new Set(
    [
      ...config.adultWords.female,
      ...config.adultWords.male,
      ...config.adultWords.neutral,
      ...config.adultWords.plural,
      ...config.adultTitles,
    ].map((w) => w.toLowerCase()),
  );
  const out = new Set<string>();
  for (const s of splitSentences(maskQuotes(text).masked)) {
    const toks = s.match(/[A-Za-z][A-Za-z'-]*/g) ?? [];
    toks.forEach((w, i) => {
      const base = w.replace(/'s$/, '');
      if (!isCapitalised(base) || notNames.has(base.toLowerCase()) || roles.has(base.toLowerCase())) return;
      if (i > 0 && roles.has((toks[i - 1] ?? '').toLowerCase().replace(/\.$/, '')) && /^[A-Z]/.test(toks[i - 1] ?? '')) return;
      if (i > 0 || /'s$/.test(w)) out.add(base);
    });
  }
  return [...out];
}

/**
 * Expands `{child}` in a pattern to an alternation of references to a child: the given names (or, without
 * them, the likely names in the text), child words and third-person pronouns, each optionally possessive.
 * `nameAlternative`, when given, stands in the place of the names (a pattern of its own).
 */
export function expandChildToken(pattern: string, names: readonly string[], nameAlternative?: string): string {
  if (!pattern.includes(CHILD_TOKEN) && !pattern.includes(CHILD_NAME_TOKEN)) return pattern;
  const nameAlt =
    nameAlternative ??
    names
      .map((n) => givenName(n))
      .filter((n) => n.length > 0)
      .map(escapeRegExp)
      .join('|');
  const alt = `(?:${CHILD_WORDS_RE}|${CHILD_PRONOUNS_RE}${nameAlt ? `|${nameAlt}` : ''})(?:'s)?`;
  const nounAlt = `(?:${CHILD_WORDS_RE}${nameAlt ? `|${nameAlt}` : ''})(?:'s)?`;
  return pattern.split(CHILD_TOKEN).join(alt).split(CHILD_NAME_TOKEN).join(nounAlt);
}

const nameFinders = new Map<string, RegExp>();

/**
 * The given names (each once, first occurrence kept) that occur in `text` as `{child}` would match them:
 * anywhere, case-insensitively. A name the text does not hold can never match, so leaving it out of the
 * expansion changes no match; it lets texts that hold the same names share one compiled pattern, where
 * compiling a pattern per case's names cost more than matching it.
 */
export function givenNamesIn(text: string, names: readonly string[]): string[] {
  const out: string[] = [];
  for (const name of names) {
    const given = givenName(name);
    if (given.length === 0 || out.includes(given)) continue;
    let finder = nameFinders.get(given);
    if (!finder) nameFinders.set(given, (finder = new RegExp(escapeRegExp(given), 'i')));
    if (finder.test(text)) out.push(given);
  }
  return out;
}

/**
 * The names in lower case where that is the same alternative to a pattern that ignores case: in plain ASCII,
 * "Wren" and the id `wren` are one name, so texts about Wren share one compiled pattern however her name came.
 */
export function namesIgnoringCase(names: readonly string[]): string[] {
  const out: string[] = [];
  for (const name of names) {
    const folded = /^[\x20-\x7E]*$/.test(name) ? name.toLowerCase() : name;
    if (!out.includes(folded)) out.push(folded);
  }
  return out;
}

/** A group that sets its own flags, `(?-i:…)` (newer JavaScript): within it, case may matter after all. */
const FLAG_GROUP = /\(\?[a-z]*-[a-z]*:|\(\?[a-z]+:/;

/** True when a pattern, matched with the `i` flag, ignores case everywhere (no group of its own flags). */
export function ignoresCaseThroughout(pattern: string): boolean {
  return !FLAG_GROUP.test(pattern);
}

/** The names to use for `{child}`: the context's children if given, else the likely names in the text. */
export function childNamesFor(text: string, config: VoiceHeuristicConfig, context: PeopleContext = {}): string[] {
  if (context.children && context.children.length > 0) return [...context.children];
  return likelyNames(text, config);
}

/**
 * True when a policy pattern compiles as the heuristics use it: `{child}` and `{childname}` expanded, flags
 * `gi`, and also with the `u` flag. For the policy schema (a plain `new RegExp(p, 'iu')` rejects `{child}`).
 */
export function isValidPattern(pattern: string): boolean {
  const expanded = expandChildToken(pattern, ['Alex']);
  try {
    new RegExp(expanded, 'gi');
    new RegExp(expanded, 'giu');
    return true;
  } catch {
    return false;
  }
}

/**
 * CR102 child-voice-second-hand and CR104 child-voice-not-individual.
 *
 * A child's-voice passage is direct when it holds at least one of:
 * - the child's own words: a verb of speaking or communicating (said, told me, signed, pointed to, chose…)
 *   whose subject is the child ("Amelia said", "she told me", with "she" resolved to the child);
 * - an observation of the child: a verb of what the worker saw the child do (babbled, reached for, settled,
 *   played, flinched…) with the child as subject, or "was observed", or "I observed <child>";
 * - a direct-work tool used with the child (three houses, safety hand, wishes and feelings booklet…), not
 *   merely planned ("to be", "next visit") and not completed by an adult "on his behalf".
 * Anything an adult reports ("Mum says he babbles all day", "school report she said…", "according to
 * Dad…") is second-hand and does not count, to the end of its clause.
 */
import { defaultVoiceConfig, type VoiceHeuristicConfig } from './config.js';
import { type Mention, type PeopleContext, type Sentence, QUOTE, readPassage, subjectOf } from './people.js';
import { COPULAS, NEGATIONS, givenName, hasWord, normalise, words } from './text.js';

export type { PeopleContext } from './people.js';

export interface VoiceJudgement {
  /** True when the passage holds the child's own words, an observation of the child, or a direct-work tool. */
  direct: boolean;
  /** The evidence found, in plain words ("Amelia said", "observed: Ben babbled", "tool: three houses"). */
  found: string[];
  /** What was looked for, for the message. */
  lookedFor: string;
  /** Adults reporting for the child ("Mum says"), for the message when nothing direct was found. */
  secondHand: string[];
}

interface Phrase {
  readonly text: string;
  readonly words: string[];
}

/** A phrase list by the first word of its phrases; each list longest phrase first, as in the sorted list. */
type PhraseIndex = ReadonlyMap<string, readonly Phrase[]>;

const phraseIndexes = new WeakMap<readonly string[], PhraseIndex>();

/** Only phrases whose first word is a token's can start there, so each token looks up its own few. */
function phraseIndex(list: readonly string[]): PhraseIndex {
  let index = phraseIndexes.get(list);
  if (!index) {
    const sorted = list
      .map((text) => ({ text, words: normalise(text).toLowerCase().split(' ') }))
      .sort((a, b) => b.words.length - a.words.length);
    const byFirstWord = new Map<string, Phrase[]>();
    for (const phrase of sorted) {
      const first = phrase.words[0]!;
      let same = byFirstWord.get(first);
      if (!same) byFirstWord.set(first, (same = []));
      same.push(phrase);
    }
    phraseIndexes.set(list, (index = byFirstWord));
  }
  return index;
}

function matchAt(tokens: readonly { lower: string }[], i: number, p: Phrase): boolean {
  if (i + p.words.length > tokens.length) return false;
  for (let k = 0; k < p.words.length; k++) if (tokens[i + k]!.lower !== p.words[k]) return false;
  return true;
}

/** Every (position, phrase) where a phrase of the list starts, longest first, no overlaps. */
function findAll(tokens: readonly { lower: string }[], list: readonly string[]): { at: number; phrase: Phrase }[] {
  const index = phraseIndex(list);
  const out: { at: number; phrase: Phrase }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const p = index.get(tokens[i]!.lower)?.find((q) => matchAt(tokens, i, q));
    if (p) {
      out.push({ at: i, phrase: p });
      i += p.words.length - 1;
    }
  }
  return out;
}

function isClauseBreak(lower: string): boolean {
  return lower === ';' || lower === 'but';
}

function negatedBefore(s: Sentence, i: number): boolean {
  for (let k = Math.max(0, i - 3); k < i; k++) if (NEGATIONS.has(s.tokens[k]!.lower)) return true;
  return false;
}

/** "is settled", "are happy and settled": an adjective after a copula, not something the child did. */
function afterCopula(s: Sentence, i: number): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 4); k--) {
    const w = s.tokens[k]!.lower;
    if (COPULAS.has(w)) return true;
    if (s.mentions.some((m) => m.start <= k && k < m.end)) return false;
    if (
      w !== 'and' &&
      w !== ',' &&
      w !== 'very' &&
      w !== 'quite' &&
      w !== 'more' &&
      w !== 'well' &&
      !/ly$/.test(w) &&
      !/^(happy|calm|content|safe|quiet|clean)$/.test(w)
    )
      return false;
  }
  return false;
}

interface Attribution {
  readonly at: number;
  readonly text: string;
  readonly wholeClause: boolean;
}

function attributions(s: Sentence, config: VoiceHeuristicConfig): Attribution[] {
  const out: Attribution[] = [];
  for (const { at, phrase } of findAll(s.tokens, config.attributionVerbs)) {
    const subj = subjectOf(s, at, config.subjectWindow);
    if (subj && (subj.kind === 'adult' || subj.kind === 'other')) out.push({ at, text: `${subj.text} ${phrase.text}`, wholeClause: false });
  }
  for (const { at, phrase } of findAll(s.tokens, config.attributionPhrases)) {
    const next = s.mentions.find((m) => m.start >= at + phrase.words.length && m.start <= at + phrase.words.length + 2);
    if (next && (next.kind === 'adult' || next.kind === 'other')) out.push({ at, text: `${phrase.text} ${next.text}`, wholeClause: true });
  }
  return out;
}

function clauseBounds(s: Sentence, i: number): [number, number] {
  let a = i;
  while (a > 0 && s.tokens[a - 1]!.lower !== ';') a--;
  let b = i;
  while (b < s.tokens.length && s.tokens[b]!.lower !== ';') b++;
  return [a, b];
}

function secondHandAt(s: Sentence, i: number, attrs: readonly Attribution[]): boolean {
  return attrs.some((a) => {
    if (a.wholeClause) {
      const [lo, hi] = clauseBounds(s, a.at);
      return i >= lo && i < hi;
    }
    if (a.at >= i) return false;
    for (let k = a.at + 1; k < i; k++) if (isClauseBreak(s.tokens[k]!.lower)) return false;
    return true;
  });
}

function childSubject(s: Sentence, i: number, config: VoiceHeuristicConfig): Mention | undefined {
  const subj = subjectOf(s, i, config.subjectWindow);
  return subj && subj.kind === 'child' ? subj : undefined;
}

/** The words of the passage with each quotation's words laid out in place (for tool names in quotes). */
function expandedTokens(s: Sentence): { lower: string; pos: number }[] {
  const out: { lower: string; pos: number }[] = [];
  s.tokens.forEach((t, pos) => {
    if (t.lower === QUOTE && t.quote !== undefined) for (const w of words(t.quote)) out.push({ lower: w, pos });
    else out.push({ lower: t.lower, pos });
  });
  return out;
}

/**
 * CR102: does the child's-voice text hold the child's own words, an observation of the child, or a
 * direct-work tool? `context` gives the names the case declares (children of the entry, adults of the
 * case); without it, unknown capitalised names are taken to be the child's.
 */
export function judgeChildVoice(
  text: string,
  config: VoiceHeuristicConfig = defaultVoiceConfig,
  context: PeopleContext = {},
): VoiceJudgement {
  // Sets keep the first occurrence of each in order: a long text may hold thousands (a list's `includes` per
  // item took time by the square).
  const found = new Set<string>();
  const secondHand = new Set<string>();
  const add = (list: Set<string>, item: string) => list.add(item);
  for (const s of readPassage(text, config, context)) {
    const attrs = attributions(s, config);
    for (const a of attrs) add(secondHand, a.text);
    const usable = (i: number) => !secondHandAt(s, i, attrs) && !negatedBefore(s, i);

    for (const { at, phrase } of findAll(s.tokens, config.speechVerbs)) {
      if (!usable(at)) continue;
      const subj = childSubject(s, at, config);
      if (subj) add(found, `${subj.text} ${phrase.text}`);
    }
    for (const { at, phrase } of findAll(s.tokens, config.observationVerbs)) {
      if (!usable(at) || afterCopula(s, at)) continue;
      const subj = childSubject(s, at, config);
      if (subj) add(found, `observed: ${subj.text} ${phrase.text}`);
    }
    for (const { at, phrase } of findAll(s.tokens, config.passiveObservation)) {
      if (!usable(at)) continue;
      const subj = childSubject(s, at, config);
      if (subj) add(found, `observed: ${subj.text} ${phrase.text}`);
    }
    for (const { at, phrase } of findAll(s.tokens, config.workerObservation)) {
      if (!usable(at)) continue;
      const obj = s.mentions.find((m) => m.start >= at + phrase.words.length && m.start <= at + phrase.words.length + 3);
      if (obj && obj.kind === 'child') add(found, `observed: ${phrase.text} ${obj.text}`);
    }
    const expanded = expandedTokens(s);
    for (const { at, phrase } of findAll(expanded, config.directWorkTools)) {
      const pos = expanded[at]!.pos;
      if (!usable(pos)) continue;
      const [lo, hi] = clauseBounds(s, pos);
      const clause = s.tokens.slice(lo, hi);
      if (findAll(clause, config.notDoneMarkers).length > 0) continue;
      const subj = subjectOf(s, pos, config.subjectWindow);
      if (subj && (subj.kind === 'adult' || subj.kind === 'other')) continue;
      add(found, `tool: ${phrase.text}`);
    }
  }
  return { direct: found.size > 0, found: [...found], lookedFor: config.lookedFor, secondHand: [...secondHand] };
}

/** A child of the entry, as the case declares them. */
export interface NamedChild {
  readonly id: string;
  readonly name: string;
}

/**
 * CR104: the ids of the children that the text does not speak of by given name (the first word of their
 * name) or by id, as a whole word, case-insensitively.
 */
export function childrenNotNamed(text: string, children: readonly NamedChild[]): string[] {
  return children.filter((c) => !hasWord(text, givenName(c.name)) && !hasWord(text, c.id)).map((c) => c.id);
}

/**
 * CR201 analysis-descriptive.
 *
 * An analysis passes when it (1) weighs: enough distinct kinds of analytic signal are present among
 * contrast ("however", "although"), inference ("because", "this means"), judgement ("likely", "on
 * balance", "I recommend"), risk vocabulary and strength vocabulary — so one stray "because" or "risk"
 * in a description does not pass it; (2) says what the information means for the child (a pattern such
 * as "for Amelia this means", "impact on her", "Leo is likely to…"); and (3) is long enough to do so.
 */
import { type AnalysisHeuristicConfig, defaultAnalysisConfig, defaultVoiceConfig } from './config.js';
import { type PeopleContext, childNamesFor, expandChildToken, givenNamesIn, ignoresCaseThroughout, namesIgnoringCase } from './people.js';
import { mayMatch } from './literals.js';
import { findPatterns, findPhrases, isMade, lowerCase, normalise, patternRegExp, unique, wordCount } from './text.js';

export type AnalysisMissing = 'weighing' | 'meaning-for-child' | 'length';

export interface AnalysisJudgement {
  /** What the analysis lacks, in a fixed order: weighing, meaning-for-child, length. Empty = fine. */
  missing: AnalysisMissing[];
  /** What was found ("contrast: however", "risk: risk", "meaning: For Amelia, this means"). */
  found: string[];
  /** The kinds of weighing signal present (contrast, inference, judgement, risk, strength). */
  weighingKinds: string[];
  /** The passage's length in words. */
  words: number;
}

/**
 * Any given name, for the check below: a run of up to MAX_CHECKED_NAME characters other than spaces. A pattern
 * whose names are replaced by it matches wherever the pattern with the names does (the names hold no space
 * and are no longer, and matching them ignoring case keeps their length), and it is made once, not per name.
 */
const MAX_CHECKED_NAME = 40;
const ANY_NAME = String.raw`\S{1,${MAX_CHECKED_NAME}}`;
/** Longer texts are matched as they were: the check would scan them once more, slowly (\S runs backtrack). */
const MAX_CHECKED_TEXT = 20_000;
/** Inside a negative look-around, a pattern that matches more makes the whole match less. */
const NEGATIVE_LOOKAROUND = /\(\?<?!/;

/** The patterns made for some set of names so far. */
const madeWithNames = new Set<string>();

/**
 * Matches of patterns that may hold `{child}`, expanded with those of the given names the text holds.
 *
 * A pattern holding names is made for the names (a case's children's, as a rule: every case anew), and making
 * it cost more than matching it: with each case's children named as in no other, the bench's 2,000 cases made
 * 18,476 patterns (1,675 with this check). So a pattern is first matched with ANY_NAME in the names' place, made
 * once for all names: where that finds nothing, the pattern with the names can find nothing either, and it is
 * not made. The check pays only where a pattern meets many sets of names; until it has been made for one set
 * (one record's check, as a rule), and for a set it has been made for, the pattern with the names is used at
 * once: the check would make a second pattern where one is needed.
 */
export function findChildPatterns(text: string, patterns: readonly string[], names: readonly string[]): string[] {
  const normalised = normalise(text);
  const present = givenNamesIn(normalised, names);
  const folded = namesIgnoringCase(present);
  const checkable = normalised.length <= MAX_CHECKED_TEXT && present.every((name) => name.length <= MAX_CHECKED_NAME && !/\s/.test(name));
  const lowered = lowerCase(normalised);
  const expanded: string[] = [];
  for (const pattern of patterns) {
    // The literals of the pattern with any name: those it holds besides the names.
    const anyName = withAnyName(pattern);
    if (!mayMatch(anyName, lowered)) continue;
    const own = ignoresCaseThroughout(pattern) ? folded : present;
    const named = expandChildToken(pattern, own);
    if (own.length > 0 && checkable && !NEGATIVE_LOOKAROUND.test(pattern) && madeWithNames.has(pattern) && !isMade(named)) {
      if (!patternRegExp(anyName).test(normalised)) continue;
    }
    if (own.length > 0) madeWithNames.add(pattern);
    expanded.push(named);
  }
  return unique(findPatterns(text, expanded, true).map((m) => m.text));
}

const anyNameForms = new Map<string, string>();

/** A pattern with ANY_NAME in the place of `{child}` and `{childname}` (the pattern itself if it has neither). */
export function withAnyName(pattern: string): string {
  let form = anyNameForms.get(pattern);
  if (form === undefined) anyNameForms.set(pattern, (form = expandChildToken(pattern, [], ANY_NAME)));
  return form;
}

export function judgeAnalysis(
  text: string,
  config: AnalysisHeuristicConfig = defaultAnalysisConfig,
  context: PeopleContext = {},
): AnalysisJudgement {
  const found: string[] = [];
  const kinds: [string, string[]][] = [
    ['contrast', unique(findPhrases(text, config.contrast).map((m) => m.rule))],
    ['inference', unique(findPhrases(text, config.inference).map((m) => m.rule))],
    ['judgement', unique(findPhrases(text, config.judgement).map((m) => m.rule))],
    ['risk', unique(findPatterns(text, config.riskPatterns).map((m) => m.text.toLowerCase()))],
    ['strength', unique(findPatterns(text, config.strengthPatterns).map((m) => m.text.toLowerCase()))],
  ];
  const weighingKinds: string[] = [];
  for (const [kind, hits] of kinds) {
    if (hits.length === 0) continue;
    weighingKinds.push(kind);
    found.push(`${kind}: ${hits.join(', ')}`);
  }
  const names = childNamesFor(text, defaultVoiceConfig, context);
  const meaning = findChildPatterns(text, config.meaningForChildPatterns, names);
  for (const m of meaning) found.push(`meaning for the child: "${m}"`);
  const words = wordCount(text);
  const missing: AnalysisMissing[] = [];
  if (weighingKinds.length < config.minWeighingKinds) missing.push('weighing');
  if (meaning.length < config.minMeaningMatches) missing.push('meaning-for-child');
  if (words < config.minWords) missing.push('length');
  return { missing, found, weighingKinds, words };
}

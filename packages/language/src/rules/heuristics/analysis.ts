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
import { findPatterns, findPhrases, normalise, unique, wordCount } from './text.js';

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

/** Matches of patterns that may hold `{child}`, expanded with those of the given names the text holds. */
export function findChildPatterns(text: string, patterns: readonly string[], names: readonly string[]): string[] {
  const present = givenNamesIn(normalise(text), names);
  const folded = namesIgnoringCase(present);
  return unique(
    findPatterns(
      text,
      patterns.map((p) => expandChildToken(p, ignoresCaseThroughout(p) ? folded : present)),
    ).map((m) => m.text),
  );
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

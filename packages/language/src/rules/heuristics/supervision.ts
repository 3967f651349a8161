/**
 * CR204 supervision-flagged: a reflection that only lists updates and tasks. It passes when it holds
 * at least `minPresent` of: a hypothesis formed or tested, an analysis of what the information means for
 * the child, a challenge.
 */
import { type SupervisionHeuristicConfig, defaultSupervisionConfig, defaultVoiceConfig } from './config.js';
import { findChildPatterns } from './analysis.js';
import { type PeopleContext, childNamesFor } from './people.js';
import { findPatterns, unique } from './text.js';

export type SupervisionMissing = 'hypothesis' | 'meaning-for-child' | 'challenge';

export interface SupervisionJudgement {
  /** Which of the three are absent, in a fixed order: hypothesis, meaning-for-child, challenge. */
  missing: SupervisionMissing[];
  /** What was found ("hypothesis: we wondered whether", "challenge: challenged"). */
  found: string[];
  /** True when fewer than `minPresent` of the three are present: the rule flags it. */
  flagged: boolean;
}

export function judgeSupervisionReflection(
  text: string,
  config: SupervisionHeuristicConfig = defaultSupervisionConfig,
  context: PeopleContext = {},
): SupervisionJudgement {
  const names = childNamesFor(text, defaultVoiceConfig, context);
  const hits: [SupervisionMissing, string[]][] = [
    ['hypothesis', unique(findPatterns(text, config.hypothesisPatterns).map((m) => m.text))],
    ['meaning-for-child', findChildPatterns(text, config.meaningForChildPatterns, names)],
    ['challenge', unique(findPatterns(text, config.challengePatterns).map((m) => m.text))],
  ];
  const missing: SupervisionMissing[] = [];
  const found: string[] = [];
  for (const [kind, list] of hits) {
    if (list.length === 0) missing.push(kind);
    else found.push(...list.map((h) => `${kind}: "${h}"`));
  }
  return { missing, found, flagged: 3 - missing.length < config.minPresent };
}

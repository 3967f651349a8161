/**
 * CR203 over-optimistic (the prose part): a step-down, no-further-action or closure rationale that rests
 * on optimistic phrases ("engaging well", "no concerns") with no evidence behind them. Evidence is a date,
 * a number or measurement, a named source that reports or confirms, a test result, something the worker
 * saw, the child's own words, or a reason ("because"). The case-level part of CR203 (open safety-plan
 * actions, unaddressed risks) is not here.
 */
import { type OptimismHeuristicConfig, defaultOptimismConfig, defaultVoiceConfig } from './config.js';
import { type PeopleContext } from './people.js';
import { findPatterns, findPhrases, normalise, unique } from './text.js';
import { judgeChildVoice } from './voice.js';

export interface OptimismJudgement {
  /** The optimistic phrases found, as written. */
  optimisticPhrases: string[];
  /** True when any evidence was found. */
  evidenceFound: boolean;
  /** The evidence found ("date: 3 May", "source: school report", "child's words: Amir told"). */
  evidence: string[];
  /** Optimistic phrases and no evidence: the rule flags it. */
  flagged: boolean;
}

export function judgeOptimism(
  text: string,
  config: OptimismHeuristicConfig = defaultOptimismConfig,
  context: PeopleContext = {},
): OptimismJudgement {
  const optimisticPhrases = unique(
    [...findPhrases(text, config.optimisticPhrases), ...findPatterns(text, config.optimisticPatterns)]
      .sort((a, b) => a.index - b.index)
      .map((m) => m.text),
  );
  // Blank out what only looks like evidence ("over the last 2 weeks", "Mum reports") before looking.
  let scrubbed = normalise(text);
  for (const m of findPatterns(scrubbed, config.notEvidencePatterns)) {
    scrubbed = scrubbed.slice(0, m.index) + ' '.repeat(m.text.length) + scrubbed.slice(m.index + m.text.length);
  }
  const evidence = unique(findPatterns(scrubbed, config.evidencePatterns).map((m) => m.text));
  if (config.childWordsAreEvidence) {
    const voice = judgeChildVoice(text, defaultVoiceConfig, context);
    evidence.push(...voice.found.filter((f) => !f.startsWith('observed:') && !f.startsWith('tool:')).map((f) => `child's words: ${f}`));
  }
  const evidenceFound = evidence.length > 0;
  return { optimisticPhrases, evidenceFound, evidence, flagged: optimisticPhrases.length > 0 && !evidenceFound };
}

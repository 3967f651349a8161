/**
 * CR601 event-impact-missing: a chronology event whose impact is empty (or a placeholder such as "N/A"),
 * repeats the event (most of its content words are the event's), is too short to say anything ("Concerning."),
 * or names no effect on the child at all: neither a word of the effect list nor, at some length, the child.
 */
import { type ImpactHeuristicConfig, defaultImpactConfig } from './config.js';
import { findPatterns, lower, stem, unique, words } from './text.js';

export type ImpactProblem = 'missing' | 'repeats-event' | 'too-short' | 'no-effect';

/** What the rule knows of the event beyond its text. */
export interface ImpactContext {
  /** Given names of the children the event is about. */
  readonly children?: readonly string[];
}

export interface ImpactJudgement {
  /** undefined = fine. 'no-effect' = the impact says nothing about an effect on the child. */
  problem: ImpactProblem | undefined;
  /** Share of the impact's content words that are also in the event (0–1). */
  overlap: number;
  /** Effect words found in the impact. */
  effects: string[];
}

function contentStems(text: string, stopWords: ReadonlySet<string>): string[] {
  return unique(
    words(text)
      .filter((w) => !stopWords.has(w) && !/^\d+$/.test(w))
      .map(stem),
  );
}

export function judgeEventImpact(
  what: string,
  impact: string,
  config: ImpactHeuristicConfig = defaultImpactConfig,
  context: ImpactContext = {},
): ImpactJudgement {
  const trimmed = lower(impact)
    .replace(/[.\s]+$/, '')
    .trim();
  if (trimmed.length === 0 || config.placeholders.map((p) => p.toLowerCase()).includes(trimmed)) {
    return { problem: 'missing', overlap: 0, effects: [] };
  }
  const stop = new Set(config.stopWords.map((w) => w.toLowerCase()));
  const impactStems = contentStems(impact, stop);
  const whatStems = new Set(contentStems(what, stop));
  const shared = impactStems.filter((s) => whatStems.has(s)).length;
  const overlap = impactStems.length === 0 ? 1 : shared / impactStems.length;
  const effects = unique(findPatterns(impact, config.effectPatterns).map((m) => m.text.toLowerCase()));
  const length = words(impact).length;
  let problem: ImpactProblem | undefined;
  if (overlap >= config.maxOverlap) problem = 'repeats-event';
  else if (length < config.minWords) problem = 'too-short';
  else if (
    effects.length === 0 &&
    !(length >= config.namedChildMinWords && namesAChild(impact, context) && !tellsProcess(impact, config))
  ) {
    problem = 'no-effect';
  }
  return { problem, overlap, effects };
}

function namesAChild(impact: string, context: ImpactContext): boolean {
  const said = new Set(words(impact).map((word) => word.replace(/'s$/, '')));
  return (context.children ?? []).some((name) => said.has(lower(name)));
}

function tellsProcess(impact: string, config: ImpactHeuristicConfig): boolean {
  const text = lower(impact);
  return config.processPhrases.some((phrase) => text.includes(phrase.toLowerCase()));
}

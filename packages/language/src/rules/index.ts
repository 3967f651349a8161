import type { CaseRule } from './rule-context.js';
import { recordsRules } from './records.js';
import { timelinessRules } from './timeliness.js';
import { patternRules } from './patterns.js';
import { voiceRules } from './voice.js';
import { analysisRules } from './analysis.js';
import { chronologyRules } from './chronology.js';

/** Every case-level rule, in catalogue order. The engine runs these; the CLI and the server add none. */
export const CASE_RULES: readonly CaseRule[] = [
  ...recordsRules,
  ...voiceRules,
  ...analysisRules,
  ...timelinessRules,
  ...patternRules,
  ...chronologyRules,
];

export * from './catalogue.js';
export type { CaseRule, RuleContext } from './rule-context.js';

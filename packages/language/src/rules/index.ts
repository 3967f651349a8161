import type { CaseRule } from './rule-context.js';
import { recordsRules } from './records.js';
import { timelinessRules } from './timeliness.js';
import { patternRules } from './patterns.js';

/** Every case-level rule, in catalogue order. The engine runs these; the CLI and the server add none. */
export const CASE_RULES: readonly CaseRule[] = [...recordsRules, ...timelinessRules, ...patternRules];

export * from './catalogue.js';
export type { CaseRule, RuleContext } from './rule-context.js';

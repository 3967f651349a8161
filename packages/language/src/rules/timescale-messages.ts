import type { RuleContext } from './rule-context.js';
import { DEFAULT_POLICY } from '../policy/schema.js';
import { formatLongDate, type IsoDate } from '../time/index.js';

/**
 * Wording shared by the timeliness rules, so that every message gives the timescale, the dates, how late in
 * working days, and the source, in the same words.
 */
export const STATUTORY = 'Working Together to Safeguard Children 2023';
export const LOCAL = 'local standard, see policy';

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function workingDays(n: number): string {
  return plural(n, 'working day');
}

export function day(date: IsoDate): string {
  return formatLongDate(date);
}

/** "3 working days late" between the deadline and the day it happened (or the as-of date). */
export function lateness(context: RuleContext, deadline: IsoDate, actual: IsoDate): string {
  const late = Math.max(1, context.calendar.workingDaysBetween(deadline, actual));
  return `${workingDays(late)} late`;
}

export function source(statutory: boolean): string {
  return `(${statutory ? STATUTORY : LOCAL})`;
}

type TimescaleKey = keyof RuleContext['policy']['timescales'];

/**
 * The source of a timescale as the policy has it: the statutory guidance when the policy keeps the statutory
 * default, a local standard when it changed it (or when the timescale was local to begin with).
 */
export function sourceOf(context: RuleContext, key: TimescaleKey, statutory: boolean, guidance = STATUTORY): string {
  return `(${statutory && context.policy.timescales[key] === DEFAULT_POLICY.timescales[key] ? guidance : LOCAL})`;
}

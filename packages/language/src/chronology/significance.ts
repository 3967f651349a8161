import type { Entry } from '../generated/ast.js';
import { entryKind, SIGNIFICANCE } from '../model/entry-kinds.js';
import type { Policy } from '../policy/schema.js';

export type Significance = (typeof SIGNIFICANCE)[number];

/** Low, medium, high as 0, 1, 2, so that "at least medium" is a comparison. */
export function significanceRank(significance: Significance): number {
  return SIGNIFICANCE.indexOf(significance);
}

export function isSignificance(value: string | undefined): value is Significance {
  return value !== undefined && (SIGNIFICANCE as readonly string[]).includes(value);
}

/**
 * How much an entry matters in the chronology. An event carries the significance its author gave it (they know
 * the event best); every other kind takes its kind's weight from the policy (`significance`), whose defaults put
 * the turning points of a child's journey (referral, section 47, conference, missing, step-up, closure) high.
 */
export function significanceOf(entry: Entry, policy: Policy): Significance {
  if (entry.$type === 'Event' && isSignificance(entry.significance)) return entry.significance;
  const byKind = policy.significance as Readonly<Record<string, Significance>>;
  return byKind[entryKind(entry).keyword] ?? 'low';
}

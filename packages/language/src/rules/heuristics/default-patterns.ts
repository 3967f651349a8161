/**
 * Every regular-expression pattern of the default policy, and each that holds `{child}` as findChildPatterns
 * first tries it (with any name): the patterns whose literal needs scripts/generate-literal-needs.mjs finds
 * ahead of time (see literals.ts).
 */
import { withAnyName } from './analysis.js';
import * as config from './config.js';

export function defaultPolicyPatterns(): string[] {
  const patterns = new Set<string>();
  for (const section of Object.values(config)) {
    if (typeof section !== 'object' || section === null) continue;
    for (const [list, value] of Object.entries(section)) {
      if (!list.endsWith('Patterns') || !Array.isArray(value)) continue;
      for (const pattern of value as string[]) patterns.add(pattern).add(withAnyName(pattern));
    }
  }
  return [...patterns].sort();
}

import { z } from 'zod';
import { defaultHeuristicConfig } from '../rules/heuristics/config.js';
import { defaultHistoryConfig } from '../rules/heuristics/history.js';
import { defaultAssessedRiskConfig } from '../rules/heuristics/assessed-risk.js';
import { isValidPattern } from '../rules/heuristics/index.js';

/**
 * The heuristics' word lists and thresholds as policy settings. The schema is derived from the default
 * objects themselves, so a setting exists in the policy file exactly when the heuristic reads it; every key
 * is optional and falls back to its default. Lists whose name ends in "Patterns" must hold valid regular
 * expressions.
 */
type Json = string | number | boolean | readonly Json[] | { readonly [key: string]: Json };

function schemaFor(name: string, fallback: Json): z.ZodType {
  if (Array.isArray(fallback)) {
    const item = name.endsWith('Patterns') || name.endsWith('patterns') ? regexString : z.string();
    return z.array(item).default([...(fallback as string[])]);
  }
  if (typeof fallback === 'number') return z.number().min(0).default(fallback);
  if (typeof fallback === 'boolean') return z.boolean().default(fallback);
  if (typeof fallback === 'string') return z.string().default(fallback);
  const shape: Record<string, z.ZodType> = {};
  for (const [key, value] of Object.entries(fallback)) shape[key] = schemaFor(key, value as Json);
  return z
    .object(shape)
    .strict()
    .default(() => z.object(shape).parse({}));
}

const regexString = z
  .string()
  .refine(isValidPattern, { message: 'not a valid pattern (a regular expression; {child} stands for the child)' });

/** The heuristics' settings when the policy file gives none. */
export const heuristicDefaults = { ...defaultHeuristicConfig, history: defaultHistoryConfig, assessedRisk: defaultAssessedRiskConfig };

/** The schema of the policy's heuristics, made on each call (the policy schema calls it once, when first used). */
export function heuristicsSchema(): z.ZodType<typeof heuristicDefaults, unknown> {
  return schemaFor('heuristics', heuristicDefaults as unknown as Json) as z.ZodType<typeof heuristicDefaults, unknown>;
}

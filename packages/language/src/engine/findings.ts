import type { AstNode } from 'langium';
import type { Policy } from '../policy/schema.js';
import { ruleByCode, type Severity } from '../rules/catalogue.js';

/** A rule's finding before it becomes a diagnostic: where (a node, optionally one property of it) and what. */
export interface Finding {
  readonly code: string;
  readonly message: string;
  readonly node: AstNode;
  readonly property?: string;
  readonly index?: number;
  /** Extra data for quick fixes (the missing field's name, the entry kind…). */
  readonly data?: Record<string, unknown>;
}

/** The severity a rule has under a policy, or 'off'. */
export function severityUnder(policy: Policy, code: string): Severity | 'off' {
  const setting = policy.rules[code];
  if (setting === false || setting === 'off') return 'off';
  if (setting === 'error' || setting === 'warning' || setting === 'info') return setting;
  return ruleByCode(code)?.severity ?? 'error';
}

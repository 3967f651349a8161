import type { AstNode } from 'langium';
import type { CaseModel } from '../model/case-model.js';
import type { Policy } from '../policy/schema.js';
import type { IsoDate, WorkingDayCalendar } from '../time/index.js';
import type { Finding } from '../engine/findings.js';

/** Everything a case-level rule may read. Rules are pure: (context) -> findings through `report`. */
export interface RuleContext {
  readonly model: CaseModel;
  readonly policy: Policy;
  readonly asOf: IsoDate;
  readonly calendar: WorkingDayCalendar;
  report(finding: Finding): void;
}

export interface CaseRule {
  readonly code: string;
  readonly check: (context: RuleContext) => void;
}

export function finding(code: string, node: AstNode, message: string, extra: Partial<Finding> = {}): Finding {
  return { code, node, message, ...extra };
}

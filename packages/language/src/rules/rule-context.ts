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

/**
 * How a rule that may take long runs: as a generator that yields before each item it judges. The case pass runs
 * on the editor's thread; between items it checks whether a keystroke has made the pass stale, so a keystroke
 * waits for one item, not for a rule that compares each of thousands of entries with the others (90 ms on a
 * 5 MB record). The findings are the same either way.
 */
export type RuleRun = Generator<void, void, void>;

export interface CaseRule {
  readonly code: string;
  readonly check: (context: RuleContext) => void | RuleRun;
}

export function finding(code: string, node: AstNode, message: string, extra: Partial<Finding> = {}): Finding {
  return { code, node, message, ...extra };
}

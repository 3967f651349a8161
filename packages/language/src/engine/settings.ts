import * as path from 'node:path';
import type { URI } from 'langium';
import { DEFAULT_POLICY } from '../policy/schema.js';
import { findPolicyFile, readPolicyFile, type LoadedPolicy } from '../policy/policy-file.js';
import { todayIso, WorkingDayCalendar, englandAndWales, type IsoDate } from '../time/index.js';

/**
 * What a validation run depends on besides the records: the as-of date and the policy. The CLI sets them from
 * its options, the language server from the editor's settings; both then run the same engine.
 */
export class CaserecSettings {
  /** Undefined means today, read when validation runs. */
  asOf: IsoDate | undefined;
  /** An explicit policy file (`--config`, or the editor setting); otherwise discovered per folder. */
  private explicitPolicy: string | undefined;
  private readonly byFolder = new Map<string, LoadedPolicy>();
  private readonly calendars = new Map<string, WorkingDayCalendar>();

  getAsOf(): IsoDate {
    return this.asOf ?? todayIso();
  }

  setPolicyFile(file: string | undefined): void {
    this.explicitPolicy = file ? path.resolve(file) : undefined;
    this.byFolder.clear();
    this.policyGeneration++;
  }

  /** Counts the times the policies were forgotten: a policy kept from an earlier count may be out of date. */
  policyGeneration = 0;

  /** Forget cached policy files (after a .caserec.json changed). */
  clearPolicyCache(): void {
    this.policyGeneration++;
    this.byFolder.clear();
  }

  policyFor(documentUri: URI): LoadedPolicy {
    if (documentUri.scheme !== 'file')
      return this.explicitPolicy ? this.load(this.explicitPolicy) : { policy: DEFAULT_POLICY, problems: [] };
    const folder = path.dirname(documentUri.fsPath);
    const cached = this.byFolder.get(folder);
    if (cached) return cached;
    const file = this.explicitPolicy ?? findPolicyFile(folder);
    const loaded = file ? this.load(file) : { policy: DEFAULT_POLICY, problems: [] };
    this.byFolder.set(folder, loaded);
    return loaded;
  }

  /** The working-day calendar for a policy: England and Wales, plus the authority's own closure days. */
  calendarFor(loaded: LoadedPolicy): WorkingDayCalendar {
    const closures = loaded.policy.localClosureDays;
    if (closures.length === 0) return englandAndWales;
    const key = closures.join(',');
    let calendar = this.calendars.get(key);
    if (!calendar) this.calendars.set(key, (calendar = new WorkingDayCalendar(closures)));
    return calendar;
  }

  private load(file: string): LoadedPolicy {
    const cached = this.byFolder.get('\0' + file);
    if (cached) return cached;
    const loaded = readPolicyFile(file);
    this.byFolder.set('\0' + file, loaded);
    return loaded;
  }
}

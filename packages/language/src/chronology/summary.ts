import type { Reference } from 'langium';
import type { Entry, Party } from '../generated/ast.js';
import { isWorker } from '../generated/ast.js';
import type { CaseModel } from '../model/case-model.js';
import {
  allocationPeriods,
  childNames,
  type AllocationPeriod,
  completedOf,
  decisionOf,
  fieldText,
  fieldValue,
  outcomeOf,
} from '../model/derived.js';
import { isBlank } from '../model/entry-fields.js';
import { compareDates, formatLongDate } from '../time/index.js';

/** Room for the prose part of a summary: one line of a printed table, with the outcome beside it. */
export const SUMMARY_PROSE_LENGTH = 140;

/**
 * Shortens text to at most `max` characters at a word boundary, ending with an ellipsis, as one line. A
 * chronology is read down a page, so each summary keeps to one line; a word is never cut in two, because a
 * half word can change the meaning ("not" from "nothing"). Only a single "word" longer than the whole line (a
 * pasted link, say) is cut, at a whole character, as there is no boundary to cut at.
 */
export function truncateAtWord(text: string, max = SUMMARY_PROSE_LENGTH): string {
  // Only the start of a long text can be kept: normalise that much (ending at a word boundary), not a whole
  // assessment's analysis.
  const sliced = text.length > max * 4;
  let head = text;
  if (sliced) {
    head = text.slice(0, max * 4);
    const lastSpace = head.search(/\s\S*$/);
    if (lastSpace > 0) head = head.slice(0, lastSpace);
  }
  const line = head.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return sliced ? line + '…' : line;
  const room = max - 1; // for the ellipsis
  const cut = line.lastIndexOf(' ', room);
  if (cut > 0) return line.slice(0, cut).replace(/[\s,;:–—-]+$/, '') + '…';
  // No space within the limit: one long run with no word boundary. Cut at a whole code point.
  return Array.from(line).slice(0, room).join('') + '…';
}

/** A person's or agency's full name as the record declares it, or the id written when it does not resolve. */
export function partyName(ref: Reference<Party> | undefined): string | undefined {
  if (!ref) return undefined;
  return ref.ref?.fullName ?? (ref.$refText || undefined);
}

/**
 * Each child's allocation periods, worked out once per case model: the chronology asks for every row and the
 * report for every finding, and allocationPeriods walks the whole case each time.
 */
const allocationCache = new WeakMap<CaseModel, Map<string, AllocationPeriod[]>>();

export function allocationsOf(model: CaseModel, child: string): AllocationPeriod[] {
  let byChild = allocationCache.get(model);
  if (!byChild) allocationCache.set(model, (byChild = new Map()));
  let periods = byChild.get(child);
  if (!periods) byChild.set(child, (periods = allocationPeriods(model, child)));
  return periods;
}

/** The worker allocated to the entry's first child on the entry's date, if any. */
export function allocatedWorkerAt(model: CaseModel, entry: Entry): Party | undefined {
  for (const child of childNames(entry)) {
    const periods = allocationsOf(model, child);
    // A step-down or closure ends the allocation on its own date: the worker who held the case until then made it.
    const period =
      periods.find(
        (p) =>
          p.worker !== undefined && compareDates(p.start, entry.date) <= 0 && (p.end === undefined || compareDates(entry.date, p.end) < 0),
      ) ?? periods.find((p) => p.worker !== undefined && p.endEntry === entry);
    if (period?.worker) return model.parties.get(period.worker);
  }
  return undefined;
}

/** Who wrote, led or reported the entry, as written in its header (not inferred). */
export function namedAuthor(entry: Entry): Reference<Party> | undefined {
  switch (entry.$type) {
    case 'Event':
      return entry.source;
    case 'Contact':
    case 'Referral':
      return entry.from;
    case 'Allocation':
      return entry.worker;
    case 'Oversight':
    case 'Visit':
    case 'Supervision':
    case 'ReturnInterview':
    case 'Note':
      return entry.by;
    case 'StrategyDiscussion':
      return entry.chair;
    case 'Section47':
      return entry.lead;
    case 'Conference':
      return entry.chair;
    default:
      return undefined;
  }
}

/**
 * The chronology's "source": who the information came from or who recorded it. Kinds that name nobody (an
 * assessment, a core group, a closure) are credited to the worker then allocated to the child, who holds the
 * record; when nobody was allocated the source is left empty rather than guessed.
 */
export function sourceOf(model: CaseModel, entry: Entry): string {
  if (entry.$type === 'Conference' && entry.chairName) return entry.chairName;
  const named = partyName(namedAuthor(entry));
  if (named) return named;
  if (entry.$type === 'Unallocated') return '';
  const allocated = allocatedWorkerAt(model, entry);
  return allocated?.fullName ?? '';
}

/**
 * The worker answerable for an entry, for the report's "by worker": its named author when that is a worker (the
 * manager who decided a contact), else the worker allocated to the child then, else the worker allocated next
 * (who took on a referral that arrived before anyone held the case).
 */
export function responsibleWorker(model: CaseModel, entry: Entry): Party | undefined {
  const named = entry.$type === 'Contact' ? (decisionOf(entry)?.by?.ref ?? entry.from?.ref) : namedAuthor(entry)?.ref;
  if (named && isWorker(named)) return named;
  const allocated = allocatedWorkerAt(model, entry);
  if (allocated) return allocated;
  for (const child of childNames(entry)) {
    const next = allocationsOf(model, child).find((p) => p.worker !== undefined && compareDates(p.start, entry.date) >= 0);
    if (next?.worker) return model.parties.get(next.worker);
  }
  return undefined;
}

function firstText(entry: Entry, ...fields: string[]): string | undefined {
  for (const field of fields) {
    const text = fieldText(entry, field);
    if (!isBlank(text)) return text;
  }
  return undefined;
}

/** The entry's main prose and the decision or outcome it records, as separate parts. */
function parts(entry: Entry): { prose?: string; outcome?: string } {
  switch (entry.$type) {
    case 'Event':
      return { prose: firstText(entry, 'what') };
    case 'Contact': {
      const decision = decisionOf(entry);
      const by = partyName(decision?.by);
      return {
        prose: firstText(entry, 'concern'),
        outcome: decision?.value ? `Decision: ${decision.value}${by ? ` (${by})` : ''}` : 'No decision recorded',
      };
    }
    case 'Referral':
      return { prose: firstText(entry, 'reason') };
    case 'Allocation':
      return { outcome: `Allocated to ${partyName(entry.worker) ?? 'a worker not named'}` };
    case 'Unallocated':
      return { prose: firstText(entry, 'reason'), outcome: 'Unallocated' };
    case 'Oversight':
      return { prose: firstText(entry, 'direction') };
    case 'Visit':
      return { prose: firstText(entry, 'child-voice', 'observations') };
    case 'StrategyDiscussion': {
      const decision = fieldValue(entry, 'decision');
      const chair = partyName(entry.chair);
      return {
        prose: firstText(entry, 'information', 'rationale'),
        outcome: decision ? `Decision: ${decision}${chair ? ` (${chair})` : ''}` : 'No decision recorded',
      };
    }
    case 'Section47': {
      const outcome = outcomeOf(entry);
      return {
        prose: firstText(entry, 'findings', 'rationale'),
        outcome: outcome?.value ? `Outcome: ${outcome.value} (${formatLongDate(outcome.date)})` : 'No outcome recorded',
      };
    }
    case 'Conference': {
      const decision = fieldValue(entry, 'decision');
      const category = fieldValue(entry, 'category');
      const kind = entry.kind ? `${entry.kind[0]!.toUpperCase()}${entry.kind.slice(1)} conference` : 'Conference';
      return {
        prose: firstText(entry, 'rationale'),
        outcome: `${kind}. Decision: ${decision ?? 'not recorded'}${category ? ` (${category})` : ''}`,
      };
    }
    case 'CoreGroup':
      return { prose: firstText(entry, 'progress') };
    case 'Assessment': {
      const completed = completedOf(entry);
      const outcome = fieldValue(entry, 'outcome');
      return {
        prose: firstText(entry, 'analysis', 'lived-experience', 'child-voice'),
        outcome: completed
          ? `Completed ${formatLongDate(completed.date)}${outcome ? `. Outcome: ${outcome}` : ''}`
          : `Assessment started${outcome ? `. Outcome: ${outcome}` : ''}`,
      };
    }
    case 'SafetyPlan':
      return { prose: firstText(entry, 'goal', 'worries'), outcome: entry.replaces ? `Replaces ${entry.replaces.$refText}` : undefined };
    case 'Supervision':
      return {
        prose: firstText(entry, 'reflection', 'discussion'),
        outcome: `Supervision of ${partyName(entry.supervisee) ?? 'a worker'}`,
      };
    case 'Missing':
      return {
        prose: firstText(entry, 'circumstances'),
        outcome: entry.returnedDate
          ? `Returned ${formatLongDate(entry.returnedDate)}${entry.returnedTime ? ` ${entry.returnedTime}` : ''}`
          : 'No return recorded',
      };
    case 'ReturnInterview':
      return { prose: firstText(entry, 'child-voice', 'analysis') };
    case 'StepDown':
      return { prose: firstText(entry, 'rationale'), outcome: `Stepped down to ${entry.level ?? 'a level not named'}` };
    case 'StepUp':
      return { prose: firstText(entry, 'rationale'), outcome: 'Stepped up' };
    case 'Closure':
      return { prose: firstText(entry, 'rationale'), outcome: `Closed${entry.reason ? ` (${entry.reason})` : ''}` };
    case 'Note':
      return { prose: firstText(entry, 'text') };
  }
}

/**
 * One line for the chronology: the entry's main prose, shortened at a word boundary, and then the decision or
 * outcome it records ("… — Decision: strategy-discussion (Ali Khan)"). The outcome is never the part cut off,
 * because it is what a reviewer scans the chronology for.
 */
export function summaryOf(entry: Entry): string {
  const { prose, outcome } = parts(entry);
  const shortProse = prose === undefined ? undefined : truncateAtWord(prose);
  if (shortProse && outcome) return `${shortProse} — ${outcome}`;
  return shortProse || outcome || '';
}

/** The event's stated impact on the child, as one line (the chronology's impact column), or null. */
export function impactOf(entry: Entry): string | null {
  if (entry.$type !== 'Event') return null;
  const text = fieldText(entry, 'impact');
  return isBlank(text) ? null : text!.replace(/\s+/g, ' ').trim();
}

import type { CaseRule, RuleContext } from './rule-context.js';
import { childNamed, displayName, entriesOfType, decisionOf, isAbout } from '../model/derived.js';
import { addMonths, compareDates } from '../time/index.js';
import { day, plural } from './timescale-messages.js';

/** Patterns across the record (CR4xx): what repeats for one child over months. */

/** CR401: a referral within 12 months of an earlier referral for the same child. */
export function reReferral(context: RuleContext): void {
  const months = context.policy.timescales.reReferralMonths;
  const referrals = entriesOfType(context.model, 'Referral');
  for (const child of context.model.children) {
    const mine = referrals.filter((r) => isAbout(r, child.name));
    for (let i = 1; i < mine.length; i++) {
      const earlier = mine[i - 1]!;
      const later = mine[i]!;
      if (compareDates(later.date, addMonths(earlier.date, months)) <= 0) {
        context.report({
          code: 'CR401',
          node: later,
          property: 'date',
          message: `${displayName(child)} was referred again on ${day(later.date)}, within ${plural(months, 'month')} of the referral of ${day(earlier.date)}: check what changed and whether the earlier response met ${displayName(child)}'s needs.`,
        });
      }
    }
  }
}

/** CR402: a step-up within 3 months of a step-down for the same child. */
export function stepUpAfterStepDown(context: RuleContext): void {
  const months = context.policy.timescales.stepUpAfterStepDownMonths;
  const stepDowns = entriesOfType(context.model, 'StepDown');
  for (const stepUp of entriesOfType(context.model, 'StepUp')) {
    for (const child of stepUp.children.map((c) => c.ref?.name).filter((n): n is string => !!n)) {
      const stepDown = stepDowns.filter((d) => isAbout(d, child) && compareDates(d.date, stepUp.date) <= 0).at(-1);
      if (!stepDown || compareDates(stepUp.date, addMonths(stepDown.date, months)) > 0) continue;
      const name = displayName(childNamed(context.model, child), child);
      context.report({
        code: 'CR402',
        node: stepUp,
        property: 'date',
        message: `${name} was stepped back up on ${day(stepUp.date)}, within ${plural(months, 'month')} of the step-down to ${stepDown.level ?? 'early help'} on ${day(stepDown.date)}: was the step-down too early, or the assessment behind it over-optimistic?`,
      });
    }
  }
}

/** CR404: three or more contacts for one child in 12 months that ended in advice or no further action. */
export function repeatedContacts(context: RuleContext): void {
  const { repeatedContactsCount: count, repeatedContactsMonths: months } = context.policy.timescales;
  const contacts = entriesOfType(context.model, 'Contact').filter((c) =>
    ['advice', 'no-further-action'].includes(decisionOf(c)?.value ?? ''),
  );
  for (const child of context.model.children) {
    const mine = contacts.filter((c) => isAbout(c, child.name));
    let reportedUpTo = -1;
    for (let i = count - 1; i < mine.length; i++) {
      const first = mine[i - count + 1]!;
      const last = mine[i]!;
      if (i <= reportedUpTo || compareDates(last.date, addMonths(first.date, months)) > 0) continue;
      reportedUpTo = i + count - 1;
      context.report({
        code: 'CR404',
        node: last,
        property: 'date',
        message: `This is the ${ordinal(count)} contact about ${displayName(child)} since ${day(first.date)} to end in advice or no further action (${plural(count, 'contact')} within ${plural(months, 'month')}): together they may show cumulative harm that no single contact shows.`,
      });
    }
  }
}

function ordinal(n: number): string {
  return n === 3 ? 'third' : n === 2 ? 'second' : `${n}th`;
}

export const patternRules: readonly CaseRule[] = [
  { code: 'CR401', check: reReferral },
  { code: 'CR402', check: stepUpAfterStepDown },
  { code: 'CR404', check: repeatedContacts },
];

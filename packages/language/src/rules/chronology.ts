import type { CaseRule, RuleContext } from './rule-context.js';
import { childNamed, childNames, entriesOfType, fieldText } from '../model/derived.js';
import { findField } from '../model/entry-fields.js';
import { judgeEventImpact } from './heuristics/impact.js';
import { givenName } from './heuristics/text.js';
import { memoJudgement } from './heuristics/memo.js';

const IMPACT_MESSAGES = {
  missing:
    'This chronology event does not say what it meant for the child: add an impact (what the child experienced, and what it may mean for their safety or development).',
  'repeats-event':
    'The impact of this event repeats what happened rather than saying what it meant for the child (their experience, safety or development).',
  'too-short':
    'The impact of this event is too short to say what it meant for the child: say what the child experienced, and what it may mean for their safety or development.',
  'no-effect':
    'The impact of this event does not speak of an effect on the child: looked for harm, feelings, development, safety or what it may mean, and found none.',
} as const;

/** CR601: a chronology event with no impact on the child stated, or an impact that repeats the event. */
export function eventImpactMissing(context: RuleContext): void {
  const config = context.policy.heuristics.impact;
  for (const event of entriesOfType(context.model, 'Event')) {
    const impact = fieldText(event, 'impact');
    const what = fieldText(event, 'what') ?? '';
    // Given names of the event's children: an impact that speaks of one of them at some length says what happened to them.
    const children = childNames(event).map((id) => givenName(childNamed(context.model, id)?.fullName ?? id));
    const judgement = memoJudgement(config, 'impact', children, [what, impact ?? ''], () =>
      judgeEventImpact(what, impact ?? '', config, { children }),
    );
    if (!judgement.problem) continue;
    context.report({
      code: 'CR601',
      node: findField(event, 'impact') ?? event,
      message: IMPACT_MESSAGES[judgement.problem],
      data: { field: 'impact', kind: 'Event' },
    });
  }
}

export const chronologyRules: readonly CaseRule[] = [{ code: 'CR601', check: eventImpactMissing }];

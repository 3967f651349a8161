import type { Entry } from '../generated/ast.js';
import type { RuleContext } from './rule-context.js';
import { childNamed, childNames, displayName } from '../model/derived.js';
import type { PeopleContext } from './heuristics/index.js';

/**
 * Who the prose heuristics may meet in a text: the entry's children, and the case's adults and workers, by id,
 * full name and first name. Without it a heuristic must guess whether "Sarah said" is the child speaking.
 */
export function peopleOf(context: RuleContext, entry: Entry): PeopleContext {
  const children = childNames(entry)
    .flatMap((name) => {
      const child = childNamed(context.model, name);
      return child ? [name, child.fullName, displayName(child)] : [name];
    })
    .filter((n): n is string => typeof n === 'string' && n.length > 0);
  const adults = [...context.model.parties.values()]
    .filter((p) => p.$type === 'Adult' || p.$type === 'Worker')
    .flatMap((p) => [p.name, p.fullName, displayName(p)])
    // A declaration cut short by a typo has no full name yet.
    .filter((n): n is string => typeof n === 'string' && n.length > 0);
  return { children, adults };
}

import type { Entry } from '../generated/ast.js';
import type { CaseModel } from '../model/case-model.js';
import type { RuleContext } from './rule-context.js';
import { childNamed, childNames, displayName } from '../model/derived.js';
import type { PeopleContext } from './heuristics/index.js';

/**
 * The people contexts of a case model, by the children an entry is about. Every voice, analysis and
 * reflection text of a case asks for one; the case's adults are the same for all of them and most entries are
 * about the same children, so each is built once per case model (a model is rebuilt whenever any of its files
 * changes). Handing back the same object also lets the heuristics keep what they derive from its names.
 */
const contexts = new WeakMap<CaseModel, { adults: readonly string[]; byChildren: Map<string, PeopleContext> }>();

/**
 * Who the prose heuristics may meet in a text: the entry's children, and the case's adults and workers, by id,
 * full name and first name. Without it a heuristic must guess whether "Sarah said" is the child speaking.
 * The same children give the same object: callers must not change it.
 */
export function peopleOf(context: RuleContext, entry: Entry): PeopleContext {
  const model = context.model;
  let ofModel = contexts.get(model);
  if (!ofModel) contexts.set(model, (ofModel = { adults: adultNames(model), byChildren: new Map() }));
  const names = childNames(entry);
  const key = names.join('\u0000');
  let people = ofModel.byChildren.get(key);
  if (!people) ofModel.byChildren.set(key, (people = { children: childrenNames(model, names), adults: ofModel.adults }));
  return people;
}

function childrenNames(model: CaseModel, names: readonly string[]): string[] {
  return names
    .flatMap((name) => {
      const child = childNamed(model, name);
      return child ? [name, child.fullName, displayName(child)] : [name];
    })
    .filter((n): n is string => typeof n === 'string' && n.length > 0);
}

function adultNames(model: CaseModel): string[] {
  return (
    [...model.parties.values()]
      .filter((p) => p.$type === 'Adult' || p.$type === 'Worker')
      .flatMap((p) => [p.name, p.fullName, displayName(p)])
      // A declaration cut short by a typo has no full name yet.
      .filter((n): n is string => typeof n === 'string' && n.length > 0)
  );
}

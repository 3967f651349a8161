/**
 * Judging prose is most of the cost of validation (regular expressions over every voice, analysis and
 * reflection text), yet between two builds almost every text is unchanged: a keystroke edits one entry, a
 * batch run meets each text once. Judgements are pure functions of (config, people, text), so they are kept
 * per config object (a policy's heuristics section; a new policy is a new object) and looked up by the
 * people and the text. Bounded: the cache of a config is dropped when it grows past MAX_ENTRIES.
 */
const MAX_ENTRIES = 20_000;
const caches = new WeakMap<object, Map<string, unknown>>();

export function memoJudgement<R>(config: object, kind: string, people: unknown, texts: readonly string[], judge: () => R): R {
  let cache = caches.get(config);
  if (!cache) caches.set(config, (cache = new Map()));
  const key = `${kind}\u0000${people === undefined ? '' : peopleKey(people)}\u0000${texts.join('\u0000')}`;
  const hit = cache.get(key);
  if (hit !== undefined || cache.has(key)) return hit as R;
  const result = judge();
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, result);
  return result;
}

const peopleKeys = new WeakMap<object, string>();

/** The people as part of a key: the rules hand the same people object to every text of a case, so it is written once. */
function peopleKey(people: unknown): string {
  if (typeof people !== 'object' || people === null) return JSON.stringify(people);
  let key = peopleKeys.get(people);
  if (key === undefined) peopleKeys.set(people, (key = JSON.stringify(people)));
  return key;
}

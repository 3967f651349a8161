/**
 * What a pattern cannot match without: the literal text every match of a policy pattern holds, so that a text
 * which lacks it is passed over before the pattern is made or run.
 *
 * Making a regular expression is what a small record's first check pays for most (V8 compiles a pattern on its
 * first run, and again, to machine code, on a later one), and most patterns of a list are not in a given text.
 * A substring search rules them out as `findPhrases` rules out its phrases, the way search tools put a literal
 * filter before their regular expressions.
 *
 * A pattern's needs are a list of sets of lower-case strings: every match holds, for each set, one of its
 * strings. They are found in the pattern's syntax tree (parsed by regexpp, the parser ESLint uses):
 * - a character is a literal if it is ASCII. The patterns ignore case without the `u` flag, under which an ASCII
 *   character matches only itself in either case (a non-ASCII character is never folded onto an ASCII one), so
 *   the lower case of a matching text holds the literal in lower case. A non-ASCII character is not a literal:
 *   it may match characters that lower-case to something else (σ and ς).
 * - assertions (`^`, `\b`, look-arounds) match no text, so the literals on either side of one are next to
 *   each other in any match; what is inside a look-around is not a need.
 * - a sequence of literals is a need (a set when a part has a few spellings: `risks?`, `(?:is|was)`); a part
 *   that is not a literal ends the run and adds its own needs; an alternation needs one of its branches' best
 *   needs; a part repeated at least once needs what the part needs; a part that may be absent needs nothing.
 * Anything not understood needs nothing, so the worst a pattern can get is no filter.
 */
import { type AST, RegExpParser } from '@eslint-community/regexpp';
import { DEFAULT_POLICY_NEEDS } from './literal-needs-table.js';

/** One of these lower-case strings is in every match. */
type Need = readonly string[];

/** What a part of a pattern matches: exactly one of `spellings`, if few enough to list; and what it needs. */
interface Facts {
  readonly spellings: readonly string[] | undefined;
  readonly needs: readonly Need[];
}

/** Past this many spellings a part is no longer listed (a need of many short strings filters little). */
const MAX_SPELLINGS = 32;

const UNKNOWN: Facts = { spellings: undefined, needs: [] };
const EMPTY: Facts = { spellings: [''], needs: [] };

/**
 * Needs found so far, starting with those of the default policy's patterns: found ahead of time (the committed
 * table of scripts/generate-literal-needs.mjs, which a test keeps current), as finding them at start (the
 * parser's and this module's code run for the first time) cost a small record's check ~35 ms
 * (`caserec validate` of the Jones sample, 20 runs: mean 433 against 398 ms).
 */
const needsOfPattern = new Map<string, readonly Need[]>(Object.entries(DEFAULT_POLICY_NEEDS));
const parser = new RegExpParser();

/**
 * False only if no match of `pattern` (made as `patternRegExp` makes it: ignoring case, without the `u` flag)
 * can be in a text whose normalised, lower-cased form is `loweredText`.
 */
export function mayMatch(pattern: string, loweredText: string): boolean {
  return literalNeeds(pattern).every((need) => need.some((literal) => loweredText.includes(literal)));
}

/** The needs of a pattern (see the module's comment), kept. */
export function literalNeeds(pattern: string): readonly Need[] {
  let needs = needsOfPattern.get(pattern);
  if (needs === undefined) needsOfPattern.set(pattern, (needs = findNeeds(pattern)));
  return needs;
}

/** The needs of a pattern found anew; none for a pattern that does not parse. */
export function findNeeds(pattern: string): readonly Need[] {
  try {
    return asNeeds(factsOf(parser.parsePattern(pattern, 0, pattern.length, { unicode: false })));
  } catch {
    return [];
  }
}

function asNeeds(facts: Facts): readonly Need[] {
  if (facts.spellings === undefined) return facts.needs;
  return isNeed(facts.spellings) ? [leastOf(facts.spellings)] : [];
}

/** A need without the strings that hold another of its strings: where "risk" is not, "risks" is not either. */
function leastOf(need: Need): Need {
  return need.filter((s) => !need.some((t) => t !== s && s.includes(t)));
}

/** A set of spellings is a need only if none is empty: an empty string is in every text. */
function isNeed(spellings: readonly string[]): boolean {
  return spellings.length > 0 && spellings.every((s) => s.length > 0);
}

function factsOf(node: AST.Node): Facts {
  switch (node.type) {
    case 'Character':
      return node.value < 0x80 ? { spellings: [String.fromCharCode(node.value).toLowerCase()], needs: [] } : UNKNOWN;
    case 'CharacterClass':
      return classFacts(node);
    case 'Assertion':
      return EMPTY;
    case 'Pattern':
    case 'Group':
    case 'CapturingGroup':
      return alternationFacts(node.alternatives.map(sequenceFacts));
    case 'Quantifier':
      return quantifierFacts(node);
    default:
      // Character sets (\s, \w, .), back references, and whatever else: no literal known.
      return UNKNOWN;
  }
}

/** `[''’]`, `[sz]`: a class of a few ASCII characters, not negated, is its characters. */
function classFacts(node: AST.CharacterClass): Facts {
  if (node.negate || node.elements.length > MAX_SPELLINGS) return UNKNOWN;
  const spellings = new Set<string>();
  for (const element of node.elements) {
    if (element.type !== 'Character' || element.value >= 0x80) return UNKNOWN;
    spellings.add(String.fromCharCode(element.value).toLowerCase());
  }
  return { spellings: [...spellings], needs: [] };
}

function sequenceFacts(alternative: AST.Alternative): Facts {
  const needs: Need[] = [];
  // The spellings of the literal run since the last part that is not one, and of the whole sequence.
  let run: readonly string[] = [''];
  let whole: readonly string[] | undefined = [''];
  const endRun = () => {
    if (isNeed(run)) needs.push(leastOf(run));
    run = [''];
  };
  for (const element of alternative.elements) {
    const facts = factsOf(element);
    if (facts.spellings === undefined) {
      endRun();
      needs.push(...facts.needs);
      whole = undefined;
      continue;
    }
    const longer = followedBy(run, facts.spellings);
    if (longer === undefined) {
      endRun();
      run = facts.spellings;
    } else {
      run = longer;
    }
    whole = whole && followedBy(whole, facts.spellings);
  }
  endRun();
  return { spellings: whole, needs };
}

/** Every spelling of `first` followed by every one of `then`; undefined if too many. */
function followedBy(first: readonly string[], then: readonly string[]): readonly string[] | undefined {
  if (first.length * then.length > MAX_SPELLINGS) return undefined;
  const out = new Set<string>();
  for (const a of first) for (const b of then) out.add(a + b);
  return [...out];
}

function alternationFacts(branches: readonly Facts[]): Facts {
  if (branches.length === 1) return branches[0]!;
  let spellings: Set<string> | undefined = new Set<string>();
  const need = new Set<string>();
  let everyBranchNeeds = true;
  for (const branch of branches) {
    if (spellings && branch.spellings) branch.spellings.forEach((s) => spellings!.add(s));
    else spellings = undefined;
    const best = bestNeed(branch);
    if (best) best.forEach((s) => need.add(s));
    else everyBranchNeeds = false;
  }
  if (spellings && spellings.size > MAX_SPELLINGS) spellings = undefined;
  return { spellings: spellings && [...spellings], needs: everyBranchNeeds ? [leastOf([...need])] : [] };
}

/** The need of a branch that filters most: the one whose shortest string is longest. */
function bestNeed(facts: Facts): Need | undefined {
  let best: Need | undefined;
  let bestLength = 0;
  for (const need of asNeeds(facts)) {
    const shortest = Math.min(...need.map((s) => s.length));
    if (shortest > bestLength) [best, bestLength] = [need, shortest];
  }
  return best;
}

function quantifierFacts(node: AST.Quantifier): Facts {
  if (node.max === 0) return EMPTY;
  const part = factsOf(node.element);
  // `s?`, `(?:not )?`, `x{2}`: a few repetitions of a part with few spellings are spellings themselves.
  if (part.spellings !== undefined && node.max <= 3) {
    let spellings: readonly string[] | undefined = node.min === 0 ? [''] : [];
    let repeated: readonly string[] | undefined = [''];
    for (let times = 1; times <= node.max && spellings && repeated; times++) {
      repeated = followedBy(repeated, part.spellings);
      if (repeated && times >= node.min) spellings = union(spellings, repeated);
    }
    if (spellings && repeated) return { spellings, needs: [] };
  }
  return node.min === 0 ? UNKNOWN : { spellings: undefined, needs: asNeeds(part) };
}

function union(a: readonly string[], b: readonly string[]): readonly string[] | undefined {
  const out = new Set([...a, ...b]);
  return out.size > MAX_SPELLINGS ? undefined : [...out];
}

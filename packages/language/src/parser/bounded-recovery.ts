import type { LangiumCoreServices, LangiumParser } from 'langium';
import { createLangiumParser } from 'langium';
import { CaserecCstNodeBuilder } from './cst-node-builder.js';

/**
 * Chevrotain recovers inside a repetition by calling the repetition again from within its recovery, so every
 * error at the top level of a file nests one level deeper: 1,400 stray "{ }" pairs overflowed the stack and
 * took the whole file down. Beyond this depth the parser stops recovering: the rest of the file is reported
 * as one error instead, and nothing crashes. Ordinary damaged files stay far below it.
 */
export const MAX_RECOVERY_DEPTH = 200;

type RecoveringParser = {
  attemptInRepetitionRecovery: (...args: unknown[]) => void;
  getNextPossibleTokenTypes: (path: GrammarPath) => unknown[];
};

/** Where the parser is in the grammar when it recovers: Chevrotain's ITokenGrammarPath. */
interface GrammarPath {
  readonly ruleStack: readonly string[];
  readonly occurrenceStack: readonly number[];
  readonly lastTok: { readonly name: string };
  readonly lastTokOccurrence: number;
}

export function createBoundedRecoveryParser(services: LangiumCoreServices): LangiumParser {
  const parser = createLangiumParser(services);
  // Hidden tokens find their place from the end (see cst-node-builder.ts); set before any parse.
  (parser as unknown as { nodeBuilder: CaserecCstNodeBuilder }).nodeBuilder = new CaserecCstNodeBuilder();
  const wrapper = (parser as unknown as { wrapper: RecoveringParser }).wrapper;
  const recover = wrapper.attemptInRepetitionRecovery;
  let depth = 0;
  wrapper.attemptInRepetitionRecovery = function (this: RecoveringParser, ...args: unknown[]) {
    if (depth >= MAX_RECOVERY_DEPTH) return;
    depth++;
    try {
      return recover.apply(this, args);
    } finally {
      depth--;
    }
  };
  // The tokens that may follow a point of the grammar depend on that point alone, yet Chevrotain walks the
  // grammar to find them at every recovery: in a damaged record of 40 KB with hundreds of errors, that walk
  // was two thirds of parsing (over a second). Each point's answer is kept, for this parser's grammar.
  const follows = new Map<string, unknown[]>();
  const nextPossible = wrapper.getNextPossibleTokenTypes;
  wrapper.getNextPossibleTokenTypes = function (this: RecoveringParser, path: GrammarPath) {
    const key = `${path.ruleStack.join(',')}|${path.occurrenceStack.join(',')}|${path.lastTok.name}|${path.lastTokOccurrence}`;
    let found = follows.get(key);
    if (!found) follows.set(key, (found = nextPossible.call(this, path)));
    return found;
  };
  return parser;
}

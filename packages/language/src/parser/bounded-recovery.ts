import type { LangiumCoreServices, LangiumParser } from 'langium';
import { createLangiumParser } from 'langium';

/**
 * Chevrotain recovers inside a repetition by calling the repetition again from within its recovery, so every
 * error at the top level of a file nests one level deeper: 1,400 stray "{ }" pairs overflowed the stack and
 * took the whole file down. Beyond this depth the parser stops recovering: the rest of the file is reported
 * as one error instead, and nothing crashes. Ordinary damaged files stay far below it.
 */
export const MAX_RECOVERY_DEPTH = 200;

type RecoveringParser = { attemptInRepetitionRecovery: (...args: unknown[]) => void };

export function createBoundedRecoveryParser(services: LangiumCoreServices): LangiumParser {
  const parser = createLangiumParser(services);
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
  return parser;
}

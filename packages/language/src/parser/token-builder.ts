import type { GrammarAST } from 'langium';
import { DefaultTokenBuilder } from 'langium';
import type { TokenType } from 'chevrotain';

/**
 * Lines that start an entry (or a case block) at column 0. An unclosed text block ends before such a line, so
 * that one missing `"""` does not swallow every entry after it (language.md, "Recovery"). The cost is that a
 * text block cannot hold a line starting at column 0 with, say, `visit 2021-09-01`: prose is indented in
 * practice, and such a line is far likelier to be the next entry than part of the prose.
 */
const ENTRY_START =
  /\r?\n(?=(?:event|contact|referral|allocation|unallocated|oversight|visit|strategy-discussion|section-47|conference|core-group|assessment|safety-plan|supervision|missing|return-interview|step-down|step-up|closure|note)[ \t]+(?:[A-Za-z][\w-]*[ \t]+)?\d{4}-|case[ \t]+"|for[ \t]+case\b|[ \t]*[a-z][a-z-]*[ \t]*:[ \t]*"""|[ \t]*\}[ \t]*\r?$)/gm;

/**
 * Matches a text block at `offset`: `"""`, then everything up to the LAST three quotes of the first run of
 * three or more (`"""She said "no""""` holds `She said "no"`). An unclosed block runs to the next entry start
 * or the end of the file; the token then does not end in `"""` and validation reports it where it opened.
 */
export function matchTextBlock(text: string, offset: number): RegExpExecArray | null {
  if (!text.startsWith('"""', offset)) return null;
  let end = text.indexOf('"""', offset + 3);
  ENTRY_START.lastIndex = offset + 3;
  const entryStart = ENTRY_START.exec(text);
  const stop = entryStart ? entryStart.index : text.length;
  let image: string;
  if (end >= 0 && end < stop) {
    while (text.charCodeAt(end + 3) === 34 /* " */) end++;
    image = text.slice(offset, end + 3);
  } else {
    image = text.slice(offset, stop);
  }
  const result = [image] as unknown as RegExpExecArray;
  result.index = offset;
  result.input = text;
  return result;
}

export function isClosedTextBlock(image: string): boolean {
  return image.length >= 6 && image.endsWith('"""');
}

const WORD = /[a-zA-Z][a-zA-Z0-9_-]*/y;
const INDENTED_ENTRY_REST = /[ \t]+\d{4}-\d{2}-\d{2}/y;

/**
 * Matches a word that starts a line but is not an entry keyword (keywords are tried first): a misspelt entry
 * kind (`vist 2021-09-05 …`) or a stray sentence. The parser takes it and the rest of its line as a Stray, so
 * the entries after it still parse. A word followed by `:` is a field and is left alone; an indented word
 * counts only when a date follows it, as in a misspelt entry header.
 */
export function matchUnknownStart(text: string, offset: number): RegExpExecArray | null {
  let i = offset - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  if (i >= 0 && text[i] !== '\n' && text[i] !== '\r') return null;
  const indented = i !== offset - 1;
  WORD.lastIndex = offset;
  const word = WORD.exec(text);
  if (!word) return null;
  const after = offset + word[0].length;
  let j = after;
  while (text[j] === ' ' || text[j] === '\t') j++;
  if (text[j] === ':' || (text[j] === '"' && j === after)) return null;
  if (j === after && j < text.length && text[j] !== '\n' && text[j] !== '\r') return null;
  if (indented) {
    INDENTED_ENTRY_REST.lastIndex = after;
    if (!INDENTED_ENTRY_REST.test(text)) return null;
  }
  return word;
}

export class CaserecTokenBuilder extends DefaultTokenBuilder {
  protected override buildTerminalToken(terminal: GrammarAST.TerminalRule): TokenType {
    const tokenType = super.buildTerminalToken(terminal);
    if (terminal.name === 'TEXT') {
      tokenType.PATTERN = { exec: matchTextBlock };
      tokenType.LINE_BREAKS = true;
      tokenType.START_CHARS_HINT = ['"'];
    } else if (terminal.name === 'UNKNOWN_START') {
      tokenType.PATTERN = { exec: matchUnknownStart };
      tokenType.LINE_BREAKS = false;
      // Without a hint chevrotain cannot index tokens by first character and falls back to trying every
      // pattern at every offset: many times slower.
      tokenType.START_CHARS_HINT = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'];
    }
    return tokenType;
  }
}

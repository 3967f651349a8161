import type { IParserErrorMessageProvider, TokenType, IToken } from 'chevrotain';
import { LangiumParserErrorMessageProvider } from 'langium';

/**
 * Parser messages for a social worker rather than a compiler writer: "Expected a date (YYYY-MM-DD) here, but
 * found "Sept"" instead of chevrotain's token-type lists.
 */
const TERMINALS: Record<string, string> = {
  DATE: 'a date (YYYY-MM-DD)',
  TIME: 'a time (HH:MM)',
  ID: 'an id',
  STRING: 'a quoted string',
  TEXT: 'a text block ("""…""")',
  UNKNOWN_START: 'an entry',
  EOF: 'the end of the file',
};

export function describeToken(token: TokenType): string {
  return TERMINALS[token.name] ?? `"${token.name.replace(/:KW$/, '')}"`;
}

function found(token: IToken | undefined): string {
  if (!token || token.tokenType?.name === 'EOF') return 'the end of the file';
  const image = token.image.length > 30 ? token.image.slice(0, 30) + '…' : token.image;
  return `"${image.replace(/\s+/g, ' ')}"`;
}

function alternatives(paths: TokenType[][][] | TokenType[][]): string {
  const firsts = new Map<string, string>();
  const flat = (paths as unknown[]).flat(2) as unknown[];
  for (const token of flat) {
    if (token && typeof token === 'object' && 'name' in (token as TokenType))
      firsts.set((token as TokenType).name, describeToken(token as TokenType));
  }
  const described = [...firsts.values()];
  if (described.length > 6) return `${described.slice(0, 5).join(', ')} or another of ${described.length} possibilities`;
  return described.length <= 1 ? (described[0] ?? 'something else') : `${described.slice(0, -1).join(', ')} or ${described.at(-1)}`;
}

export class CaserecParserErrorMessageProvider extends LangiumParserErrorMessageProvider implements IParserErrorMessageProvider {
  override buildMismatchTokenMessage({ expected, actual }: { expected: TokenType; actual: IToken }): string {
    return `Expected ${describeToken(expected)} here, but found ${found(actual)}.`;
  }

  override buildNotAllInputParsedMessage({ firstRedundant }: { firstRedundant: IToken }): string {
    return `${found(firstRedundant)} is not part of any entry: an entry starts at the beginning of a line with its kind and date (visit 2021-09-01 …), and its fields go inside { }.`;
  }

  override buildNoViableAltMessage({ expectedPathsPerAlt, actual }: { expectedPathsPerAlt: TokenType[][][]; actual: IToken[] }): string {
    return `Expected ${alternatives(expectedPathsPerAlt)} here, but found ${found(actual[0])}.`;
  }

  override buildEarlyExitMessage({ expectedIterationPaths, actual }: { expectedIterationPaths: TokenType[][]; actual: IToken[] }): string {
    return `Expected ${alternatives(expectedIterationPaths)} here, but found ${found(actual[0])}.`;
  }
}

/** Chevrotain's lexer says "unexpected character: ->"<- at offset: 4694, skipped 1 characters." */
export function plainLexerMessage(message: string): string {
  const match = /->(.*?)<-/s.exec(message);
  if (!match) return message.replace(/\s+/g, ' ').trim();
  const char = match[1] ?? '';
  const code = char.codePointAt(0) ?? 0;
  const shown = code < 32 || code === 127 ? `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}` : `"${char}"`;
  const hint =
    char === '"'
      ? ' (a quote opens a string that must close on the same line, or a text block """…""")'
      : ' (prose belongs inside a text block """…""")';
  return `${shown.charAt(0).toUpperCase()}${shown.slice(1)} is not part of the case-record language here${hint}.`;
}

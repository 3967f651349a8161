import type { CstNode, GrammarAST, ValueType } from 'langium';
import { DefaultValueConverter } from 'langium';
import { isClosedTextBlock } from './token-builder.js';

/** Turns a text block token into its words: the delimiting quotes go, everything between stays verbatim. */
export function textBlockValue(image: string): string {
  return isClosedTextBlock(image) ? image.slice(3, -3) : image.slice(3);
}

export class CaserecValueConverter extends DefaultValueConverter {
  protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
    if (rule.name === 'TEXT') return textBlockValue(input);
    return super.runConverter(rule, input, cstNode);
  }
}

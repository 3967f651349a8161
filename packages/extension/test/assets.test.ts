import * as fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENTRY_KINDS } from '../../language/src/model/entry-kinds.js';
import { grammarJson, snippetsText, SNIPPETS_FILE } from '../scripts/generate-assets.mjs';

/**
 * The extension's language assets are generated from the language (ENTRY_KINDS, the Langium grammar). These
 * tests keep the generated files true to it and check what the generated TextMate grammar highlights.
 */
interface Pattern {
  readonly name?: string;
  readonly match?: string;
  readonly begin?: string;
  readonly end?: string;
  readonly include?: string;
}

describe('snippets', () => {
  it('snippets/caserec.json is up to date with ENTRY_KINDS (run `npm run build -w caserec-vscode` if not)', async () => {
    expect(fs.readFileSync(SNIPPETS_FILE, 'utf8')).toBe(await snippetsText());
  });

  it('has one snippet per kind of entry, prefixed by its keyword', () => {
    const snippets = JSON.parse(fs.readFileSync(SNIPPETS_FILE, 'utf8').replace(/^\/\/.*\n/, '')) as Record<string, { prefix: string }>;
    expect(
      Object.values(snippets)
        .map((s) => s.prefix)
        .sort(),
    ).toEqual(
      Object.values(ENTRY_KINDS)
        .map((k) => k.keyword)
        .sort(),
    );
  });
});

describe('the TextMate grammar', () => {
  let grammar: { patterns: Pattern[] };
  beforeAll(async () => {
    grammar = (await grammarJson()) as { patterns: Pattern[] };
  });

  it('highlights a text block as one string, before any one-quote string can claim its first quote', () => {
    const names = grammar.patterns.map((p) => p.name ?? p.include);
    expect(names.indexOf('string.quoted.triple.caserec')).toBeLessThan(names.indexOf('string.quoted.double.caserec'));
    const triple = grammar.patterns.find((p) => p.name === 'string.quoted.triple.caserec')!;
    expect(triple.begin).toBe('"""');
    // The closing run: the block `"""She said "no""""` ends at its last quote.
    const end = new RegExp(triple.end!, 'y');
    end.lastIndex = 'She said "no'.length;
    expect(end.exec('She said "no""""')?.[0]).toBe('""""');
  });

  it('highlights dates, and entry keywords only as whole words (not inside `kit-visit`)', async () => {
    const match = (name: string) => new RegExp(grammar.patterns.find((p) => p.name === name)!.match!, 'g');
    expect('visit 2021-09-01 17:00 by jo'.match(match('constant.numeric.date.caserec'))).toEqual(['2021-09-01']);
    expect('visit 2021-09-01 17:00 by jo'.match(match('constant.numeric.time.caserec'))).toEqual(['17:00']);
    expect('visit 2021-09-01 by kit-visit to amy'.match(match('keyword.control.entry.caserec'))).toEqual(['visit']);
    expect('step-down 2022-05-20 about leah to early-help'.match(match('keyword.control.entry.caserec'))).toEqual(['step-down']);
  });
});

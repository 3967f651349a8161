import { EmptyFileSystem } from 'langium';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCaserecServices } from '../../src/index.js';
import { parseHelper } from 'langium/test';
import type { CaseFile } from '../../src/generated/ast.js';

/**
 * The product builds its parser in production mode, without Chevrotain's grammar checks (they cost about a
 * third of a cold start). They run here instead, so a grammar change that makes the parser ambiguous or
 * invalid still fails the suite.
 */
describe('the grammar, built with its checks', () => {
  afterEach(() => vi.restoreAllMocks());

  it('passes the lexer and parser definition checks without a warning', async () => {
    const messages: unknown[] = [];
    for (const method of ['log', 'warn', 'error'] as const) vi.spyOn(console, method).mockImplementation((...args) => messages.push(args));
    const { Caserec } = createCaserecServices(EmptyFileSystem, { grammarChecks: true });
    expect(Caserec.LanguageMetaData.mode).toBe('development');
    const document = await parseHelper<CaseFile>(Caserec)('case "c-1" {\n  child amelia "Amelia Brook" born 2016-01-01\n}\n');
    expect(document.parseResult.parserErrors).toEqual([]);
    expect(messages).toEqual([]);
  });

  it('is left out by default', () => {
    expect(createCaserecServices(EmptyFileSystem).Caserec.LanguageMetaData.mode).toBe('production');
  });
});

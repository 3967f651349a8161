import * as path from 'node:path';
import type {
  CodeLens,
  DocumentSymbol,
  FoldingRange,
  Hover,
  InlayHint,
  Location,
  LocationLink,
  SemanticTokens,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEdits, CONTRACT, fixture, positionOf, startServer, type LspClient } from './client.js';

/**
 * The features that read: hover, go-to-definition, references and rename across the two files of a split case
 * (contract/morgan-case), outline, folding, semantic tokens, code lenses, inlay hints, and the chronology and
 * validate-workspace requests. The workspace folder is morgan-case, so the server loads both of its files.
 */

const CASE = `case "SG-900030" {
  child amy "Amy Test" born 2015-01-01
  adult mum "Mia Test" relationship "mother"
  worker sw "Sue Worker" role social-worker
  worker tm "Tom Manager" role team-manager
  agency pol "Midshire Police"
}
`;

const records = fixture('morgan-case/2022-records.case');
const caseFile = fixture('morgan-case/case.case');
let client: LspClient;

beforeAll(async () => {
  client = await startServer({ folder: path.join(CONTRACT, 'morgan-case'), settings: { asOf: '2023-03-10' } });
  client.open(caseFile.uri, caseFile.text);
  client.open(records.uri, records.text);
  await client.diagnostics(records.uri);
});

afterAll(async () => {
  await client.stop();
});

async function hover(uri: string, text: string, marker: string, delta: number): Promise<string> {
  const result = await client.request<Hover | null>('textDocument/hover', {
    textDocument: { uri },
    position: positionOf(text, marker, delta),
  });
  return result ? (result.contents as { value: string }).value : '';
}

describe('hover', () => {
  it("on a finding, gives the rule's explanation and source", async () => {
    const text = CASE + '\nreferral 2023-01-04 from pol about amy\n';
    const uri = 'file:///caserec-test/hover-finding.case';
    client.open(uri, text);
    await client.diagnostics(uri);
    const value = await hover(uri, text, 'referral 2023', 3);
    expect(value).toContain('**CR003 missing-field**');
    expect(value).toContain('Each kind of entry has fields that a complete record needs');
    expect(value).toContain('_Source: caserec record-keeping standard_');
  });

  it('on a person, gives who they are, and a child’s age on the date of the entry', async () => {
    expect(await hover(records.uri, records.text, 'about leah', 7)).toBe(
      '**Leah Morgan** (`leah`): child, born Mon 19 Feb 2007 — aged 15 on Mon 7 Mar 2022 (the date of this entry)',
    );
    expect(await hover(records.uri, records.text, 'to sam', 4)).toBe(
      '**Sam Okafor** (`sam`): worker, social-worker, Adolescent Support team',
    );
    expect(await hover(caseFile.uri, caseFile.text, 'adult dawn', 7)).toBe('**Dawn Morgan** (`dawn`): adult, mother');
  });

  it('on an entry header, gives the clocks it starts and where they stand', async () => {
    const value = await hover(records.uri, records.text, 'referral r1', 2);
    expect(value).toContain('This referral of Mon 7 Mar 2022 starts:');
    // No assessment and no visit were recorded before the case closed (CR305, CR306).
    expect(value).toContain(
      'Assessment due by Thu 12 May 2022 (45 working days): not done, overdue until the case closed on Wed 1 Mar 2023',
    );
    expect(value).toContain('First visit due by Mon 14 Mar 2022 (5 working days): not done');
  });
});

describe('definition, references and rename across the files of a case', () => {
  it('goes from a reference in one file to the declaration in the other', async () => {
    const result = await client.request<LocationLink[]>('textDocument/definition', {
      textDocument: { uri: records.uri },
      position: positionOf(records.text, 'about leah', 7),
    });
    expect(result).toHaveLength(1);
    expect(result[0]!.targetUri).toBe(caseFile.uri);
    expect(result[0]!.targetSelectionRange.start).toEqual(positionOf(caseFile.text, 'leah "Leah'));
  });

  it('finds the references in both files', async () => {
    const result = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: caseFile.uri },
      position: positionOf(caseFile.text, 'sam "Sam', 1),
      context: { includeDeclaration: true },
    });
    const inRecords = result.filter((location) => location.uri === records.uri);
    expect(inRecords).toHaveLength(records.text.match(/\bsam\b/g)!.length);
    expect(result.filter((location) => location.uri === caseFile.uri)).toHaveLength(1);
  });

  it('renames a person in every file of the case, and refuses a keyword', async () => {
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri: records.uri },
      position: positionOf(records.text, 'to sam', 4),
      newName: 'okafor',
    });
    const renamedRecords = applyEdits(records.text, edit.changes![records.uri]!);
    const renamedCase = applyEdits(caseFile.text, edit.changes![caseFile.uri]!);
    expect(renamedCase).toContain('worker okafor "Sam Okafor"');
    expect(renamedRecords).not.toMatch(/\bsam\b/);
    expect(renamedRecords.match(/\bokafor\b/g)).toHaveLength(records.text.match(/\bsam\b/g)!.length);
    await expect(
      client.request('textDocument/rename', {
        textDocument: { uri: records.uri },
        position: positionOf(records.text, 'to sam', 4),
        newName: 'visit',
      }),
    ).rejects.toThrow(/keyword/);
  });

  it('renames an entry id and the references to it', async () => {
    const text = CASE + '\nsafety-plan sp1 2023-01-04 for amy\n\nsafety-plan sp2 2023-02-01 for amy replaces sp1\n';
    const uri = 'file:///caserec-test/rename-id.case';
    client.open(uri, text);
    await client.diagnostics(uri);
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri },
      position: positionOf(text, 'sp1 2023', 1),
      newName: 'first-plan',
    });
    expect(applyEdits(text, edit.changes![uri]!)).toContain(
      'safety-plan first-plan 2023-01-04 for amy\n\nsafety-plan sp2 2023-02-01 for amy replaces first-plan',
    );
  });
});

describe('outline and folding', () => {
  it('lists the case block with its people, then the entries by date and kind', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: caseFile.uri } });
    expect(symbols[0]!.name).toBe('case "SG-200871"');
    expect(symbols[0]!.children!.map((person) => person.name)).toEqual(['leah', 'dawn', 'sam', 'priya', 'kit', 'police', 'college']);
    const entries = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: records.uri } });
    expect(entries.map((symbol) => symbol.name)).toEqual([
      'for case "SG-200871"',
      '2022-03-07 10:05 contact',
      '2022-03-07 referral r1',
      '2022-03-08 allocation',
      '2022-03-12 missing',
      '2022-03-15 return-interview',
      '2022-03-20 note',
      '2022-04-01 unallocated',
      '2022-04-06 allocation',
      '2022-05-20 step-down',
      '2022-07-04 step-up',
      '2023-03-01 closure',
    ]);
  });

  it('folds the case block and every entry with a body', async () => {
    const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: records.uri } });
    const starts = new Set(ranges.map((range) => range.startLine));
    expect(starts.has(positionOf(records.text, 'contact 2022').line)).toBe(true);
    expect(starts.has(positionOf(records.text, 'return-interview').line)).toBe(true);
  });
});

describe('semantic tokens', () => {
  it('tells entry keywords, dates, people by kind and text blocks apart', async () => {
    const legend = client.initializeResult.capabilities.semanticTokensProvider!.legend;
    const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: records.uri } });
    const lines = records.text.split('\n');
    const decoded: { text: string; type: string }[] = [];
    let line = 0;
    let character = 0;
    for (let i = 0; i < tokens.data.length; i += 5) {
      const [deltaLine, deltaStart, length, type] = tokens.data.slice(i, i + 4) as [number, number, number, number];
      line += deltaLine;
      character = deltaLine === 0 ? character + deltaStart : deltaStart;
      decoded.push({ text: lines[line]!.slice(character, character + length), type: legend.tokenTypes[type]! });
    }
    const typeOf = (text: string) => decoded.find((token) => token.text === text)?.type;
    expect(typeOf('contact')).toBe('keyword');
    expect(typeOf('2022-03-07')).toBe('number');
    expect(typeOf('leah')).toBe('variable'); // a child
    expect(typeOf('priya')).toBe('type'); // a worker
    expect(typeOf('college')).toBe('namespace'); // an agency
    expect(typeOf('given')).toBe('enumMember');
    expect(typeOf('consent')).toBe('property');
    expect(decoded.some((token) => token.type === 'string' && token.text.startsWith('"""Leah'))).toBe(true);
  });
});

describe('code lenses and inlay hints', () => {
  it('shows the clocks of the case on the as-of date', async () => {
    const text =
      CASE +
      '\nreferral 2023-02-01 from pol about amy {\n  reason: """x"""\n}\n\ncontact 2023-03-09 from pol about amy {\n  concern: """y"""\n}\n';
    const uri = 'file:///caserec-test/lenses.case';
    client.open(uri, text);
    await client.diagnostics(uri);
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    expect(lenses.map((lens) => lens.command!.title)).toEqual([
      'Assessment: day 27 of 45 working days, due Wed 5 Apr',
      'First visit: overdue — due Wed 8 Feb, 22 working days late',
      'Decision due by Fri 10 Mar — today',
    ]);
    const stopped = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: records.uri } });
    expect(stopped.map((lens) => lens.command!.title)).toContain('Decision: made Mon 7 Mar, within 1 working day');
  });

  it('shows the working days since the referral after each dated header', async () => {
    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', {
      textDocument: { uri: records.uri },
      range: { start: { line: 0, character: 0 }, end: { line: 60, character: 0 } },
    });
    const byLine = new Map(hints.map((hint) => [hint.position.line, hint.label]));
    expect(byLine.get(positionOf(records.text, 'allocation 2022-03-08').line)).toBe('day 1');
    expect(byLine.get(positionOf(records.text, 'return-interview 2022-03-15').line)).toBe('day 6');
    expect(byLine.has(positionOf(records.text, 'contact 2022-03-07').line)).toBe(false); // before the referral
  });
});

describe('requests of our own', () => {
  it('caserec/chronologyHtml draws the case from both its files, with links back to the entries', async () => {
    const html = await client.request<string>('caserec/chronologyHtml', { uri: records.uri });
    expect(html).toContain('SG-200871');
    const referralLine = positionOf(records.text, 'referral r1').line + 1;
    expect(html).toMatch(new RegExp(`data-file="${records.uri.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" data-line="${referralLine}"`));
    expect(html).not.toMatch(/<script/i);
  });

  it('caserec/validateWorkspace checks every file and publishes their diagnostics', async () => {
    const summary = await client.request<{ files: number; errors: number; warnings: number }>('caserec/validateWorkspace', {});
    expect(summary.files).toBeGreaterThanOrEqual(2);
    expect(summary.warnings).toBeGreaterThan(0);
    await client.diagnostics(records.uri, (p) => p.diagnostics.some((d) => d.code === 'CR402'));
  });
});

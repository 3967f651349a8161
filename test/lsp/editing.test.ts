import type { CodeAction, CompletionItem, CompletionList, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEdits, fixture, startServer, type LspClient } from './client.js';

/**
 * The features that write: quick fixes, completion and formatting, over the protocol against the real server.
 * Quick fixes and formatting are checked by applying their edits to the text and comparing the result.
 */

const CASE = `case "SG-900020" {
  child amy "Amy Test" born 2015-01-01
  adult mum "Mia Test" relationship "mother"
  worker sw "Sue Worker" role social-worker
  worker tm "Tom Manager" role team-manager
  agency pol "Midshire Police"
}
`;

let client: LspClient;
let counter = 0;

beforeAll(async () => {
  client = await startServer({ settings: { asOf: '2023-03-10' } });
});

afterAll(async () => {
  await client.stop();
});

/** Opens a fresh inline document and waits for its first diagnostics. */
async function open(text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = `file:///caserec-test/editing-${++counter}.case`;
  client.open(uri, text);
  return { uri, diagnostics: (await client.diagnostics(uri)).diagnostics };
}

async function fixes(uri: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
  return client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic] },
  });
}

function applied(text: string, uri: string, action: CodeAction): string {
  return applyEdits(text, action.edit!.changes![uri]!);
}

describe('quick fixes', () => {
  it('CR003: adds the missing field as an empty text block, with braces when the entry has none', async () => {
    const text = CASE + '\nreferral 2023-01-04 from pol about amy\n';
    const { uri, diagnostics } = await open(text);
    const missing = diagnostics.find((d) => d.code === 'CR003')!;
    const [fix] = await fixes(uri, missing);
    expect(fix!.title).toBe('Add "reason" to this referral');
    expect(applied(text, uri, fix!)).toBe(CASE + '\nreferral 2023-01-04 from pol about amy {\n  reason: """"""\n}\n');
  });

  it('CR003: puts the field in its place among the others, indented like them', async () => {
    const entry = (body: string) => `\ncontact 2023-01-04 from pol about amy {\n${body}}\n`;
    const text = CASE + entry('    concern: """Bruise seen at school."""\n    decision 2023-01-04 by tm: advice\n');
    const { uri, diagnostics } = await open(text);
    const missing = diagnostics.find((d) => d.code === 'CR003' && (d.data as { field?: string }).field === 'rationale')!;
    const [fix] = await fixes(uri, missing);
    expect(applied(text, uri, fix!)).toBe(
      CASE + entry('    concern: """Bruise seen at school."""\n    decision 2023-01-04 by tm: advice\n    rationale: """"""\n'),
    );
  });

  it('CR003: an enumerated field is offered once per value, for the worker to choose', async () => {
    const text =
      CASE + '\nstrategy-discussion 2023-01-04 about amy chair tm {\n  attendees: pol, sw\n  rationale: """Threshold met."""\n}\n';
    const { uri, diagnostics } = await open(text);
    const missing = diagnostics.find((d) => d.code === 'CR003')!;
    const titles = (await fixes(uri, missing)).map((f) => f.title);
    expect(titles).toEqual(['section-47', 'single-agency', 'assessment', 'no-further-action'].map((v) => `Add "decision: ${v}"`));
  });

  it("CR101: adds the child's voice before the observations", async () => {
    const text = CASE + '\nvisit 2023-01-04 by sw to amy {\n  observations: """Home warm."""\n}\n';
    const { uri, diagnostics } = await open(text);
    const missing = diagnostics.find((d) => d.code === 'CR101')!;
    const [fix] = await fixes(uri, missing);
    expect(applied(text, uri, fix!)).toBe(
      CASE + '\nvisit 2023-01-04 by sw to amy {\n  child-voice: """"""\n  observations: """Home warm."""\n}\n',
    );
  });

  it('CR103: records the child as seen alone, or the reason they were not', async () => {
    const visit = (extra: string) =>
      `\nstrategy-discussion 2023-01-02 about amy chair tm {\n  attendees: pol, sw\n  decision: section-47\n  rationale: """Threshold met."""\n}\n\nvisit 2023-01-03 by sw to amy {\n${extra}  child-voice: """Amy said "I want my nan"."""\n  observations: """Home warm."""\n}\n`;
    const text = CASE + visit('');
    const { uri, diagnostics } = await open(text);
    const notAlone = diagnostics.find((d) => d.code === 'CR103')!;
    expect(notAlone.data).toMatchObject({ child: 'amy' });
    const [seen, reason] = await fixes(uri, notAlone);
    expect(applied(text, uri, seen!)).toBe(CASE + visit('  seen-alone: amy\n'));
    expect(applied(text, uri, reason!)).toBe(CASE + visit('  not-alone: amy because """"""\n'));
  });

  it('CR006: adds an owner (one fix per possible owner) and a due date to an action', async () => {
    const supervision = (action: string) =>
      `\nsupervision 2023-01-05 of sw by tm about amy {\n  reflection: """We tested the hypothesis that the school's worry is about attendance."""\n  ${action}\n}\n`;
    const text = CASE + supervision('action "Ask school for attendance"');
    const { uri, diagnostics } = await open(text);
    const incomplete = diagnostics.find((d) => d.code === 'CR006')!;
    const actions = await fixes(uri, incomplete);
    expect(actions.map((a) => a.title)).toEqual([
      'Add owner sw (Sue Worker)',
      'Add owner tm (Tom Manager)',
      'Add due 2023-03-10 (then set the real date)',
    ]);
    expect(applied(text, uri, actions[0]!)).toBe(CASE + supervision('action "Ask school for attendance" owner sw'));
    const both = applyEdits(applied(text, uri, actions[2]!), actions[0]!.edit!.changes![uri]!);
    expect(both).toBe(CASE + supervision('action "Ask school for attendance" owner sw due 2023-03-10'));
  });
});

describe('completion', () => {
  async function completion(text: string): Promise<CompletionItem[]> {
    const uri = `file:///caserec-test/completion-${++counter}.case`;
    client.open(uri, text);
    await client.diagnostics(uri);
    const lines = text.split('\n');
    const result = await client.request<CompletionList | CompletionItem[]>('textDocument/completion', {
      textDocument: { uri },
      position: { line: lines.length - 1, character: lines.at(-1)!.length },
    });
    return Array.isArray(result) ? result : result.items;
  }

  it('offers entry templates as snippets at the start of a line', async () => {
    const items = await completion(CASE + '\n');
    const supervision = items.find((item) => item.label === 'supervision' && item.insertTextFormat === 2);
    expect(supervision?.insertText).toMatch(
      /^supervision \$\{1:\d{4}-\d{2}-\d{2}\} of \$\{2\|sw,tm\|\} by \$\{3:tm\} about \$\{4:amy\} \{/,
    );
  });

  it('offers people by what fits, enumerated values and the date', async () => {
    const labels = async (text: string) => (await completion(text)).map((item) => item.label);
    expect(await labels(CASE + 'visit 2023-01-04 by ')).toEqual(['sw', 'tm']);
    expect(await labels(CASE + 'visit 2023-01-04 by sw to ')).toEqual(['amy']);
    expect(await labels(CASE + 'contact 2023-01-04 from pol about amy {\n  consent: ')).toEqual([
      'given',
      'refused',
      'not-sought',
      'dispensed-with',
    ]);
    // Where a date is expected: today, then the as-of date of the settings.
    const [today, asOf] = await labels(CASE + 'note ');
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(asOf).toBe('2023-03-10');
  });
});

describe('formatting', () => {
  async function format(uri: string): Promise<TextEdit[]> {
    return client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 8, insertSpaces: false } });
  }

  it('lays out a record and is idempotent, keeping every character of its text blocks', async () => {
    const messy =
      CASE +
      '\nvisit   2023-01-04 by sw   to amy{\n      child-voice :"""Amy said   "no,  not   today"."""\n/* seen in the kitchen */\n observations:"""Warm.\n   Food in the fridge."""\n}\n';
    const { uri } = await open(messy);
    const once = applyEdits(messy, await format(uri));
    expect(once).toBe(
      CASE +
        '\nvisit 2023-01-04 by sw to amy {\n  child-voice: """Amy said   "no,  not   today"."""\n  /* seen in the kitchen */\n  observations: """Warm.\n   Food in the fridge."""\n}\n',
    );
    expect(once.replace(/\s+/g, '')).toBe(messy.replace(/\s+/g, ''));
    const blocks = (text: string) => text.match(/"""[\s\S]*?"""/g);
    expect(blocks(once)).toEqual(blocks(messy));
    client.change(uri, [{ text: once }], 2);
    await client.diagnostics(uri, (p) => p.version === 2);
    expect(await format(uri)).toEqual([]);
  });

  it('leaves the contract samples as they are', async () => {
    for (const name of ['jones-family.case', 'morgan-case/case.case', 'morgan-case/2022-records.case']) {
      const sample = fixture(name);
      client.open(sample.uri, sample.text);
      await client.diagnostics(sample.uri);
      expect(applyEdits(sample.text, await format(sample.uri))).toBe(sample.text);
    }
  });

  it('does not format a document that does not parse', async () => {
    const broken = CASE + '\nvisit   2023-01-04 by sw to amy {\n      observations:   \n}\n';
    const { uri, diagnostics } = await open(broken);
    expect(diagnostics.some((d) => d.code === 'CR001')).toBe(true);
    expect(await format(uri)).toEqual([]);
  });
});

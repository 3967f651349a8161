import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileUri, fixture, positionOf, startServer, type LspClient } from './client.js';

/**
 * Diagnostics over the protocol, from the real server: what arrives, for which version of the text, under
 * which settings and policy, and that nothing the client sends can take the server down. Every wait is on a
 * publishDiagnostics or showMessage event, never on a sleep.
 */

const CASE = `case "SG-900010" {
  child amy "Amy Test" born 2015-01-01
  worker sw "Sue Worker" role social-worker
  worker tm "Tom Manager" role team-manager
  agency pol "Midshire Police"
}
`;

const codes = (params: PublishDiagnosticsParams) => params.diagnostics.map((d) => String(d.code));

let client: LspClient;
let work: string;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'caserec-lsp-'));
  client = await startServer({ settings: { asOf: '2023-03-10' } });
});

afterAll(async () => {
  await client.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('diagnostics', () => {
  it('publishes the contract samples as validate does: none for the good-practice case', async () => {
    const jones = fixture('jones-family.case');
    const own = await startServer({ settings: { asOf: '2021-11-10' } });
    try {
      own.open(jones.uri, jones.text);
      const published = await own.diagnostics(jones.uri);
      expect(published.version).toBe(1);
      expect(published.diagnostics).toEqual([]);
    } finally {
      await own.stop();
    }
  });

  it('links a split case and reports its practice findings (morgan-case)', async () => {
    const records = fixture('morgan-case/2022-records.case');
    const caseFile = fixture('morgan-case/case.case');
    client.open(caseFile.uri, caseFile.text);
    client.open(records.uri, records.text);
    const published = await client.diagnostics(records.uri, (p) => codes(p).includes('CR305'));
    expect(codes(published)).toEqual(expect.arrayContaining(['CR305', 'CR306', 'CR311', 'CR402']));
    expect(published.diagnostics.filter((d) => d.severity === 1)).toEqual([]);
  });

  it('gives each finding its code, rule data and plain message', async () => {
    const uri = fileUri(path.join(work, 'fields.case'));
    client.open(uri, CASE + 'referral 2023-01-04 from pol about amy\n');
    const published = await client.diagnostics(uri);
    const missing = published.diagnostics.find((d) => d.code === 'CR003') as Diagnostic;
    expect(missing.data).toMatchObject({ code: 'CR003', field: 'reason', kind: 'Referral' });
    expect(missing.message).toContain('"reason"');
  });

  it('a burst of ten edits gives diagnostics for the last version only, with no backlog', async () => {
    const uri = fileUri(path.join(work, 'burst.case'));
    const base = CASE + 'note 2023-01-04 by sw about amy {\n  text: """Rang the school."""\n}\n';
    client.open(uri, base);
    expect((await client.diagnostics(uri)).version).toBe(1);
    const before = client.published.length;
    for (let version = 2; version <= 11; version++) {
      // Each keystroke rewrites the worker's id; only the last one names nobody in the case.
      const worker = version === 11 ? 'nobody' : version % 2 === 0 ? 'sw' : 'tm';
      client.change(uri, [{ text: base.replace('by sw about', `by ${worker} about`) }], version);
    }
    const last = await client.diagnostics(uri, (p) => p.version === 11);
    expect(codes(last)).toContain('CR002');
    const burst = client.published.slice(before).filter((p) => p.uri === uri);
    // Per-entry findings first, then the case pass: at most two publications, both of the last version.
    expect(burst.length).toBeLessThanOrEqual(2);
    expect(new Set(burst.map((p) => p.version))).toEqual(new Set([11]));
  });

  it('publishes per-entry findings first, with the case-level ones moved along with their entries, then the case pass', async () => {
    const price = fixture('../../../examples/many-findings/price.case');
    const own = await startServer({ settings: { asOf: '2023-03-10' } });
    try {
      own.open(price.uri, price.text);
      const first = await own.diagnostics(price.uri, (p) => p.version === 1 && codes(p).includes('CR305'));
      // A blank line above the supervision entries: every finding below it moves down a line, none changes.
      const at = price.text.indexOf('\nsupervision ');
      expect(at).toBeGreaterThan(0);
      const insertAt = positionOf(price.text, '\nsupervision ', 1);
      own.change(price.uri, [{ range: { start: insertAt, end: insertAt }, text: '\n' }], 2);
      const fresh = await own.diagnostics(price.uri, (p) => p.version === 2);
      const complete = await own.diagnostics(price.uri, (p) => p.version === 2 && p !== fresh);
      const carried = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => (d.data as { carried?: boolean } | undefined)?.carried);
      expect(carried(fresh).length).toBeGreaterThan(0);
      expect(carried(complete)).toEqual([]);
      const shape = (p: PublishDiagnosticsParams) =>
        p.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code} ${d.message}`).sort();
      expect(shape(fresh)).toEqual(shape(complete));
      const moved = first.diagnostics
        .map(
          (d) => `${d.range.start.line + (d.range.start.line >= insertAt.line ? 1 : 0)}:${d.range.start.character} ${d.code} ${d.message}`,
        )
        .sort();
      expect(shape(complete)).toEqual(moved);
    } finally {
      await own.stop();
    }
  });

  it('answers a request made straight after an edit from the edited text', async () => {
    const uri = fileUri(path.join(work, 'fresh.case'));
    const text = CASE + 'note 2023-01-04 by sw about amy {\n  text: """x"""\n}\n';
    client.open(uri, text);
    await client.diagnostics(uri);
    // Two new lines above the note: its "by sw" moves down; the hover is sent before the pause is over.
    const edited = text.replace('note 2023', '// a comment\n// another\nnote 2023');
    client.change(uri, [{ text: edited }], 2);
    const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri },
      position: positionOf(edited, 'by sw', 3),
    });
    expect(hover?.contents.value).toContain('Sue Worker');
  });

  it('reports a bad policy file once, on the file, naming the key and the problem', async () => {
    const folder = path.join(work, 'bad-policy');
    fs.mkdirSync(folder);
    const policyFile = path.join(folder, '.caserec.json');
    fs.writeFileSync(policyFile, '{\n  // local timescales\n  "timescales": {\n    "assessmentWorkingDays": "forty-five"\n  }\n}\n');
    const uri = fileUri(path.join(folder, 'record.case'));
    client.open(uri, CASE);
    const published = await client.diagnostics(fileUri(policyFile));
    expect(published.diagnostics).toHaveLength(1);
    const [problem] = published.diagnostics;
    expect(problem!.message).toContain('timescales.assessmentWorkingDays');
    expect(problem!.message).toMatch(/number/);
    expect(problem!.range.start.line).toBe(3);
  });

  it('clears the policy diagnostic once the file is put right', async () => {
    const folder = path.join(work, 'fixed-policy');
    fs.mkdirSync(folder);
    const policyFile = path.join(folder, '.caserec.json');
    fs.writeFileSync(policyFile, '{ "rules": { "CR999": "off" } }\n');
    const uri = fileUri(path.join(folder, 'record.case'));
    client.open(uri, CASE);
    const bad = await client.diagnostics(fileUri(policyFile));
    expect(bad.diagnostics[0]!.message).toContain('CR999');
    fs.writeFileSync(policyFile, '{ "rules": { "CR305": "off" } }\n');
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(policyFile), type: 2 }] });
    await client.diagnostics(fileUri(policyFile), (p) => p !== bad && p.diagnostics.length === 0);
  });

  it('stays useful in a workspace holding a record the engine trips on', async () => {
    const folder = path.join(work, 'tripping');
    fs.mkdirSync(folder);
    // `for case` with no case after it once took the whole build down, and every request with it.
    fs.writeFileSync(path.join(folder, 'broken.case'), 'for case\n\nnote 2023-01-01 by x about y\n');
    const goodFile = path.join(folder, 'good.case');
    const good = CASE + 'referral 2023-01-04 from pol about amy\n';
    fs.writeFileSync(goodFile, good);
    const own = await startServer({ folder, settings: { asOf: '2023-03-10' } });
    try {
      const uri = fileUri(goodFile);
      own.open(uri, good);
      expect(codes(await own.diagnostics(uri))).toContain('CR003');
      const hover = await own.request<{ contents: { value: string } } | null>('textDocument/hover', {
        textDocument: { uri },
        position: positionOf(good, 'about amy', 7),
      });
      expect(hover?.contents.value).toContain('Amy Test');
    } finally {
      await own.stop();
    }
  });

  it('survives garbage: binary text, broken requests and a malformed message', async () => {
    const uri = fileUri(path.join(work, 'garbage.case'));
    const junk = Array.from({ length: 20000 }, (_, i) => String.fromCharCode((i * 7919) % 0xffff)).join('');
    client.open(uri, junk + '\n"""' + '{'.repeat(500) + '\nvisit 2021-13-45 by by by {{{ }}} """');
    const published = await client.diagnostics(uri);
    expect(published.diagnostics.length).toBeGreaterThan(0);
    // Requests at impossible places, and for a document nobody opened.
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 99999, character: 5 } }).catch(() => undefined);
    await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 3 } }).catch(() => undefined);
    await client
      .request('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } })
      .catch(() => undefined);
    await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: published.diagnostics[0]!.range,
      context: { diagnostics: published.diagnostics },
    });
    await client
      .request('textDocument/hover', { textDocument: { uri: 'file:///nowhere/at/all.case' }, position: { line: 0, character: 0 } })
      .catch(() => undefined);
    await client.request('caserec/chronologyHtml', { nothing: true }).catch(() => undefined);
    await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      context: {
        diagnostics: [
          { code: 'CR003', data: 42, range: { start: { line: 500, character: 0 }, end: { line: 500, character: 1 } }, message: 'x' },
        ],
      },
    });
    // Messages no client should send: a body that is not JSON, a method that is not a string, parameters of
    // the wrong shape, an unknown method.
    const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    client.writeRaw(frame('{not json}'));
    client.writeRaw(frame('{"jsonrpc":"2.0","method":42}'));
    client.writeRaw(frame('[]'));
    client.writeRaw(frame('{"jsonrpc":"2.0","id":"x1","method":"textDocument/hover","params":"nonsense"}'));
    client.writeRaw(frame('{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{}}'));
    client.writeRaw(
      frame(
        '{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///none.case","version":3},"contentChanges":[{"text":1}]}}',
      ),
    );
    client.writeRaw(frame('{"jsonrpc":"2.0","id":"x2","method":"no/such/method"}'));
    // Still alive and still right.
    const good = fileUri(path.join(work, 'after-garbage.case'));
    client.open(good, CASE + 'referral 2023-01-04 from pol about amy\n');
    expect(codes(await client.diagnostics(good))).toContain('CR003');
  });
});

describe('settings', () => {
  it('measures to the as-of date of the settings, and re-checks when it changes', async () => {
    const own = await startServer({ settings: { asOf: '2021-12-01' } });
    try {
      const uri = 'file:///caserec-test/as-of.case';
      own.open(uri, CASE + 'note 2022-01-04 by sw about amy {\n  text: """x"""\n}\n');
      expect(codes(await own.diagnostics(uri))).toContain('CR004'); // dated after the as-of date
      const count = own.published.length;
      own.setSettings({ asOf: '2022-06-01' });
      const again = await own.diagnostics(uri, (p) => own.published.indexOf(p) >= count);
      expect(codes(again)).not.toContain('CR004');
    } finally {
      await own.stop();
    }
  });

  it('uses the policy file the settings name, for every record', async () => {
    const folder = path.join(work, 'explicit');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'explicit-policy.json'), JSON.stringify({ rules: { CR003: 'off' } }));
    const own = await startServer({ folder, settings: { asOf: '2023-03-10', policyPath: 'explicit-policy.json' } });
    try {
      const uri = fileUri(path.join(folder, 'explicit.case'));
      own.open(uri, CASE + 'referral 2023-01-04 from pol about amy\n');
      const published = await own.diagnostics(uri);
      expect(codes(published)).not.toContain('CR003');
      expect(codes(published)).toContain('CR311'); // the other rules still run
    } finally {
      await own.stop();
    }
  });

  it('a bad setting gives one clear message and falls back to its default', async () => {
    const own = await startServer({ settings: { asOf: '2023-13-01', rulesOnType: 'yes', policyPath: '' } });
    try {
      const message = await own.message((m) => m.message.includes('caserec'));
      expect(message.message).toContain('caserec.asOf');
      expect(message.message).toContain('caserec.rulesOnType');
      const uri = 'file:///caserec-test/defaults.case';
      own.open(uri, CASE + 'referral 2023-01-04 from pol about amy\n');
      await own.diagnostics(uri);
      expect(own.messages.filter((m) => m.message.includes('caserec'))).toHaveLength(1);
    } finally {
      await own.stop();
    }
  });

  it('keeps the case rules for save when rulesOnType is off', async () => {
    const own = await startServer({ settings: { asOf: '2023-03-10', rulesOnType: false, rulesOnSave: true } });
    try {
      const uri = 'file:///caserec-test/on-save.case';
      // A visit with no child's voice: CR101 is a case rule; the missing observations (CR003) a per-entry check.
      own.open(uri, CASE + 'visit 2023-01-04 by sw to amy\n');
      const typed = await own.diagnostics(uri);
      expect(codes(typed)).toContain('CR003');
      expect(codes(typed)).not.toContain('CR101');
      void own.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
      const saved = await own.diagnostics(uri, (p) => codes(p).includes('CR101'));
      expect(codes(saved)).toContain('CR003');
    } finally {
      await own.stop();
    }
  });
});

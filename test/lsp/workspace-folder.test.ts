import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileUri, startServer, type LspClient } from './client.js';

/**
 * A folder of records open in the editor: the server loads every record in it, but checks only the records
 * opened, the other files of their cases, and what "Validate workspace" asks for. Typing in one record must
 * not check (and publish) the rest of the folder, which with thousands of records took seconds after the first
 * keystroke and was started again by every keystroke after it.
 */

const CASE_A = `case "SG-900101" {
  child amy "Amy Test" born 2015-01-01
  worker sw "Sue Worker" role social-worker
}

visit 2023-01-10 10:00 by sw to amy {
  seen-alone: amy
  child-voice: """Amy said she likes her new class and her teacher, Mrs Example."""
  observations: """The home was warm and tidy."""
}
`;

// The other file of case A: a visit with no observations (a per-entry finding, CR003).
const SIBLING = `for case "SG-900101"

visit 2023-01-17 10:00 by sw to amy {
  seen-alone: amy
  child-voice: """Amy said the weekend at her nan's was fun."""
}
`;

// A record of another case, never opened: a referral with no reason (CR003).
const OTHER = `case "SG-900102" {
  child ben "Ben Test" born 2016-02-02
  worker tw "Tia Worker" role social-worker
  agency school "Example Primary School"
}

referral 2023-01-05 from school about ben {
}
`;

let folder: string;
let client: LspClient;
const uriOf = (name: string) => fileUri(path.join(folder, name));

beforeAll(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'caserec-folder-'));
  fs.writeFileSync(path.join(folder, 'a.case'), CASE_A);
  fs.writeFileSync(path.join(folder, 'a-more.case'), SIBLING);
  fs.writeFileSync(path.join(folder, 'other.case'), OTHER);
  client = await startServer({ folder, settings: { asOf: '2023-03-10' } });
});

afterAll(async () => {
  await client.stop();
  fs.rmSync(folder, { recursive: true, force: true });
});

describe('a folder of records', () => {
  it('checks the opened record and the other files of its case, not the rest of the folder, while typing', async () => {
    client.open(uriOf('a.case'), CASE_A);
    await client.diagnostics(uriOf('a.case'), (p) => p.version === 1);
    // The other file of the opened record's case is checked with it.
    const sibling = await client.diagnostics(uriOf('a-more.case'));
    expect(sibling.diagnostics.map((d) => d.code)).toContain('CR003');

    // Keystrokes in the open record: each gives its two publications (per-entry findings, then the case pass).
    let text = CASE_A;
    for (let version = 2; version <= 4; version++) {
      const at = text.indexOf('tidy.');
      text = text.slice(0, at) + 'x' + text.slice(at);
      const line = text.slice(0, at).split('\n').length - 1;
      const character = at - text.lastIndexOf('\n', at - 1) - 1;
      client.change(uriOf('a.case'), [{ range: { start: { line, character }, end: { line, character } }, text: 'x' }], version);
      const first = await client.diagnostics(uriOf('a.case'), (p) => p.version === version);
      await client.diagnostics(uriOf('a.case'), (p) => p.version === version && p !== first);
    }
    // Time for any background check to finish and publish.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(client.published.filter((p) => p.uri === uriOf('other.case'))).toEqual([]);
  });

  it('checks the whole folder when asked (Validate workspace)', async () => {
    const summary = await client.request<{ files: number }>('caserec/validateWorkspace', {});
    expect(summary.files).toBe(3);
    const other = await client.diagnostics(uriOf('other.case'));
    expect(other.diagnostics.map((d) => d.code)).toContain('CR003');
  });
});

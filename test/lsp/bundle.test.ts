import * as fs from 'node:fs';
import type { Hover } from 'vscode-languageserver-protocol';
import { describe, expect, it } from 'vitest';
import { BUNDLED_SERVER, fixture, positionOf, startServer } from './client.js';

/**
 * The server as the .vsix ships it: one minified CommonJS bundle (packages/extension/out/server.cjs), started
 * on the Node this machine has. Built by `npm run build -w caserec-vscode`; without it, these tests say so.
 */
const built = fs.existsSync(BUNDLED_SERVER);

describe.skipIf(!built)('the bundled server (out/server.cjs)', () => {
  it('starts, links a split case, and answers', async () => {
    const client = await startServer({ server: BUNDLED_SERVER, settings: { asOf: '2023-03-10' } });
    try {
      const caseFile = fixture('morgan-case/case.case');
      const records = fixture('morgan-case/2022-records.case');
      client.open(caseFile.uri, caseFile.text);
      client.open(records.uri, records.text);
      const published = await client.diagnostics(records.uri, (p) => p.diagnostics.some((d) => d.code === 'CR402'));
      expect(published.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['CR305', 'CR306', 'CR311', 'CR402']));
      const hover = await client.request<Hover>('textDocument/hover', {
        textDocument: { uri: records.uri },
        position: positionOf(records.text, 'about leah', 7),
      });
      expect((hover.contents as { value: string }).value).toContain('Leah Morgan');
      const html = await client.request<string>('caserec/chronologyHtml', { uri: records.uri });
      expect(html).toContain('SG-200871');
    } finally {
      await client.stop();
    }
  });
});

it.runIf(!built)('the bundled server is not built: run `npm run build -w caserec-vscode` to test it', () => undefined);

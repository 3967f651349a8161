// Extension-host tests for the throwaway sample extension. Runs inside VS Code with the real API.
// Set CASEREC_SAMPLE_FAIL=1 to make one assertion fail on purpose (the run must then exit 1).
'use strict';
const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');
const { suite, screenshot, waitFor } = require('../../rig-harness.cjs');

const EXT_ID = 'caserec-test.caserec-rig-sample';
const file = () => {
  const ws = vscode.workspace.workspaceFolders?.[0];
  return ws ? vscode.Uri.joinPath(ws.uri, 'hello.sample') : vscode.Uri.file(path.join(__dirname, '..', 'workspace', 'hello.sample'));
};
let doc;

exports.run = suite('sample extension', [
  [
    'opens a .sample file as language "sample"',
    async () => {
      doc = await vscode.workspace.openTextDocument(file());
      await vscode.window.showTextDocument(doc);
      assert.equal(doc.languageId, 'sample');
    },
  ],
  [
    'extension activates (onLanguage)',
    async () => {
      const ext = vscode.extensions.getExtension(EXT_ID);
      assert.ok(ext, `${EXT_ID} not found`);
      await waitFor('activation', () => ext.isActive, { timeout: 10000 });
      assert.equal(typeof ext.exports.activatedAt, 'number');
    },
  ],
  [
    'command is registered and returns a value',
    async () => {
      const all = await vscode.commands.getCommands(true);
      assert.ok(all.includes('caserecSample.countWords'));
      const res = await vscode.commands.executeCommand('caserecSample.countWords', doc.uri);
      const expected = process.env.CASEREC_SAMPLE_FAIL ? 999 : 10;
      assert.deepEqual(res, { words: expected, languageId: 'sample' });
    },
  ],
  [
    'publishes a diagnostic for TODO',
    async () => {
      const diags = await waitFor('diagnostics', () => {
        const d = vscode.languages.getDiagnostics(doc.uri);
        return d.length ? d : undefined;
      });
      assert.equal(diags.length, 1);
      assert.equal(diags[0].range.start.line, 1);
      assert.match(diags[0].message, /TODO/);
    },
  ],
  [
    'answers hover',
    async () => {
      const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 2));
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      assert.match(text, /sample word.*hello/);
    },
  ],
  [
    'screenshot of the editor with the Problems panel',
    async () => {
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      const p = await screenshot('sample-editor', { settleMs: 800 });
      console.log(`[rig]   screenshot: ${p}`);
    },
  ],
  [
    'screenshot of a hover shown in the editor',
    async () => {
      const editor = await vscode.window.showTextDocument(doc);
      editor.selection = new vscode.Selection(0, 2, 0, 2);
      await vscode.commands.executeCommand('editor.action.showHover');
      const p = await screenshot('sample-hover', { settleMs: 1000 });
      console.log(`[rig]   screenshot: ${p}`);
    },
  ],
]);

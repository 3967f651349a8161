// Throwaway extension used only to prove the test rig: a language `sample` (.sample files),
// a command that returns a value, a diagnostic on every line holding TODO, and a hover.
const vscode = require('vscode');

function refreshDiagnostics(collection, doc) {
  if (doc.languageId !== 'sample') return;
  const diags = [];
  for (let i = 0; i < doc.lineCount; i++) {
    const col = doc.lineAt(i).text.indexOf('TODO');
    if (col >= 0) {
      const d = new vscode.Diagnostic(new vscode.Range(i, col, i, col + 4), 'TODO left in sample file', vscode.DiagnosticSeverity.Warning);
      d.source = 'sample';
      diags.push(d);
    }
  }
  collection.set(doc.uri, diags);
}

function activate(context) {
  const collection = vscode.languages.createDiagnosticCollection('sample');
  context.subscriptions.push(collection);
  context.subscriptions.push(
    vscode.commands.registerCommand('caserecSample.countWords', (uri) => {
      const doc = uri
        ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())
        : vscode.window.activeTextEditor?.document;
      if (!doc) return undefined;
      return { words: doc.getText().split(/\s+/).filter(Boolean).length, languageId: doc.languageId };
    }),
    vscode.languages.registerHoverProvider('sample', {
      provideHover(doc, pos) {
        const range = doc.getWordRangeAtPosition(pos);
        if (!range) return undefined;
        return new vscode.Hover(`**sample word** \`${doc.getText(range)}\``, range);
      },
    }),
    vscode.workspace.onDidOpenTextDocument((d) => refreshDiagnostics(collection, d)),
    vscode.workspace.onDidChangeTextDocument((e) => refreshDiagnostics(collection, e.document)),
  );
  vscode.workspace.textDocuments.forEach((d) => refreshDiagnostics(collection, d));
  return { activatedAt: Date.now() };
}

function deactivate() {}

module.exports = { activate, deactivate };

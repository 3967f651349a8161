#!/usr/bin/env node
// A throwaway stdio LSP server used only to prove the Neovim rig (test/neovim/run-neovim.mjs):
// publishes one warning per line containing TODO and answers hover with the word under the cursor.
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

connection.onInitialize(() => ({
  capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental, hoverProvider: true },
  serverInfo: { name: 'caserec-rig-sample-server' },
}));

documents.onDidChangeContent(({ document }) => {
  const diagnostics = [];
  document
    .getText()
    .split(/\r?\n/)
    .forEach((text, line) => {
      const col = text.indexOf('TODO');
      if (col >= 0)
        diagnostics.push({
          range: { start: { line, character: col }, end: { line, character: col + 4 } },
          severity: 2,
          source: 'sample',
          message: 'TODO left in sample file',
        });
    });
  connection.sendDiagnostics({ uri: document.uri, diagnostics });
});

connection.onHover(({ textDocument, position }) => {
  const doc = documents.get(textDocument.uri);
  const line = doc?.getText().split(/\r?\n/)[position.line] ?? '';
  const m = [...line.matchAll(/\w+/g)].find((w) => w.index <= position.character && position.character <= w.index + w[0].length);
  return m ? { contents: { kind: 'markdown', value: `**sample word** \`${m[0]}\`` } } : null;
});

documents.listen(connection);
connection.listen();

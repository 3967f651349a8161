import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { VALIDATE_WORKSPACE_REQUEST, type ValidateWorkspaceResult } from '../../language/src/lsp/protocol.js';
import { ENTRY_KINDS } from '../../language/src/model/entry-kinds.js';
import { entrySnippet, entryTemplateLabel, type EntryType } from '../../language/src/lsp/entry-templates.js';
import { ChronologyView } from './chronology-view.js';

/**
 * The VS Code client: starts the bundled caserec language server (out/server.cjs) over stdio and adds three
 * commands. Every check, hover and fix comes from the server; the client holds no rule logic
 * (architecture sketch, packages/extension).
 *
 * stdio, not Node's IPC: over stdio the server writes each unchanged finding's JSON once
 * (packages/language/src/lsp/message-encoder.ts), where Node encodes every IPC message whole. Measured on the
 * 5 MB bench record, keystroke to per-entry diagnostics, median of 30 edits, two rounds each:
 * IPC 157 / 189 ms, stdio 92 / 98 ms (scripts/bench/lsp-client.mjs --transport ipc|stdio).
 */
let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const server = context.asAbsolutePath('out/server.cjs');
  const serverOptions: ServerOptions = {
    run: { module: server, transport: TransportKind.stdio },
    debug: { module: server, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'caserec' },
      { scheme: 'untitled', language: 'caserec' },
    ],
    outputChannelName: 'caserec',
  };
  client = new LanguageClient('caserec', 'caserec', serverOptions, clientOptions);
  const started = client;

  context.subscriptions.push(
    vscode.commands.registerCommand('caserec.showChronology', () => ChronologyView.show(context, started)),
    vscode.commands.registerCommand('caserec.validateWorkspace', () => validateWorkspace(started)),
    vscode.commands.registerCommand('caserec.insertEntry', () => insertEntry()),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** Every record of the workspace checked with every rule; the findings go to the Problems view. */
async function validateWorkspace(languageClient: LanguageClient): Promise<void> {
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'caserec: checking every record in the workspace…' },
    () => languageClient.sendRequest<ValidateWorkspaceResult>(VALIDATE_WORKSPACE_REQUEST),
  );
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  void vscode.window.showInformationMessage(
    `caserec: ${plural(result.files, 'file')} checked: ${plural(result.errors, 'error')}, ${plural(result.warnings, 'warning')}, ${plural(result.infos, 'info')}.`,
  );
  if (result.errors + result.warnings + result.infos > 0) await vscode.commands.executeCommand('workbench.actions.view.problems');
}

/** A quick pick of the kinds of entry, then the kind's template, the same one completion offers. */
async function insertEntry(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const picks = (Object.keys(ENTRY_KINDS) as EntryType[]).map((type) => ({ ...toPick(type), type }));
  const picked = await vscode.window.showQuickPick(picks, { placeHolder: 'Which kind of entry?', matchOnDescription: true });
  if (!picked) return;
  const body = entrySnippet(picked.type, { date: '$CURRENT_YEAR-$CURRENT_MONTH-$CURRENT_DATE', time: '$CURRENT_HOUR:$CURRENT_MINUTE' });
  await editor.insertSnippet(new vscode.SnippetString(body + '\n'));
}

function toPick(type: EntryType): vscode.QuickPickItem {
  const { label } = entryTemplateLabel(type);
  return { label, description: ENTRY_KINDS[type].label };
}

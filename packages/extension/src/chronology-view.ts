import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CHRONOLOGY_HTML_REQUEST, type ChronologyHtmlParams } from '../../language/src/lsp/protocol.js';
import { messagePage, nonce, withLinksBack } from './webview-html.js';

/** How long typing must pause before the chronology is drawn again. */
const REFRESH_DELAY_MS = 500;

/**
 * The chronology of the case beside the record: the server draws it (`caserec/chronologyHtml`, the renderer
 * the CLI uses), the view shows it, redraws it as the records change and follows the caserec editor in front.
 * A click on an entry opens the record at that entry: the rows carry `data-file` and 1-based `data-line`, and
 * a small script posts them back. The page stays locked down: its content security policy is kept, with only
 * our own script (by nonce) allowed in.
 */
export class ChronologyView {
  private static current: ChronologyView | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private requested = 0;

  static show(context: vscode.ExtensionContext, client: LanguageClient): void {
    const editor = vscode.window.activeTextEditor;
    const document = editor?.document.languageId === 'caserec' ? editor.document : undefined;
    if (!document) {
      void vscode.window.showInformationMessage('caserec: open a case record (.case) to see its chronology.');
      return;
    }
    if (ChronologyView.current) {
      ChronologyView.current.follow(document, editor?.viewColumn);
      ChronologyView.current.panel.reveal(vscode.ViewColumn.Beside, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      'caserec.chronology',
      'Chronology',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [], retainContextWhenHidden: false },
    );
    ChronologyView.current = new ChronologyView(panel, client, document, editor?.viewColumn);
    context.subscriptions.push(panel);
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly client: LanguageClient,
    private document: vscode.TextDocument,
    private sourceColumn: vscode.ViewColumn | undefined,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document.languageId === 'caserec') this.scheduleRefresh();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor?.document.languageId === 'caserec' && editor.document !== this.document) this.follow(editor.document, editor.viewColumn);
      }),
      panel.webview.onDidReceiveMessage((message: unknown) => void this.reveal(message)),
      panel.onDidDispose(() => this.dispose()),
    );
    void this.refresh();
  }

  private follow(document: vscode.TextDocument, column: vscode.ViewColumn | undefined): void {
    this.document = document;
    this.sourceColumn = column ?? this.sourceColumn;
    void this.refresh();
  }

  private scheduleRefresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  private async refresh(): Promise<void> {
    const ticket = ++this.requested;
    try {
      const params: ChronologyHtmlParams = { uri: this.document.uri.toString() };
      const html = await this.client.sendRequest<string>(CHRONOLOGY_HTML_REQUEST, params);
      if (ticket !== this.requested) return; // a later refresh is under way
      this.panel.title = `Chronology: ${vscode.workspace.asRelativePath(this.document.uri)}`;
      this.panel.webview.html = withLinksBack(html, nonce());
    } catch (error) {
      if (ticket === this.requested)
        this.panel.webview.html = messagePage(`The chronology could not be drawn: ${(error as Error).message}`);
    }
  }

  /** Opens the record at the entry the reader clicked. */
  private async reveal(message: unknown): Promise<void> {
    const { file, line } = (message ?? {}) as { file?: unknown; line?: unknown };
    if (typeof file !== 'string' || typeof line !== 'number' || !Number.isInteger(line) || line < 1) return;
    const uri = vscode.Uri.parse(file, true);
    if (uri.scheme !== 'file' && uri.scheme !== 'untitled') return;
    const document = await vscode.workspace.openTextDocument(uri);
    const position = new vscode.Position(Math.min(line - 1, document.lineCount - 1), 0);
    await vscode.window.showTextDocument(document, {
      viewColumn: this.sourceColumn ?? vscode.ViewColumn.One,
      selection: new vscode.Range(position, position),
      preserveFocus: false,
    });
  }

  private dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    ChronologyView.current = undefined;
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}

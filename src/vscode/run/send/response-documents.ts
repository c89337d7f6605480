// Read-only documents for Send Request's responses (a virtual scheme: VS Code cannot edit or save
// them), opened beside the scenario as REST Client's response view is.
import * as vscode from 'vscode';
import { RESPONSE_SCHEME } from '../ids';

export class ResponseDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly onClose = vscode.workspace.onDidCloseTextDocument((document) => {
    if (document.uri.scheme === RESPONSE_SCHEME) this.texts.delete(document.uri.toString());
  });
  private counter = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '(This response is no longer available: send the request again.)';
  }

  /** Opens a new response document titled `title` (the tab shows it) beside the active editor. */
  async show(title: string, text: string): Promise<void> {
    this.counter += 1;
    const uri = vscode.Uri.from({ scheme: RESPONSE_SCHEME, path: `/${title.replace(/[\\/]/g, '-')}`, query: String(this.counter) });
    this.texts.set(uri.toString(), text);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: true });
  }

  dispose(): void {
    this.onClose.dispose();
    this.changed.dispose();
    this.texts.clear();
  }
}

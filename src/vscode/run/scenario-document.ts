// Which scenario a command acts on: the one it was given (a code lens, the editor title button,
// the explorer), else the active editor's.
import * as vscode from 'vscode';
import { UserFacingError } from '../shared/command';
import { LANGUAGE_ID } from '../shared/ids';

export async function scenarioDocument(argument: unknown): Promise<vscode.TextDocument> {
  if (argument instanceof vscode.Uri) {
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === argument.toString());
    return open ?? (await vscode.workspace.openTextDocument(argument));
  }
  const active = vscode.window.activeTextEditor?.document;
  if (active?.languageId === LANGUAGE_ID) return active;
  const visible = vscode.window.visibleTextEditors.filter((editor) => editor.document.languageId === LANGUAGE_ID);
  if (visible.length === 1 && visible[0]) return visible[0].document;
  throw new UserFacingError('Open a load scenario (a .load.http file) first, then run the command again.');
}

/** The path the engine resolves data files, body files and `.env` against; untitled files use the workspace folder. */
export function scenarioPathOf(document: vscode.TextDocument): string {
  if (document.uri.scheme === 'file') return document.uri.fsPath;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = document.uri.path.split('/').pop() || 'untitled.load.http';
  return folder ? vscode.Uri.joinPath(folder, name).fsPath : name;
}

export function fileNameOf(document: vscode.TextDocument): string {
  return document.uri.path.split('/').pop() || 'scenario.load.http';
}

/** Running sends real traffic: not from a workspace the user has not trusted. */
export async function requireTrust(action: string): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const choice = await vscode.window.showWarningMessage(
    `Loadlens does not ${action} in an untrusted workspace: a scenario decides where traffic goes and what it sends. Trust this workspace to enable it.`,
    'Manage Workspace Trust',
  );
  if (choice === 'Manage Workspace Trust') await vscode.commands.executeCommand('workbench.trust.manage');
  return false;
}

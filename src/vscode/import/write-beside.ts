// Writing what a command made (a converted or imported scenario, its side files) beside its
// source, never over an existing file without the user's yes.
import * as vscode from 'vscode';
import { UserFacingError } from '../shared/command';

/** The folder a file's companions go to: its own, or the first workspace folder for an untitled file. */
export function folderBeside(source: vscode.Uri): vscode.Uri {
  if (source.scheme !== 'untitled') return vscode.Uri.joinPath(source, '..');
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) throw new UserFacingError('Save the file first (or open a folder): there is no folder to write the scenario in.');
  return folder;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Asks before replacing; resolves with false when the user keeps the existing file. */
export async function mayWrite(target: vscode.Uri): Promise<boolean> {
  if (!(await exists(target))) return true;
  const name = target.path.split('/').pop() ?? target.path;
  const choice = await vscode.window.showWarningMessage(`${name} already exists. Replace it?`, { modal: true, detail: 'Its current content is lost.' }, 'Replace');
  return choice === 'Replace';
}

/** Writes `name` beside `source`; undefined when the user chose to keep an existing file. */
export async function writeBesideAsking(source: vscode.Uri, name: string, text: string): Promise<vscode.Uri | undefined> {
  const target = vscode.Uri.joinPath(folderBeside(source), name);
  if (!(await mayWrite(target))) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  return target;
}

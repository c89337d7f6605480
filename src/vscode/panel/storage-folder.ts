// A folder of the extension's storage as imported-runs.ts reads and writes it, through VS Code's
// file system (the storage folder may be on a remote host).
import * as vscode from 'vscode';
import type { RunFolder } from './imported-runs';

export function storageRunFolder(context: vscode.ExtensionContext, name: string): RunFolder {
  const folder = vscode.Uri.joinPath(context.storageUri ?? context.globalStorageUri, name);
  const at = (fileName: string): vscode.Uri => vscode.Uri.joinPath(folder, fileName);
  return {
    async fileNames() {
      try {
        await vscode.workspace.fs.stat(folder);
        return (await vscode.workspace.fs.readDirectory(folder)).filter(([, type]) => type === vscode.FileType.File).map(([fileName]) => fileName);
      } catch {
        return [];
      }
    },
    read: async (fileName) => new TextDecoder().decode(await vscode.workspace.fs.readFile(at(fileName))),
    async write(fileName, text) {
      await vscode.workspace.fs.createDirectory(folder);
      await vscode.workspace.fs.writeFile(at(fileName), new TextEncoder().encode(text));
    },
    delete: async (fileName) => vscode.workspace.fs.delete(at(fileName)),
  };
}

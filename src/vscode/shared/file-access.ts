// The folders a scenario may read in VS Code (docs/scenario-files.md, "Which files
// `@data` and `< file` may read"): the workspace folders. A window with no folder open has only the file itself, so
// there the scenario's own folder is allowed, as the command line always allows it.
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { fileAccess, type FileAccess } from '../../engine/file-access';

export function workspaceFileAccess(scenarioPath: string): FileAccess {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file').map((folder) => folder.uri.fsPath);
  return fileAccess(folders.length > 0 ? folders : [dirname(scenarioPath)], 'add its folder to the workspace (File > Add Folder to Workspace...)');
}

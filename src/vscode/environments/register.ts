// Environments in VS Code: the workspace's choice, the "Select Environment" command and its status
// bar item. The choice is handed to the language and run features, which read it when they work.
import type * as vscode from 'vscode';
import { registerCommand } from '../shared/command';
import { EnvironmentStatusBar, selectEnvironment, SELECT_ENVIRONMENT_COMMAND } from './environment-picker';
import { WorkspaceEnvironments } from './workspace-environments';

export function registerEnvironmentFeatures(context: vscode.ExtensionContext): WorkspaceEnvironments {
  const environments = new WorkspaceEnvironments(context.workspaceState);
  context.subscriptions.push(environments, new EnvironmentStatusBar(environments));
  registerCommand(context, SELECT_ENVIRONMENT_COMMAND, 'Select Environment', (given?: unknown) => selectEnvironment(environments, given));
  return environments;
}

// "Loadlens: Select Environment" and its status bar item: a quick pick of the environments the
// active scenario (or plain .http file) sees, plus "No Environment"; the item shows the choice
// while such a file is open and opens the picker.
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../shared/ids';
import { isPlainHttpFile } from '../import/http-files';
import type { WorkspaceEnvironments } from './workspace-environments';

export const SELECT_ENVIRONMENT_COMMAND = 'loadlens.selectEnvironment';

interface EnvironmentItem extends vscode.QuickPickItem {
  environment: string | undefined;
}

const NO_ENVIRONMENT = 'No Environment';

function isRunnable(document: vscode.TextDocument | undefined): document is vscode.TextDocument {
  return document !== undefined && (document.languageId === LANGUAGE_ID || isPlainHttpFile(document));
}

/** The document whose environments the picker lists: the active scenario, else any open one. */
function documentInView(): vscode.TextDocument | undefined {
  const active = vscode.window.activeTextEditor?.document;
  return isRunnable(active) ? active : vscode.window.visibleTextEditors.map((editor) => editor.document).find(isRunnable);
}

/**
 * Shows the picker; `given` (a name, or null for none) picks without asking, for keybindings and
 * other extensions. Resolves with the choice, or undefined when dismissed.
 */
export async function selectEnvironment(environments: WorkspaceEnvironments, given?: unknown): Promise<string | null | undefined> {
  if (typeof given === 'string' || given === null) {
    await environments.select(given ?? undefined);
    return given;
  }
  const document = documentInView();
  const found = document ? environments.of(document.uri) : undefined;
  const current = environments.selected;
  const where = found && found.files.length > 0 ? found.files.map((file) => basename(file)).join(' + ') : undefined;
  const items: EnvironmentItem[] = [
    { label: NO_ENVIRONMENT, description: current === undefined ? 'current' : undefined, detail: 'only $shared values', environment: undefined },
    ...(found?.names ?? []).map((name) => ({ label: name, description: name === current ? 'current' : undefined, detail: where, environment: name })),
  ];
  const placeHolder = found && found.names.length > 0
    ? 'The environment that Run, Send Request and Load test use in this workspace'
    : 'No http-client.env.json beside this file or above it, and no rest-client.environmentVariables setting';
  const picked = await vscode.window.showQuickPick(items, { title: 'Loadlens: Select Environment', placeHolder });
  if (!picked) return undefined;
  await environments.select(picked.environment);
  return picked.environment ?? null;
}

export class EnvironmentStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('loadlens.environment', vscode.StatusBarAlignment.Left, 49);
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly environments: WorkspaceEnvironments) {
    this.item.name = 'Loadlens Environment';
    this.item.command = SELECT_ENVIRONMENT_COMMAND;
    this.subscriptions = [environments.onDidChange(() => this.update()), vscode.window.onDidChangeActiveTextEditor(() => this.update())];
    this.update();
  }

  update(): void {
    const document = vscode.window.activeTextEditor?.document;
    if (!isRunnable(document)) {
      this.item.hide();
      return;
    }
    const selected = this.environments.selected;
    const found = this.environments.of(document.uri);
    const missing = selected !== undefined && found.names.length > 0 && !found.names.includes(selected);
    this.item.text = `$(server-environment) ${selected ?? NO_ENVIRONMENT}${missing ? ' (not here)' : ''}`;
    this.item.tooltip = missing
      ? `Loadlens environment '${selected}' is not among this file's environments (${found.names.join(', ')}): click to choose another`
      : `Loadlens environment for Run, Send Request and Load test: click to choose (${found.names.length > 0 ? found.names.join(', ') : 'none found for this file'})`;
    this.item.backgroundColor = missing ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }
}

// The status bar item: live numbers every second while a run goes on, the verdict after it, a
// run button while a scenario is open, nothing otherwise. A click opens the results panel.
import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../shared/ids';
import { RUN_COMMANDS } from './ids';
import { statusView } from './logic/status-visibility';
import type { WindowRunState } from './window-state';

export class RunStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('loadlens.run', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly state: WindowRunState) {
    this.item.name = 'Loadlens Load Test';
    this.subscriptions = [state.onDidChange(() => this.update()), vscode.window.onDidChangeActiveTextEditor(() => this.update())];
    this.update();
  }

  update(): void {
    const scenarioOpen = vscode.window.activeTextEditor?.document.languageId === LANGUAGE_ID;
    const view = statusView(this.state.statusSource(scenarioOpen));
    if (!view) {
      this.item.hide();
      return;
    }
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.command = view.command === 'run' ? RUN_COMMANDS.run : RUN_COMMANDS.showResults;
    this.item.backgroundColor =
      view.tone === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : view.tone === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }
}

// The comparison commands: "Set as Baseline" keeps the shown run as its scenario's baseline
// (src/vscode/run/baselines.ts); "Compare With…" compares the shown run with the baseline or any
// saved run. A run started while its scenario has a baseline is compared with it as it ends, by
// its run session (./run-session.ts). The significance is core's (src/core/comparison/, as
// `loadlens compare`). This keeps no state: the panel draws the comparison under its statistics,
// and the window's run state (./window-state.ts) holds the one of each file's last run, which its
// request lenses show as a p95 change.
import * as vscode from 'vscode';
import { compareResults } from '../../core/comparison';
import { panelComparison } from '../../core/comparison/panel-view';
import type { RunResult } from '../../core/metrics/result';
import { formatTimestamp } from '../../core/present';
import type { ResultsPanel } from '../panel/results-panel';
import { UserFacingError } from '../shared/command';
import type { Baselines } from './baselines';
import { scenarioSlug } from './logic/history';
import type { RunHistory } from './run-history';
import { readResultFile } from './run-history';
import type { WindowRunState } from './window-state';

export class RunComparisons {
  constructor(
    private readonly panel: ResultsPanel,
    private readonly baselines: Baselines,
    private readonly history: RunHistory,
    private readonly state: WindowRunState,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** "Set as Baseline": the run on display (else the window's last run) becomes its scenario's baseline. */
  async setBaseline(): Promise<void> {
    const result = this.shownResult();
    const file = await this.baselines.set(result);
    const shown = vscode.workspace.asRelativePath(file);
    this.log.info(`Baseline of ${result.scenario.path} set: ${file.fsPath}`);
    // A message resolves when it is dismissed: it never rejects.
    void vscode.window.showInformationMessage(`Baseline set (${shown}): the next runs of this scenario are compared with it, and baseline rules are judged against it. The CLI reads it with --baseline ${shown}.`);
  }

  /** "Compare With…": the run on display against the baseline or a saved run, picked from a list. */
  async compareWith(): Promise<void> {
    const next = this.shownResult();
    const scenario = vscode.Uri.file(next.scenario.path);
    const baseline = next.scenario.hash === '' ? undefined : await this.baselines.read(scenario).catch(() => undefined);
    const saved = (await this.history.list()).filter((entry) => entry.startTime !== next.startTime);
    const slug = scenarioSlug(scenario.path.split('/').pop() ?? '');
    type Item = vscode.QuickPickItem & { load: () => Promise<RunResult>; label: string; what: string };
    const items: Item[] = [];
    if (baseline && baseline.result.startTime !== next.startTime) {
      const when = formatTimestamp(baseline.result.startTime);
      items.push({ label: '$(pinned) Baseline', description: when, detail: vscode.workspace.asRelativePath(baseline.file), load: async () => baseline.result, what: `baseline (${when})` });
    }
    // Runs of the same scenario file first, each group newest first.
    const ordered = [...saved].sort((a, b) => Number(a.scenario !== slug) - Number(b.scenario !== slug) || b.startTime - a.startTime);
    for (const entry of ordered) {
      const when = formatTimestamp(entry.startTime);
      items.push({ label: entry.scenario, description: when, detail: vscode.workspace.asRelativePath(entry.uri), load: () => readResultFile(entry.uri), what: `run of ${when}` });
    }
    if (items.length === 0) throw new UserFacingError('There is nothing to compare with yet: no baseline is set and no other run is saved under .loadlens/runs.');
    const picked = await vscode.window.showQuickPick(items, { title: 'Compare With…', placeHolder: 'The base of the comparison: the baseline or a saved run' });
    if (!picked) return;
    const base = await picked.load();
    this.show(this.documentKeyOf(next), base, next, picked.what);
  }

  private show(documentKey: string, base: RunResult, next: RunResult, label: string): void {
    const comparison = compareResults(base, next);
    this.panel.showComparison(panelComparison(comparison, label));
    // The lenses show the change only when the compared run is the file's last run.
    this.state.compared(documentKey, next, comparison);
  }

  /** The document key of the run's scenario: an open document with its path, else its file URI. */
  private documentKeyOf(result: RunResult): string {
    const open = vscode.workspace.textDocuments.find((document) => document.uri.scheme === 'file' && document.uri.fsPath === result.scenario.path);
    return (open?.uri ?? vscode.Uri.file(result.scenario.path)).toString();
  }

  private shownResult(): RunResult {
    const result = this.panel.currentResult()?.result ?? this.state.lastResult();
    if (!result) throw new UserFacingError('There is no finished run to use yet: run a load test or open a previous run first.');
    return result;
  }

}

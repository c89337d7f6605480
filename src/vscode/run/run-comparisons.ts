// Comparing runs in the editor: "Set as Baseline" keeps the shown run as its scenario's baseline
// (src/vscode/run/baselines.ts); "Compare With…" compares the shown run with the baseline or any
// saved run; a run started while its scenario has a baseline is compared with it as it ends. The
// significance is core's (src/core/comparison/, as `loadlens compare`). The panel draws the
// comparison under its statistics; each request's lens shows its p95 change. One owner: the
// comparisons of each file's last run live here, the lenses and the panel are views of them.
import * as vscode from 'vscode';
import { compareResults, type Comparison } from '../../core/comparison';
import { panelComparison } from '../../core/comparison/panel-view';
import type { RunResult } from '../../core/metrics/result';
import { formatTimestamp } from '../../core/present';
import type { ResultsPanel } from '../panel/results-panel';
import { UserFacingError } from '../shared/command';
import type { Baselines } from './baselines';
import { scenarioSlug } from './logic/history';
import type { RunController } from './run-controller';
import type { RunHistory } from './run-history';
import { readResultFile } from './run-history';
import type { WindowRunState } from './window-state';

export class RunComparisons implements vscode.Disposable {
  /** The comparison of each file's last run (by document key), for its request lenses. */
  private readonly byDocument = new Map<string, Comparison>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: { dispose(): void };

  constructor(
    controller: RunController,
    private readonly panel: ResultsPanel,
    private readonly baselines: Baselines,
    private readonly history: RunHistory,
    private readonly state: WindowRunState,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscription = controller.onEvent((event) => {
      if (event.type === 'starting') this.forget(event.run.request.documentKey);
      if (event.type !== 'finished') return;
      const baseline = event.run.request.baseline;
      if (!baseline) return;
      try {
        this.show(event.run.request.documentKey, baseline.result, event.result, `baseline (${formatTimestamp(baseline.result.startTime)})`);
      } catch (error) {
        this.log.error(`Comparing the run with its baseline failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    });
  }

  comparisonOf(documentKey: string): Comparison | undefined {
    return this.byDocument.get(documentKey);
  }

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

  private show(documentKey: string | undefined, base: RunResult, next: RunResult, label: string): void {
    const comparison = compareResults(base, next);
    this.panel.showComparison(panelComparison(comparison, label));
    // The lenses show the change only when the compared run is the file's last run.
    if (documentKey && this.state.lastResultOf(documentKey)?.startTime === next.startTime) {
      this.byDocument.set(documentKey, comparison);
      this.changed.fire();
    }
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

  private forget(documentKey: string): void {
    if (this.byDocument.delete(documentKey)) this.changed.fire();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

// One run as the window knows it: the one owner of its state on the host. It takes the engine's
// events as they come and keeps the latest interval and a compact chart series (numbers only; the
// intervals themselves are not kept), then the result or why there is none, and the result's
// comparison with the scenario's baseline. The results panel, the status bar, the code lenses and
// the Problems panel are views of it; the panel gets `panelSnapshot()` once whenever its webview
// says `ui/ready`. Free of `vscode` (unit-tested).
import { compareResults, type Comparison } from '../../core/comparison';
import type { IntervalSnapshot, ResolvedLoadModel, RunResult } from '../../core/metrics/result';
import type { EngineEvent, RunOptions } from '../../core/protocol/engine';
import type { ChartSeries, PanelSnapshot, RunHeading } from '../../core/protocol/webview';
import type { Scenario } from '../../core/scenario';
import { copySeries, emptySeries, pushSnapshot } from '../../core/report/chart-series';
import { formatTimestamp } from '../../core/present';
import { resultSnapshot } from '../../core/report/panel-snapshot';
import { runErrorMessage } from './logic/run-failure';

export interface RunRequest {
  runId: string;
  /** The scenario document (a URI string): lenses, diagnostics and history belong to it. */
  documentKey: string;
  scenarioPath: string;
  scenarioText: string;
  /** The scenario as the launch planned it (src/core/plan/): the host parses a run's text once. */
  scenario: Scenario;
  options: RunOptions;
  /** The folders `# @data` and `< file` may read (src/vscode/shared/file-access.ts). */
  allowedFolders: string[];
  heading: RunHeading;
  /** The scenario's baseline when the run started (src/vscode/run/baselines.ts): its rules are judged against it, and the run is compared with it. */
  baseline?: { result: RunResult; file: string };
  /** The chosen environment's private values in every form (src/core/plan/secrets.ts): hidden from what the window logs about the run. */
  secrets?: readonly string[];
}

/** A run compared with another (src/core/comparison/, as `loadlens compare`). */
export interface RunComparison {
  comparison: Comparison;
  /** What the run was compared with, as the panel heads it: `baseline (2026-11-26 17:45:03 UTC)`. */
  label: string;
}

export type SessionPhase = 'starting' | 'running' | 'stopping' | 'finished' | 'failed';

export class RunSession {
  phase: SessionPhase = 'starting';
  startTime?: number;
  load?: ResolvedLoadModel;
  plannedDurationMs?: number;
  requestNames: string[] = [];
  /** The last interval: the live table, the status bar and the elapsed lens read it. */
  latest?: IntervalSnapshot;
  /** Grows in place, one point per interval: a day's run is 86,400 appends, not 86,400 copies. */
  readonly series: ChartSeries = emptySeries();
  abortedBy?: { rule: string; target: string };
  result?: RunResult;
  /** The result against the baseline the run started with, made as it finished; absent without one. */
  comparison?: RunComparison;
  /** Why the result could not be compared with its baseline (for the log); the run itself is fine. */
  comparisonFailure?: string;
  failure?: string;

  constructor(readonly request: RunRequest) {}

  get ended(): boolean {
    return this.phase === 'finished' || this.phase === 'failed';
  }

  /** An engine event of this run; returns false when it changed nothing (another run's, or a log line). */
  apply(event: EngineEvent): boolean {
    if (this.ended) return false;
    if ('runId' in event && event.runId !== undefined && event.runId !== this.request.runId) return false;
    switch (event.type) {
      case 'run/started':
        if (this.phase === 'starting') this.phase = 'running';
        this.startTime = event.startTime;
        this.load = event.load;
        this.plannedDurationMs = event.plannedDurationMs;
        this.requestNames = event.requestNames;
        return true;
      case 'run/interval':
        pushSnapshot(this.series, event.snapshot, this.latest);
        this.latest = event.snapshot;
        return true;
      case 'run/threshold-abort':
        this.abortedBy = { rule: event.rule, target: event.target };
        return true;
      case 'run/finished':
        this.phase = 'finished';
        this.result = event.result;
        this.compareWithBaseline(event.result);
        return true;
      case 'run/error':
        this.fail(runErrorMessage(event.code, event.message));
        return true;
      case 'run/log':
        // The launcher sends the engine's log to the output channel.
        return false;
    }
  }

  stopping(): void {
    if (!this.ended) this.phase = 'stopping';
  }

  /** The run ended without a result (engine error, crash, window closing). */
  fail(message: string): void {
    if (this.ended) return;
    this.phase = 'failed';
    this.failure = message;
  }

  private compareWithBaseline(result: RunResult): void {
    const baseline = this.request.baseline;
    if (!baseline) return;
    try {
      this.comparison = { comparison: compareResults(baseline.result, result), label: `baseline (${formatTimestamp(baseline.result.startTime)})` };
    } catch (error) {
      this.comparisonFailure = error instanceof Error ? (error.stack ?? error.message) : String(error);
    }
  }

  /** What the results panel shows of this run now. */
  panelSnapshot(): PanelSnapshot {
    if (this.result) return { ...resultSnapshot('live', this.request.heading, this.result, this.request.runId), abortedBy: this.abortedBy };
    return {
      phase: this.phase === 'failed' ? 'failed' : 'running',
      origin: 'live',
      heading: this.request.heading,
      runId: this.request.runId,
      startTime: this.startTime,
      plannedDurationMs: this.plannedDurationMs,
      load: this.load,
      requestNames: this.requestNames,
      // A copy: the snapshot leaves the session, and the session's series goes on growing.
      series: copySeries(this.series),
      latest: this.latest,
      abortedBy: this.abortedBy,
      failure: this.failure,
    };
  }
}

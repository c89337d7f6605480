// What this window knows about runs, for the code lenses and the status bar: the run in progress
// (the controller's run session), each file's last result with the comparison its lenses show (the
// session's comparison with its baseline, or one made by Compare With…), and how the last run ended.
import * as vscode from 'vscode';
import type { Comparison } from '../../core/comparison';
import type { RunResult } from '../../core/metrics/result';
import type { RunController, RunEvent } from './run-controller';
import type { RunSession } from './run-session';
import type { StatusSource } from './logic/status-visibility';

/** A file's last finished run, and its comparison once it has one. */
interface LastRun {
  result: RunResult;
  comparison?: Comparison;
}

export class WindowRunState implements vscode.Disposable {
  private readonly lastRuns = new Map<string, LastRun>();
  private lastOutcome: { kind: 'finished'; result: RunResult } | { kind: 'failed'; message: string } | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: { dispose(): void };

  constructor(private readonly controller: RunController) {
    this.subscription = controller.onEvent((event) => this.handle(event));
  }

  get active(): RunSession | undefined {
    return this.controller.active;
  }

  lastResultOf(documentKey: string): RunResult | undefined {
    return this.lastRuns.get(documentKey)?.result;
  }

  /** The comparison of the file's last run, for its request lenses; none while a new run of it goes. */
  comparisonOf(documentKey: string): Comparison | undefined {
    return this.lastRuns.get(documentKey)?.comparison;
  }

  /** Compare With…: the lenses show the comparison when the compared result is its file's last run. */
  compared(documentKey: string, result: RunResult, comparison: Comparison): void {
    const last = this.lastRuns.get(documentKey);
    if (last?.result.startTime !== result.startTime) return;
    this.lastRuns.set(documentKey, { result: last.result, comparison });
    this.changed.fire();
  }

  /**
   * A file's last run read back from history after a reload (the text it ran is the file's text):
   * its request lenses show that run's numbers again, unless a run of this window came first.
   */
  restoreResultOf(documentKey: string, result: RunResult): void {
    if (this.lastRuns.has(documentKey)) return;
    this.lastRuns.set(documentKey, { result });
    this.changed.fire();
  }

  /** The most recent finished result of the window, for Export when the panel shows nothing. */
  lastResult(): RunResult | undefined {
    return this.lastOutcome?.kind === 'finished' ? this.lastOutcome.result : undefined;
  }

  statusSource(scenarioOpen: boolean): StatusSource {
    const run = this.controller.active;
    if (run) {
      return run.phase === 'starting' ? { kind: 'starting' } : { kind: 'running', snapshot: run.latest, load: run.load };
    }
    if (this.lastOutcome?.kind === 'finished') return { kind: 'finished', result: this.lastOutcome.result };
    if (this.lastOutcome?.kind === 'failed') return { kind: 'failed', message: this.lastOutcome.message };
    return { kind: 'idle', scenarioOpen };
  }

  private handle(event: RunEvent): void {
    const documentKey = event.run.request.documentKey;
    if (event.type === 'starting') {
      // A new run of the file: its lenses drop the last run's comparison, and keep its numbers until it ends.
      const last = this.lastRuns.get(documentKey);
      if (last) this.lastRuns.set(documentKey, { result: last.result });
    } else if (event.type === 'finished') {
      this.lastRuns.set(documentKey, { result: event.result, comparison: event.run.comparison?.comparison });
      this.lastOutcome = { kind: 'finished', result: event.result };
    } else if (event.type === 'failed') {
      this.lastOutcome = { kind: 'failed', message: event.message };
    }
    this.changed.fire();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

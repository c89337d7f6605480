// What this window knows about runs, for the code lenses and the status bar: the run in progress
// (the controller's run session), each file's last result, and how the last run ended.
import * as vscode from 'vscode';
import type { RunResult } from '../../core/metrics/result';
import type { RunController, RunEvent } from './run-controller';
import type { RunSession } from './run-session';
import type { StatusSource } from './logic/status-visibility';

export class WindowRunState implements vscode.Disposable {
  private readonly lastResults = new Map<string, RunResult>();
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
    return this.lastResults.get(documentKey);
  }

  /**
   * A file's last run read back from history after a reload (the text it ran is the file's text):
   * its request lenses show that run's numbers again, unless a run of this window came first.
   */
  restoreResultOf(documentKey: string, result: RunResult): void {
    if (this.lastResults.has(documentKey)) return;
    this.lastResults.set(documentKey, result);
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
    if (event.type === 'finished') {
      this.lastResults.set(event.run.request.documentKey, event.result);
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

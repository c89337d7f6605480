// Code lenses: on the first line, run (with the plan) or, while this file runs, stop and the
// elapsed time; on each request, Send Request and that request's numbers from the last run.
import * as vscode from 'vscode';
import type { ParsedDocuments } from '../language/parsed-documents';
import { RUN_COMMANDS } from './ids';
import { elapsedLensTitle, requestNumbersTitle, runLensTitle, STOP_LENS_LABEL } from './logic/lens-text';
import { planFor } from './logic/plan';
import type { WindowRunState } from './window-state';

export class RunCodeLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly parsed: ParsedDocuments,
    private readonly state: WindowRunState,
  ) {
    // Every state change (each second of a run) redraws the lenses: the elapsed time moves.
    const redraw = () => this.changed.fire();
    this.subscription = state.onDidChange(redraw);
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const scenario = this.parsed.scenarioOf(document);
    const top = new vscode.Range(0, 0, 0, 0);
    const key = document.uri.toString();
    const active = this.state.active;
    const lenses: vscode.CodeLens[] = [];
    if (active && active.request.documentKey === key) {
      const elapsed = active.latest?.elapsedMs ?? 0;
      lenses.push(
        new vscode.CodeLens(top, { title: active.phase === 'stopping' ? '■ Stopping…' : STOP_LENS_LABEL, command: RUN_COMMANDS.stop, tooltip: 'Stop the load test' }),
        new vscode.CodeLens(top, { title: active.phase === 'starting' ? 'starting…' : elapsedLensTitle(elapsed, active.plannedDurationMs), command: RUN_COMMANDS.showResults, tooltip: 'Show the live results' }),
      );
    } else {
      lenses.push(
        new vscode.CodeLens(top, { title: runLensTitle(planFor(scenario, {})), command: RUN_COMMANDS.run, arguments: [document.uri], tooltip: 'Run this load test and show live results' }),
        new vscode.CodeLens(top, { title: 'Run with options…', command: RUN_COMMANDS.runWithOptions, arguments: [document.uri], tooltip: 'Choose users, spawn rate, run time and host for this run' }),
      );
    }
    const last = this.state.lastResultOf(key);
    const comparison = this.state.comparisonOf(key);
    for (const request of scenario.requests) {
      const line = request.requestLineRange;
      const range = new vscode.Range(line.start.line, line.start.character, line.end.line, line.end.character);
      lenses.push(new vscode.CodeLens(range, { title: 'Send request', command: RUN_COMMANDS.sendRequest, arguments: [document.uri, request.index], tooltip: `Send ${request.statsName} once and show the response` }));
      const stats = last?.endpoints.find((endpoint) => endpoint.name === request.statsName);
      if (stats) lenses.push(new vscode.CodeLens(range, { title: requestNumbersTitle(stats, comparison), command: RUN_COMMANDS.showResults, tooltip: comparison ? 'This request in the last run (p95 and its change: ▲/▼ larger than the noise, ~ within it; error rate, requests per second)' : 'This request in the last run (p95, error rate, requests per second)' }));
    }
    return lenses;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

// Broken thresholds and failed `??` checks in the Problems panel: a DiagnosticCollection of its
// own (`loadlens-thresholds`) so that the syntax diagnostics and the run's verdicts never replace
// each other. A new run of a file replaces its set; an edit that changes the lines they point at
// clears it; so does a command.
import * as vscode from 'vscode';
import type { RunResult, ThresholdVerdict } from '../../core/metrics/result';
import type { Scenario } from '../../core/scenario';
import { DIAGNOSTIC_SOURCE } from '../shared/ids';
import { THRESHOLD_COLLECTION } from './ids';
import { missingBaselineProblems } from './logic/baselines';
import { checkProblems } from './logic/check-problems';
import { problemsStillMatch, thresholdProblems, type ThresholdProblem } from './logic/threshold-problems';

function lineReader(document: vscode.TextDocument): (line: number) => string | undefined {
  return (line) => (line < document.lineCount ? document.lineAt(line).text : undefined);
}

function toDiagnostic(problem: ThresholdProblem): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(
    new vscode.Range(problem.line, problem.startCharacter, problem.line, problem.endCharacter),
    problem.message,
    problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
  );
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = problem.rule;
  return diagnostic;
}

export class ThresholdDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(THRESHOLD_COLLECTION);
  /** What each file's diagnostics were made from, to tell when an edit makes them stale. */
  private readonly published = new Map<string, ThresholdProblem[]>();
  private readonly onEdit = vscode.workspace.onDidChangeTextDocument((event) => this.checkStale(event.document));

  /**
   * Replaces the file's run diagnostics: broken thresholds and failed checks of `run`. `scenario`
   * and `runText` are what was run; when the document has changed since in a way that moves those
   * lines, nothing is published. `withoutBaseline`: the run had no baseline, so each rule against
   * one (from the file, or from these default rules) is a warning that it was not evaluated.
   */
  publish(uri: vscode.Uri, run: Pick<RunResult, 'thresholds' | 'checks'>, scenario: Scenario, runText: string, withoutBaseline?: { defaults: string[] }): void {
    this.clear(uri);
    const lines = runText.split(/\r?\n/);
    const problems = [
      ...thresholdProblems(run.thresholds, scenario, lines),
      ...checkProblems(run.checks, lines),
      ...(withoutBaseline ? missingBaselineProblems(scenario, withoutBaseline.defaults, lines) : []),
    ];
    const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri.toString());
    if (problems.length === 0 || (document && !problemsStillMatch(problems, lineReader(document)))) return;
    this.published.set(uri.toString(), problems);
    this.collection.set(uri, problems.map(toDiagnostic));
  }

  /** An `abort` rule that stopped the run, reported at once (the full verdicts follow with the result). */
  publishAbort(uri: vscode.Uri, verdict: ThresholdVerdict, scenario: Scenario, runText: string): void {
    const problems = thresholdProblems([verdict], scenario, runText.split(/\r?\n/)).map((problem) => ({
      ...problem,
      message: `${verdict.target === 'aggregate' ? 'Aggregated' : verdict.target}: ${verdict.rule} broken for 10 s in a row: the run is being aborted`,
    }));
    if (problems.length === 0) return;
    const key = uri.toString();
    const all = [...(this.published.get(key) ?? []), ...problems];
    this.published.set(key, all);
    this.collection.set(uri, all.map(toDiagnostic));
  }

  clear(uri?: vscode.Uri): void {
    if (uri) {
      this.published.delete(uri.toString());
      this.collection.delete(uri);
    } else {
      this.published.clear();
      this.collection.clear();
    }
  }

  /** The diagnostics of a file, for tests and the status line. */
  has(uri: vscode.Uri): boolean {
    return this.published.has(uri.toString());
  }

  private checkStale(document: vscode.TextDocument): void {
    const problems = this.published.get(document.uri.toString());
    if (problems && !problemsStillMatch(problems, lineReader(document))) this.clear(document.uri);
  }

  dispose(): void {
    this.onEdit.dispose();
    this.collection.dispose();
  }
}

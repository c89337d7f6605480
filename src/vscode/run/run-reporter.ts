// Where a run's events go in the editor: the results panel (it follows the run's session and gets
// each second's interval as it comes, then the session's comparison with its baseline), the
// Problems panel (broken thresholds), run history (each finished run), the `loadlens.running`
// context key, and a notification when a run fails.
import * as vscode from 'vscode';
import { panelComparison } from '../../core/comparison/panel-view';
import { certificateFailureAdvice } from '../../core/present/failure-words';
import type { ThresholdVerdict } from '../../core/metrics/result';
import type { Scenario } from '../../core/scenario';
import type { ResultsPanel } from '../panel/results-panel';
import { RUNNING_CONTEXT_KEY } from './ids';
import type { RunController, RunEvent } from './run-controller';
import type { RunHistory } from './run-history';
import type { ThresholdDiagnostics } from './threshold-diagnostics';

export class RunReporter implements vscode.Disposable {
  private readonly subscription: { dispose(): void };

  constructor(
    controller: RunController,
    private readonly panel: ResultsPanel,
    private readonly diagnostics: ThresholdDiagnostics,
    private readonly history: RunHistory,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscription = controller.onEvent((event) => {
      void this.handle(event).catch((error: unknown) => this.log.error(`Reporting a run event failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
    });
  }

  private async handle(event: RunEvent): Promise<void> {
    const request = event.run.request;
    const uri = vscode.Uri.parse(request.documentKey);
    switch (event.type) {
      case 'starting':
        await vscode.commands.executeCommand('setContext', RUNNING_CONTEXT_KEY, true);
        return;
      case 'started':
        this.panel.followRun(event.run);
        return;
      case 'interval':
        this.panel.post({ type: 'run/interval', runId: request.runId, snapshot: event.snapshot });
        return;
      case 'stopping':
        this.log.info(`Stopping load test ${request.runId}…`);
        return;
      case 'threshold-abort': {
        this.panel.post({ type: 'run/threshold-abort', runId: request.runId, rule: event.rule, target: event.target });
        const verdict = abortVerdict(request.scenario, event.rule, event.target);
        if (verdict) this.diagnostics.publishAbort(uri, verdict, request.scenario, request.scenarioText);
        return;
      }
      case 'finished': {
        await vscode.commands.executeCommand('setContext', RUNNING_CONTEXT_KEY, false);
        this.panel.post({ type: 'run/finished', runId: request.runId, result: event.result });
        // The session compared the result with the baseline the run started with.
        const compared = event.run.comparison;
        if (compared) this.panel.showComparison(panelComparison(compared.comparison, compared.label));
        if (event.run.comparisonFailure) this.log.error(`Comparing the run with its baseline failed: ${event.run.comparisonFailure}`);
        const withoutBaseline = request.baseline ? undefined : { defaults: request.options.defaultThresholds ?? [] };
        this.diagnostics.publish(uri, event.result, request.scenario, request.scenarioText, withoutBaseline);
        this.log.info(`Load test ${request.runId} ${event.result.outcome}: ${event.result.aggregate.requests} requests, ${event.result.aggregate.failures} failures.`);
        // Certificate checks were on (loadlens.insecure off): say which setting accepts the server's certificate.
        const certificateAdvice = request.options.insecure ? undefined : certificateFailureAdvice(event.result.failures);
        if (certificateAdvice) {
          this.log.warn(`Load test ${request.runId}: ${certificateAdvice}`);
          void vscode.window.showWarningMessage(`Load test of ${request.heading.title}: ${certificateAdvice}`);
        }
        try {
          await this.history.save(uri, request.heading.title, event.result);
        } catch (error) {
          this.log.error(`Saving the run to history failed: ${error instanceof Error ? error.message : String(error)}`);
          // A message resolves when it is dismissed: it never rejects.
          void vscode.window.showWarningMessage(`The run finished but could not be saved to .loadlens/runs: ${error instanceof Error ? error.message : String(error)}`);
        }
        return;
      }
      case 'failed': {
        await vscode.commands.executeCommand('setContext', RUNNING_CONTEXT_KEY, false);
        this.panel.post({ type: 'run/failed', runId: request.runId, message: event.message });
        this.log.error(`Load test ${request.runId} failed: ${event.message}`);
        const choice = await vscode.window.showErrorMessage(`Load test of ${request.heading.title}: ${event.message}`, 'Show Log');
        if (choice === 'Show Log') this.log.show(true);
        return;
      }
    }
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

/** The verdict an `abort` event stands for, with what the file says of the rule (severity, line). */
function abortVerdict(scenario: Scenario, rule: string, target: string): ThresholdVerdict | undefined {
  const request = scenario.requests.find((candidate) => candidate.statsName === target);
  const declared = [...scenario.thresholds, ...(request?.thresholds ?? [])].find((threshold) => threshold.text === rule);
  if (!declared) return undefined;
  return {
    rule,
    severity: declared.severity,
    abort: true,
    target,
    requestIndex: request?.index,
    ruleLine: declared.range?.start.line,
    actual: 0,
    requests: 0,
    passed: false,
    isDefault: false,
  };
}

// The run features: code lenses, commands, the run controller and its engine, the results panel,
// the status bar, threshold diagnostics, run history and Send Request. Everything is owned by the
// extension context; the controller's disposable kills any engine still running on deactivate.
import * as vscode from 'vscode';
import { ParsedDocuments } from '../language/parsed-documents';
import { ImportedRuns } from '../panel/imported-runs';
import { ResultsPanel, registerResultsPanelSerializer } from '../panel/results-panel';
import { storageRunFolder } from '../panel/storage-folder';
import { registerCommand, UserFacingError } from '../shared/command';
import { CsvHeaderCache } from '../../engine/file-check-environment';
import { SCENARIO_SELECTOR } from '../shared/ids';
import { getOutputChannel } from '../shared/output';
import { readSettings } from '../shared/settings';
import { parseScenario } from '../../core/scenario';
import { Baselines } from './baselines';
import { RunCodeLenses } from './code-lens';
import { launchEngine } from './engine-launcher';
import { RESPONSE_SCHEME, RUN_COMMANDS } from './ids';
import { exportCsv, exportHtml, importLocustResults } from './result-files';
import { RunComparisons } from './run-comparisons';
import { RunController } from './run-controller';
import { headingOfSaved, RunHistory } from './run-history';
import { launchRun } from './run-launcher';
import { askRunOptions } from './run-options-input';
import { RunReporter } from './run-reporter';
import { fileNameOf, scenarioDocument } from './scenario-document';
import { ResponseDocuments } from './send/response-documents';
import { SendRequestCommand } from './send/send-request-command';
import { RunStatusBar } from './status-bar';
import { ThresholdDiagnostics } from './threshold-diagnostics';
import { ThresholdRestore } from './threshold-restore';
import { WindowRunState } from './window-state';
import type { RunFeatures } from '../import/register';
import type { WorkspaceEnvironments } from '../environments/workspace-environments';

/** Returns what other features run and show through (src/vscode/import/register.ts). */
export function registerRunFeatures(context: vscode.ExtensionContext, environments: WorkspaceEnvironments): RunFeatures {
  const log = getOutputChannel(context);
  const controller = new RunController(() => launchEngine(context.extensionUri, log), (text) => log.error(text));
  const state = new WindowRunState(controller);
  const parsed = new ParsedDocuments();
  const history = new RunHistory(log);
  const diagnostics = new ThresholdDiagnostics();
  const responses = new ResponseDocuments();
  const sendRequest = new SendRequestCommand(responses, environments, log, context.workspaceState);
  const headers = new CsvHeaderCache();
  const imported = new ImportedRuns(storageRunFolder(context, 'imported-runs'));
  const panel = new ResultsPanel(
    context.extensionUri,
    {
      stop: () => controller.stop(),
      export: (format, result, heading) => void (format === 'html' ? exportHtml(result, heading) : exportCsv(result, heading)).catch((error: unknown) => {
        log.error(`Export failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        // A message resolves when it is dismissed, whatever the user does: it never rejects.
        void vscode.window.showErrorMessage(`Export failed: ${error instanceof Error ? error.message : String(error)}`);
      }),
      findShownRun: (origin, startTime, name) => (origin === 'imported' ? imported.find(startTime, name) : history.find(startTime, name)),
      keepImported: (result, name) => imported.keep(result, name),
      // Commands registered with registerCommand never reject: their failure is shown there.
      setBaseline: () => void vscode.commands.executeCommand(RUN_COMMANDS.setBaseline),
      compareWith: () => void vscode.commands.executeCommand(RUN_COMMANDS.compareWith),
    },
    log,
    context.workspaceState,
  );
  const baselines = new Baselines();
  const comparisons = new RunComparisons(panel, baselines, history, state, log);
  const lenses = new RunCodeLenses(parsed, state);
  const services = { controller, workspaceState: context.workspaceState, headers, showPanel: () => panel.show(true), log, baselines, environments };

  context.subscriptions.push(
    // Kills any engine still running when the extension deactivates or the window closes.
    controller,
    state,
    parsed,
    diagnostics,
    responses,
    panel,
    lenses,
    new RunReporter(controller, panel, diagnostics, history, log),
    new ThresholdRestore(diagnostics, history, state, log),
    new RunStatusBar(state),
    registerResultsPanelSerializer(panel),
    vscode.languages.registerCodeLensProvider(SCENARIO_SELECTOR, lenses),
    vscode.workspace.registerTextDocumentContentProvider(RESPONSE_SCHEME, responses),
  );

  const currentResult = () => {
    const lastRun = state.lastResult();
    const last = panel.currentResult() ?? (lastRun ? { result: lastRun, heading: undefined } : undefined);
    if (!last) throw new UserFacingError('There is no finished run to export yet: run a load test, open a previous run or import Locust results first.');
    return last;
  };

  registerCommand(context, RUN_COMMANDS.run, 'Run Load Test', (uri?: unknown) => launchRun(services, uri));
  registerCommand(context, RUN_COMMANDS.runWithOptions, 'Run Load Test with Options', async (uri?: unknown) => {
    const document = await scenarioDocument(uri);
    const options = await askRunOptions(parseScenario(document.getText()), fileNameOf(document), readSettings(document.uri).host);
    if (options) await launchRun(services, document.uri, options);
  });
  registerCommand(context, RUN_COMMANDS.stop, 'Stop Load Test', () => {
    // A message resolves when it is dismissed: it never rejects.
    if (!controller.stop()) void vscode.window.showInformationMessage('No load test is running in this window.');
  });
  registerCommand(context, RUN_COMMANDS.showResults, 'Show Results', () => panel.show(false));
  registerCommand(context, RUN_COMMANDS.exportHtml, 'Export HTML Report', () => {
    const { result, heading } = currentResult();
    return exportHtml(result, heading);
  });
  registerCommand(context, RUN_COMMANDS.exportCsv, 'Export CSV', () => {
    const { result, heading } = currentResult();
    return exportCsv(result, heading);
  });
  registerCommand(context, RUN_COMMANDS.openPreviousRun, 'Open Previous Run', async () => {
    const result = await history.pick();
    if (result) panel.showResult('saved', headingOfSaved(result), result);
  });
  registerCommand(context, RUN_COMMANDS.importLocustCsv, 'Import Locust CSV Results', async () => {
    const locust = await importLocustResults();
    if (locust) panel.showResult('imported', locust.heading, locust.result);
  });
  registerCommand(context, RUN_COMMANDS.sendRequest, 'Send Request', (uri?: unknown, index?: unknown) => sendRequest.run(uri, index));
  registerCommand(context, RUN_COMMANDS.setBaseline, 'Set as Baseline', () => comparisons.setBaseline());
  registerCommand(context, RUN_COMMANDS.compareWith, 'Compare With…', () => comparisons.compareWith());
  registerCommand(context, RUN_COMMANDS.clearThresholdProblems, 'Clear Threshold Problems', () => diagnostics.clear());
  registerCommand(context, RUN_COMMANDS.clearCookies, 'Clear Cookies', () => sendRequest.clearCookies());
  return { services, state, parsed, lensesChanged: lenses.onDidChangeCodeLenses };
}

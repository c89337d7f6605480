// "Run Load Test": the checks before any traffic (trust, one run per window, a scenario without
// errors, a host, the user's consent for targets other than this machine), then the run.
import * as vscode from 'vscode';
import type { RunOptions } from '../../core/protocol/engine';
import { withoutCredentials } from '../../core/report/credentials';
import { describePlan } from '../../core/present';
import { UserFacingError } from '../shared/command';
import type { CsvHeaderCache } from '../../engine/file-check-environment';
import { readSettings } from '../shared/settings';
import { CONFIRMED_HOSTS_KEY } from './ids';
import { redirectOriginsOf, unconfirmedTargets, withConfirmed } from './logic/target-confirmation';
import { engineSpawnFailureMessage, runErrorMessage } from './logic/run-failure';
import type { RunController } from './run-controller';
import { fileNameOf, requireTrust, scenarioDocument, scenarioPathOf } from './scenario-document';
import { planDocument } from './plan-document';
import type { Baselines } from './baselines';
import type { RunRequest } from './run-session';
import { redactText } from '../../core/plan';
import type { WorkspaceEnvironments } from '../environments/workspace-environments';

/** The scenario's baseline, if one is set; a file that is not a result is said, and the run goes on without it. */
async function baselineOf(services: LaunchServices, scenario: vscode.Uri): Promise<RunRequest['baseline']> {
  try {
    const found = await services.baselines?.read(scenario);
    return found ? { result: found.result, file: found.file.fsPath } : undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // A message resolves when it is dismissed: it never rejects.
    void vscode.window.showWarningMessage(`The baseline of this scenario cannot be read, so this run has none: ${message}. Set a run as the baseline again.`);
    return undefined;
  }
}

export interface LaunchServices {
  controller: RunController;
  /** Each scenario's baseline; without it (imports' own runs) a run has none. */
  baselines?: Baselines;
  workspaceState: vscode.Memento;
  headers: CsvHeaderCache;
  showPanel(): void;
  log: vscode.LogOutputChannel;
  /** The environment chosen for the workspace (src/vscode/environments/). */
  environments: WorkspaceEnvironments;
}

/**
 * Asks once per origin (and workspace) before load goes to a machine other than this one. The
 * targets are the plan's real ones (src/vscode/run/logic/target-confirmation.ts); the dialog shows
 * them redacted of private environment values.
 */
async function confirmTargets(targets: readonly string[], secrets: readonly string[], plan: string, state: vscode.Memento): Promise<boolean> {
  const stored = state.get<string[]>(CONFIRMED_HOSTS_KEY, []);
  const remote = unconfirmedTargets(targets, secrets, stored);
  if (remote.length === 0) return true;
  const shown = [...new Set(remote.map((target) => target.shown))];
  const choice = await vscode.window.showWarningMessage(
    `This load test sends real traffic to ${shown.join(', ')}.`,
    {
      modal: true,
      detail: `Plan: ${plan}.\nOnly load-test systems you own or are allowed to test. Loadlens will not ask again for ${remote.length === 1 ? 'this host' : 'these hosts'} in this workspace (confirmations can be turned off only in your user settings: loadlens.confirmNonLocalTargets).`,
    },
    'Run Load Test',
  );
  if (choice !== 'Run Load Test') return false;
  await state.update(CONFIRMED_HOSTS_KEY, withConfirmed(stored, remote));
  return true;
}

async function explainActiveRun(services: LaunchServices): Promise<void> {
  const active = services.controller.active;
  if (!active) return;
  const choice = await vscode.window.showWarningMessage(
    `A load test of ${active.request.heading.title} is already running in this window. Stop it before starting another.`,
    'Show Results',
    'Stop It',
  );
  if (choice === 'Show Results') services.showPanel();
  if (choice === 'Stop It') services.controller.stop();
}

/**
 * Starts a run of the scenario (the argument's, else the active editor's); `form` is what "with
 * Options…" asked; `textOf` gives the text to run when it is not the whole document (src/vscode/import/).
 */
export async function launchRun(services: LaunchServices, argument: unknown, form?: RunOptions, textOf?: (document: vscode.TextDocument) => string): Promise<void> {
  if (!(await requireTrust('run load tests'))) return;
  if (services.controller.active) return explainActiveRun(services);
  const document = await scenarioDocument(argument);
  const scenarioPath = scenarioPathOf(document);
  const text = textOf ? textOf(document) : document.getText();
  const settings = readSettings(document.uri);
  const options: RunOptions = {
    ...form,
    workers: settings.workers,
    defaultThresholds: settings.defaultThresholds,
    defaultHost: settings.host || undefined,
    // As the CLI's --insecure; read from user settings only (scope `application` in package.json).
    insecure: settings.insecure || undefined,
    ...services.environments.runOptionsFor(document.uri),
  };
  const { plan, access } = planDocument(document, options, services.headers, text);
  const environmentProblem = plan.problems.find((problem) => problem.code === 'environment-invalid');
  if (environmentProblem) throw new UserFacingError(`${fileNameOf(document)} cannot run: ${environmentProblem.message}. Choose one with Loadlens: Select Environment (also in the status bar).`);
  const errors = plan.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.length > 0) {
    const first = errors[0];
    const choice = await vscode.window.showErrorMessage(
      `${fileNameOf(document)} has ${errors.length} error${errors.length === 1 ? '' : 's'} (first, line ${(first?.range.start.line ?? 0) + 1}: ${first?.message ?? ''}). Fix them, then run again.`,
      'Show Problems',
    );
    if (choice === 'Show Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
    return;
  }
  const { scenario, load, host } = plan;
  if (!load) {
    const noModel = !scenario.load && options.users === undefined && options.rate === undefined;
    const problem = plan.problems.find((p) => p.code === 'no-load-model')?.message ?? 'no load model';
    throw new UserFacingError(noModel ? runErrorMessage('no-load-model', '') : `${fileNameOf(document)} cannot run: ${problem}.`);
  }
  if (plan.problems.some((problem) => problem.code === 'no-host')) {
    throw new UserFacingError(runErrorMessage('no-host', 'the requests use relative URLs'));
  }
  // The engine plans the same text again: with the same seed, a host with random parts renders as shown here.
  options.seed = plan.seed;
  const planText = describePlan(load, scenario.tasks.length);
  // The log, the panel and the status bar show the host without its credentials.
  // Private environment values are never shown: the host and the targets are redacted of them.
  const shownHost = host === undefined ? undefined : redactText(withoutCredentials(host), plan.secrets);
  if (settings.confirmNonLocalTargets && !(await confirmTargets(plan.targets, plan.secrets, planText, services.workspaceState))) return;
  const baseline = await baselineOf(services, document.uri);
  if (baseline) options.baseline = { endpoints: baseline.result.endpoints, aggregate: baseline.result.aggregate };
  // A redirect must not take the load past the confirmation: only to this machine or a confirmed origin.
  if (settings.confirmNonLocalTargets) options.redirectOrigins = redirectOriginsOf(plan.targets, services.workspaceState.get<string[]>(CONFIRMED_HOSTS_KEY, []));
  // The user may have started another run while the confirmation was open.
  if (services.controller.active) return explainActiveRun(services);
  const runId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  services.log.info(`Starting load test ${runId}: ${fileNameOf(document)} · ${planText}${shownHost ? ` · ${shownHost}` : ''}${options.insecure ? ' · certificates not checked (loadlens.insecure)' : ''}`);
  try {
    services.controller.start({
      runId,
      documentKey: document.uri.toString(),
      scenarioPath,
      scenarioText: text,
      scenario,
      options,
      allowedFolders: [...access.folders],
      heading: { title: fileNameOf(document), plan: planText, host: shownHost },
      baseline,
      secrets: plan.secrets,
    });
  } catch (error) {
    throw new UserFacingError(engineSpawnFailureMessage(error instanceof Error ? error.message : String(error)));
  }
  services.showPanel();
}

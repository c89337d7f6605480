// `loadlens run SCENARIO [options]`: check, resolve host and load model, run through the engine
// with live progress, then print the summary, write the reports and exit 0/1/2/3.

import type { RunOptions } from '../../core/protocol/engine';
import { planRun, type RunPlan } from '../../core/plan';
import { describePlan } from '../../core/present';
import { withoutCredentials } from '../../core/report/credentials';
import { plannedDurationMs } from '../../core/schedule';
import type { Diagnostic } from '../../core/scenario';
import { runEnvironment } from '../../engine/run-environment';
import { parseArgs } from '../args';
import { missingBaselineDiagnostics } from '../baseline-rules';
import { compareWithBaseline, githubDiagnosticCommands, githubThresholdCommands, inGitHubActions, loadBaseline, renderBaselineChange, writeCiReports } from '../ci-outputs';
import { executeRun } from '../engine-run';
import { runJoin } from './join';
import { loadLiveMetrics, withLiveMetrics } from '../live-metrics-loader';
import { ENGINE_VERSION } from '../../engine/version';
import { CliFailure, ExitCode, UsageError } from '../exit-codes';
import { createStyle, escapeControls, wantsColor, type Style } from '../format';
import { formatCommandHelp, HELP_OPTION, type CommandHelp } from '../help';
import { createPlainProgress, createSilentProgress, createTerminalProgress, type ProgressReporter } from '../progress';
import { formatWrittenReports, prepareReportPaths, writeReports } from '../report-files';
import { RUN_OPTIONS, toRunSettings } from '../run-options';
import { formatDiagnostic, formatEnvironmentProblem, loadScenario, sortDiagnostics, type LoadedScenario } from '../scenario-file';
import { brokeErrorThreshold, renderCertificateWarning, renderSummary } from '../summary';

export const RUN_HELP: CommandHelp = {
  usage: 'loadlens run SCENARIO.load.http [options]',
  summary: 'Run a scenario headless. Options beat the file\'s # @ directives, as Locust\'s flags do.',
  options: [...RUN_OPTIONS, HELP_OPTION],
  notes: [
    'Durations: 250ms, 30s, 5m, 1h30m, or a number of seconds.',
    'Ctrl-C or SIGTERM stops the run cleanly and still writes every report asked for; a second, separate Ctrl-C quits at once.',
    'Exit codes: 0 passed, 1 an error threshold broke, 2 usage or scenario error (nothing sent), 3 the run failed.',
  ],
  examples: [
    'loadlens run examples/quick-test.load.http',
    'loadlens run api.load.http -H http://localhost:8888 -u 50 -r 5 -t 2m --html quick_test.html',
    'loadlens run api.load.http --rate 20 -t 1m --csv results --csv-full-history --json results.json',
  ],
};

/** Warnings that the command line has already answered (a --host, a --run-time). */
function answeredByFlags(diagnostic: Diagnostic, options: RunOptions): boolean {
  if (diagnostic.code === 'missing-host') return true; // `run` decides about the host itself, below.
  if (diagnostic.code === 'no-run-time') return options.runTimeMs !== undefined;
  return false;
}

function checkBeforeSending(scenario: LoadedScenario, plan: RunPlan, options: RunOptions): void {
  // Rules against a baseline need --baseline in the CLI (src/cli/baseline-rules.ts).
  const diagnostics = options.baseline ? plan.diagnostics : [...plan.diagnostics, ...missingBaselineDiagnostics(plan.scenario)];
  const shown = sortDiagnostics(diagnostics).filter((d) => d.severity === 'error' || !answeredByFlags(d, options));
  for (const diagnostic of shown) process.stderr.write(`${formatDiagnostic(scenario.displayPath, diagnostic)}\n`);
  if (inGitHubActions(process.env)) for (const command of githubDiagnosticCommands(scenario.displayPath, shown)) process.stdout.write(`${command}\n`);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  if (errors > 0) {
    throw new CliFailure(`${scenario.displayPath} has ${errors} error${errors === 1 ? '' : 's'}: nothing was sent. Fix ${errors === 1 ? 'it' : 'them'} and run again.`, ExitCode.usage);
  }
}

/** A broken environment file or an environment no file defines: exit 2 before anything else is said. */
export function requireEnvironment(plan: RunPlan, scenario: LoadedScenario): void {
  for (const note of plan.environments.problems) if (note.severity === 'warning') process.stderr.write(`${escapeControls(formatEnvironmentProblem(note))}\n`);
  const problem = plan.problems.find((p) => p.code === 'environment-invalid');
  if (problem) throw new CliFailure(`${scenario.displayPath}: ${problem.message}. Nothing was sent.`, ExitCode.usage);
}

function requireHost(plan: RunPlan, scenario: LoadedScenario): void {
  const relative = plan.problems.find((problem) => problem.code === 'no-host')?.request;
  if (!relative) return;
  const fix = plan.scenario.host
    ? `The file's \`# @host ${plan.scenario.host.raw}\` renders empty: check its variables, or pass --host URL.`
    : 'Add `# @host http://localhost:8888` to the file or pass --host URL.';
  throw new CliFailure(
    `${scenario.displayPath}:${relative.requestLineRange.start.line + 1}: ${relative.method} ${relative.url.raw} is a relative URL and there is no host. ${fix} Nothing was sent.`,
    ExitCode.usage,
  );
}

export function createProgress(quiet: boolean, plannedMs: number | undefined, style: Style): ProgressReporter {
  const write = (text: string) => void process.stderr.write(text);
  if (quiet) return createSilentProgress(write);
  if (process.stderr.isTTY) return createTerminalProgress(write, () => process.stderr.columns || 80, plannedMs, style);
  return createPlainProgress(write, plannedMs);
}

export async function runRun(argv: readonly string[]): Promise<ExitCode> {
  const args = parseArgs(argv, RUN_HELP.options, 'run');
  if (args.flags.has('help')) {
    process.stdout.write(formatCommandHelp(RUN_HELP));
    return ExitCode.ok;
  }
  const join = args.values.get('join');
  if (join !== undefined) {
    if (args.positionals.length) throw new UsageError(`--join takes the scenario from the coordinator: leave out ${args.positionals.join(' ')}.`);
    // The coordinator hands out the scenario: a shard is started without one.
    const settings = toRunSettings({ ...args, positionals: ['(from the coordinator)', ...args.positionals] });
    return runJoin(join, settings, new Set([...args.values.keys(), ...args.flags]));
  }
  const settings = toRunSettings(args);
  const baseline = loadBaseline(settings.ci);
  if (baseline) settings.options.baseline = { endpoints: baseline.result.endpoints, aggregate: baseline.result.aggregate };
  const scenario = loadScenario(settings.scenarioFile, settings.allowPaths);
  const plan = planRun(scenario.text, settings.options, runEnvironment(scenario.absolutePath, scenario.access));
  requireEnvironment(plan, scenario);
  checkBeforeSending(scenario, plan, settings.options);
  requireHost(plan, scenario);
  const model = plan.load;
  if (!model) {
    const problem = plan.problems.find((p) => p.code === 'no-load-model')?.message ?? 'no load model.';
    throw new CliFailure(`${scenario.displayPath}: ${problem} Nothing was sent.`, ExitCode.usage);
  }
  const parsed = plan.scenario;
  prepareReportPaths(settings.reports);

  const plannedMs = plannedDurationMs(model);
  const errStyle = createStyle(wantsColor(process.stderr, process.env));
  if (!settings.quiet) {
    const host = settings.options.host ?? parsed.host?.raw;
    const against = `${host ? ` against ${withoutCredentials(host)}` : ''}${plan.environment !== undefined ? ` (environment ${plan.environment})` : ''}`;
    const shard = settings.options.shard;
    const part = shard ? ` (shard ${shard.index} of ${shard.count} runs its part)` : '';
    process.stderr.write(`${errStyle.bold('Running')} ${escapeControls(`${scenario.displayPath}${against}`)}: ${describePlan(model, parsed.tasks.length)}${part}\n`);
  }
  const progress = createProgress(settings.quiet, plannedMs, errStyle);
  const live = settings.ci.outs.length > 0 ? loadLiveMetrics().startLiveMetrics(settings.ci.outs, scenario.displayPath, { engineVersion: ENGINE_VERSION }) : undefined;
  const result = await executeRun(scenario, settings.options, live ? withLiveMetrics(progress, live) : progress);
  const liveWarnings = live ? await live.finish(result) : [];

  const outStyle = createStyle(wantsColor(process.stdout, process.env));
  process.stdout.write(`\n${renderSummary(result, outStyle)}`);
  const comparison = compareWithBaseline(result, baseline);
  if (comparison && baseline) process.stdout.write(`\n${renderBaselineChange(comparison, baseline, outStyle)}\n`);
  for (const warning of liveWarnings) process.stdout.write(`\n${outStyle.yellow('warning:')} ${escapeControls(warning)}\n`);
  process.stdout.write(renderCertificateWarning(result, outStyle));
  if (inGitHubActions(process.env)) for (const command of githubThresholdCommands(result, scenario.displayPath, parsed)) process.stdout.write(`${command}\n`);
  const written = [
    ...writeReports(result, settings.reports, { comparison, baselineLabel: baseline?.label }),
    ...writeCiReports(result, settings.ci, comparison, baseline, process.env),
  ];
  const paths = formatWrittenReports(written);
  if (paths) process.stdout.write(`\n${paths}`);
  return brokeErrorThreshold(result) ? ExitCode.thresholdBroken : ExitCode.ok;
}

// `loadlens check FILE...`: every diagnostic as `FILE:LINE:COL: severity: message`; exit 0 when
// no file has an error (warnings allowed), else 2.

import { parseArgs } from '../args';
import { githubDiagnosticCommands, inGitHubActions } from '../ci-outputs';
import { readResultFile } from '../result-file';
import { ExitCode, UsageError } from '../exit-codes';
import { escapeControls } from '../format';
import { formatCommandHelp, HELP_OPTION, type CommandHelp } from '../help';
import { outsideVariables, unknownEnvironmentMessage } from '../../core/plan';
import { environmentsFor } from '../../engine/environment-files';
import { ALLOW_PATH_OPTION, ENVIRONMENT_OPTIONS, environmentOptions } from '../run-options';
import { checkLoadedScenario, formatDiagnostic, formatEnvironmentProblem, loadScenario, sortDiagnostics, type LoadedScenario } from '../scenario-file';

export const CHECK_HELP: CommandHelp = {
  usage: 'loadlens check SCENARIO.load.http... [--env NAME] [--var NAME=VALUE] [--baseline RESULT.json]',
  summary: 'Parse and validate scenarios without sending anything. Prints each problem as\nFILE:LINE:COL: severity: message. Exit 0 when there are no errors (warnings allowed), else 2.',
  options: [ALLOW_PATH_OPTION, ...ENVIRONMENT_OPTIONS, { name: 'baseline', value: 'RESULT.json', description: 'a baseline run is given: rules like p95 < baseline + 10% are not errors' }, HELP_OPTION],
  examples: ['loadlens check examples/*.load.http', 'loadlens check load/api.load.http --allow-path ../shared-data', 'loadlens check load/api.load.http --env staging'],
  notes: [
    'Without --env, a {{name}} that some environment of http-client.env.json defines is fine, and one that neither the file nor any environment defines is a warning (--var may give it at the run); with --env NAME, every name must come from that environment, the file or --var.',
  ],
};

/** The environment files' problems printed (an unknown --env among them); the names a check then knows. */
function environmentProblems(scenario: LoadedScenario, options: ReturnType<typeof environmentOptions>) {
  // Looked up as a run looks them up (src/engine/run-environment.ts), and an unknown --env said in the run's words.
  const found = environmentsFor(scenario.absolutePath, scenario.access);
  let errors = 0;
  let warnings = 0;
  for (const problem of found.problems) {
    process.stdout.write(`${escapeControls(formatEnvironmentProblem(problem))}\n`);
    if (problem.severity === 'error') errors++;
    else warnings++;
  }
  const chosen = options.environment;
  const unknown = unknownEnvironmentMessage(found, chosen);
  if (unknown !== undefined) {
    process.stdout.write(`${escapeControls(scenario.displayPath)}: error: ${escapeControls(unknown)}\n`);
    errors++;
  }
  const known = unknown === undefined ? chosen : undefined;
  return { errors, warnings, outside: outsideVariables(found, known, options.variables, 'any') };
}

export function runCheck(argv: readonly string[]): ExitCode {
  const args = parseArgs(argv, CHECK_HELP.options, 'check');
  if (args.flags.has('help')) {
    process.stdout.write(formatCommandHelp(CHECK_HELP));
    return ExitCode.ok;
  }
  if (args.positionals.length === 0) throw new UsageError('which files? Usage: loadlens check SCENARIO.load.http...');
  const baselineFile = args.values.get('baseline');
  // Read it as `run` would, so that a check that passes here is not refused by the run.
  const hasBaseline = baselineFile !== undefined && readResultFile(baselineFile, 'baseline') !== undefined;
  const annotate = inGitHubActions(process.env);
  const options = environmentOptions(args);
  let errors = 0;
  let warnings = 0;
  let unreadable = 0;
  for (const file of args.positionals) {
    let scenario;
    try {
      scenario = loadScenario(file, args.lists.get('allow-path') ?? []);
    } catch (error) {
      // One missing file must not hide the diagnostics of the others.
      process.stderr.write(`error: ${escapeControls((error as Error).message, true)}\n`);
      unreadable++;
      continue;
    }
    const environment = environmentProblems(scenario, options);
    errors += environment.errors;
    warnings += environment.warnings;
    const { diagnostics } = checkLoadedScenario(scenario, hasBaseline, environment.outside);
    for (const diagnostic of sortDiagnostics(diagnostics)) {
      process.stdout.write(`${formatDiagnostic(file, diagnostic)}\n`);
      if (annotate) process.stdout.write(`${githubDiagnosticCommands(file, [diagnostic]).join('')}\n`);
      if (diagnostic.severity === 'error') errors++;
      else if (diagnostic.severity === 'warning') warnings++;
    }
  }
  const files = args.positionals.length - unreadable;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  process.stderr.write(`${plural(files, 'file')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}${unreadable ? `, ${unreadable} unreadable` : ''}.\n`);
  return errors > 0 || unreadable > 0 ? ExitCode.usage : ExitCode.ok;
}

// One way to prepare a run, for the CLI, the extension (Run and Send Request) and the engine:
// the scenario checked, then the load model, seed, host and targets it will have, and what stops
// it from running. Pure: the file system (through `check`), the process environment and a fresh
// seed come in through `environment` (src/engine/run-environment.ts builds it from the real ones).
import type { ResolvedLoadModel } from '../metrics/result';
import type { EngineErrorCode, RunOptions } from '../protocol/engine';
import { type CheckResult, type Diagnostic, type FileVariable, type OutsideVariables, type RequestBlock, type Scenario } from '../scenario';
import { ExpansionLimitError } from '../scenario/limits';
import { resolveLoadModel } from '../schedule/resolve';
import { environmentValues, outsideVariables, runVariables, secretValues, unknownEnvironmentMessage, type FoundEnvironments } from './environments';
import { hostTemplate, renderHost } from './host';
import { secretForms } from './secrets';
import { takesHost, targetUrls } from './targets';
import type { TemplateCompilerFactory } from './templates';

export interface RunEnvironment {
  /** What `{{$processEnv NAME}}` reads unless the options bring their own `env`. */
  processEnv: Record<string, string>;
  /** The `.env` beside the scenario, parsed; empty when there is none. */
  dotenv: Record<string, string>;
  /** The environment files found for the scenario (src/engine/environment-files.ts), or the editor's setting. */
  environments: FoundEnvironments;
  /**
   * `check` with the file system's answers about the data and body files the scenario names,
   * including which of them it may read (src/engine/file-check-environment.ts, checkScenarioOnDisk),
   * and the names the chosen environment and `--var` define.
   */
  check(scenarioText: string, outside: OutsideVariables): CheckResult;
  templates: TemplateCompilerFactory;
  /** The seed when neither the options nor `# @seed` give one; the caller draws it. */
  freshSeed: number;
}

export type RunProblemCode = Extract<EngineErrorCode, 'environment-invalid' | 'scenario-invalid' | 'no-load-model' | 'no-host'>;

export interface RunProblem {
  code: RunProblemCode;
  /** Words for a log or the engine's error event; each view may say it its own way. */
  message: string;
  /** For `no-host`: the first request whose URL is relative. */
  request?: RequestBlock;
}

export interface RunPlan {
  scenario: Scenario;
  /** Everything `check` says about the file, warnings included. */
  diagnostics: Diagnostic[];
  /** Undefined when the options and the file give no load model (a `no-load-model` problem). */
  load: ResolvedLoadModel | undefined;
  seed: number;
  host: string | undefined;
  /** Base URLs the run may reach (src/core/plan/targets.ts). */
  targets: string[];
  /** The environment files found (or the editor's setting) and what is wrong with them. */
  environments: FoundEnvironments;
  /** The chosen environment (options.environment), when it exists. */
  environment: string | undefined;
  /** The templates' variables: the environment's, the file's, then `--var`'s (the last definition wins). */
  variables: FileVariable[];
  /** Every form of the chosen environment's private values, for redactText/redactDeep (./secrets.ts). */
  secrets: string[];
  /** The variables `$processEnv` reads in this run. */
  env: Record<string, string>;
  dotenv: Record<string, string>;
  /** Empty when the run can start; otherwise in this order: environment, scenario errors, load model, host. */
  problems: RunProblem[];
}

/** The first errors in words, `line N: message; ...`, as a log or an engine error shows them. */
function listErrors(errors: readonly Diagnostic[]): string {
  const listed = errors.slice(0, 5).map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
  return listed.join('; ') + (errors.length > 5 ? `; and ${errors.length - 5} more` : '');
}

/** A broken environment file, or an environment that no file defines; undefined when the run may use them. */
function environmentProblem(found: FoundEnvironments, chosen: string | undefined): string | undefined {
  const broken = found.problems.filter((problem) => problem.severity === 'error');
  if (broken.length > 0) return broken.map((problem) => `${problem.file}${problem.line !== undefined ? `:${problem.line}:${problem.column ?? 1}` : ''}: ${problem.message}`).join('; ');
  return unknownEnvironmentMessage(found, chosen);
}

export function planRun(scenarioText: string, options: RunOptions, environment: RunEnvironment): RunPlan {
  const found = environment.environments;
  const problems: RunProblem[] = [];
  const badEnvironment = environmentProblem(found, options.environment);
  if (badEnvironment !== undefined) problems.push({ code: 'environment-invalid', message: badEnvironment });
  const chosen = badEnvironment === undefined ? options.environment : undefined;
  const values = environmentValues(found, chosen);
  const { scenario, diagnostics } = environment.check(scenarioText, outsideVariables(found, chosen, options.variables, 'error'));
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.length > 0) problems.push({ code: 'scenario-invalid', message: listErrors(errors) });
  const resolved = resolveLoadModel(scenario, options);
  const load = 'error' in resolved ? undefined : resolved;
  if ('error' in resolved) problems.push({ code: 'no-load-model', message: resolved.error });
  const seed = options.seed ?? scenario.seed ?? environment.freshSeed;
  const env = options.env ?? environment.processEnv;
  const dotenv = environment.dotenv;
  const variables = runVariables(scenario.variables, values, options.variables);
  const compiler = environment.templates({ variables, env, dotenv });
  const template = hostTemplate(scenario, options);
  let host: string | undefined;
  let targets: string[] = [];
  try {
    host = renderHost(template && compiler.compile(template), seed);
    const relative = scenario.requests.find((request) => takesHost(request, (t) => compiler.compile(t)));
    if (relative && host === undefined) {
      problems.push({ code: 'no-host', message: `'${relative.method} ${relative.url.raw}' is relative and no host was given`, request: relative });
    }
    targets = targetUrls(scenario, template, (t) => compiler.compile(t));
  } catch (error) {
    // Variables beyond the expansion limits (check reports them on their lines; an environment
    // value can also take a template past them): a problem of the scenario, not a crash.
    if (!(error instanceof ExpansionLimitError)) throw error;
    if (errors.length === 0) problems.push({ code: 'scenario-invalid', message: error.message });
  }
  const secrets = secretForms(secretValues(values));
  return { scenario, diagnostics, load, seed, host, targets, environments: found, environment: chosen, variables, secrets, env, dotenv, problems };
}

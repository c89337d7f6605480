// `loadlens run` flags -> RunOptions (which beat the file) and the reports to write.
// Each value is checked here so that a typo is a usage error before anything is sent.

import { DEFAULT_THRESHOLD_RULES } from '../core/analysis/default-thresholds';
import { parseDuration } from '../core/scenario';
import { durationOverLimit, MAX_RATE, MAX_SPAWN_RATE, MAX_USERS, MAX_WORKERS, overLimit } from '../core/scenario/limits';
import type { RunOptions } from '../core/protocol/engine';
import type { ParsedArgs, OptionSpec } from './args';
import { UsageError } from './exit-codes';
import { CI_OPTIONS, isHttpUrl, toCiSettings, type CiSettings } from './ci-options';
import { parseShard, parseStartAt } from './shard-options';

/** Shared by `run` and `check`: the folders a scenario may read besides the current one and its own. */
export const ALLOW_PATH_OPTION: OptionSpec = {
  name: 'allow-path',
  value: 'DIR',
  description: 'let # @data and < file read inside DIR too (repeatable); the current directory and the scenario\'s folder always are',
};

/** Shared by `run`, `check` and `coordinate`: which environment of http-client.env.json, and variables that beat it. */
export const ENVIRONMENT_OPTIONS: readonly OptionSpec[] = [
  { name: 'env', value: 'NAME', description: 'use the environment NAME of http-client.env.json (and its private twin) found beside the scenario or above' },
  { name: 'var', value: 'NAME=VALUE', description: 'set a variable (repeatable); beats the environment and the file\'s @name = value' },
];

const VARIABLE_NAME = /^[A-Za-z_][\w-]*$/;

/** `--env NAME` and each `--var NAME=VALUE`, checked. */
export function environmentOptions(args: ParsedArgs): Pick<RunOptions, 'environment' | 'variables'> {
  const options: Pick<RunOptions, 'environment' | 'variables'> = {};
  const environment = args.values.get('env');
  if (environment !== undefined) {
    if (environment.trim() === '') throw new UsageError('--env needs the name of an environment of http-client.env.json, e.g. --env dev.');
    options.environment = environment;
  }
  for (const raw of args.lists.get('var') ?? []) {
    const equals = raw.indexOf('=');
    const name = equals < 0 ? raw : raw.slice(0, equals);
    if (equals < 0 || !VARIABLE_NAME.test(name)) {
      // The value is not echoed: it may be a token typed on the command line.
      throw new UsageError(`--var needs NAME=VALUE with a variable name of letters, digits, _ and - (e.g. --var host=http://localhost:8888), got a value ${equals < 0 ? 'without =' : `named '${name.slice(0, 40)}'`}.`);
    }
    options.variables = { ...options.variables, [name]: raw.slice(equals + 1) };
  }
  return options;
}

export const RUN_OPTIONS: readonly OptionSpec[] = [
  { name: 'host', short: 'H', value: 'URL', description: 'base URL for relative request URLs (overrides # @host)' },
  { name: 'users', short: 'u', value: 'N', description: 'closed model: N concurrent users (overrides the file\'s load model)' },
  { name: 'spawn-rate', short: 'r', value: 'R', description: 'users started per second' },
  { name: 'run-time', short: 't', value: 'D', description: 'stop after D: 30s, 2m, 1h30m' },
  { name: 'rate', value: 'R', description: 'open model: R task iterations per second (with -u N: at most N at once)' },
  { name: 'headless', description: 'accepted for Locust habits; the CLI is always headless' },
  { name: 'csv', value: 'PREFIX', description: 'write PREFIX_stats.csv, PREFIX_failures.csv, PREFIX_stats_history.csv' },
  { name: 'csv-full-history', description: 'history rows for every request name, not only the aggregate' },
  { name: 'html', value: 'FILE', description: 'a self-contained HTML report' },
  { name: 'json', value: 'FILE', description: 'the full result, loss-free (for `loadlens report` and comparisons)' },
  { name: 'stop-timeout', value: 'D', description: 'at the end, let running iterations finish for up to D' },
  { name: 'workers', value: 'N|auto', description: 'load-generating workers; auto = one per core (default 1)' },
  { name: 'seed', value: 'N', description: 'seed for every random choice, so two runs choose alike' },
  { name: 'quiet', short: 'q', description: 'no live progress; the final summary only' },
  { name: 'insecure', description: 'accept self-signed TLS certificates' },
  ...ENVIRONMENT_OPTIONS,
  ALLOW_PATH_OPTION,
  ...CI_OPTIONS,
  { name: 'shard', value: 'I/N', description: 'run the I-th of N equal parts of the load, for one run on N machines; with --join, be shard I of the coordinated run (docs/scale-out.md)' },
  { name: 'join', value: 'URL', description: 'run as one shard of a coordinated run: the load, the scenario and the start come from `loadlens coordinate` at URL' },
  { name: 'start-at', value: 'TIME', description: 'start the load at TIME (Unix seconds or ISO 8601 with zone), so shards on many machines start together' },
];

export interface ReportTargets {
  csvPrefix?: string;
  csvFullHistory: boolean;
  html?: string;
  json?: string;
}

export interface RunSettings {
  scenarioFile: string;
  options: RunOptions;
  reports: ReportTargets;
  quiet: boolean;
  /** `--allow-path` folders as given (resolved against the current directory when used). */
  allowPaths: string[];
  ci: CiSettings;
}

const DURATION_EXAMPLES = 'e.g. 30s, 2m, 1h30m or a number of seconds';

/** A value beyond Loadlens's limits (src/core/scenario/limits.ts) is a usage error, exit 2. */
function withinLimit<T>(value: T, problem: string | undefined, raw: string): T {
  if (problem !== undefined) throw new UsageError(`${problem}, got '${raw}'.`);
  return value;
}

function positiveNumber(raw: string, flag: string, example: string, max: number): number {
  // `5/s` is how the file writes rates; accept it on the command line too.
  const text = raw.endsWith('/s') ? raw.slice(0, -2) : raw;
  const value = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
  if (!(value > 0)) throw new UsageError(`${flag} needs a number greater than 0 (${example}), got '${raw}'.`);
  return withinLimit(value, overLimit(flag, value, max, '/s'), raw);
}

function wholeNumber(raw: string, flag: string, min: number, example: string, max = Number.MAX_SAFE_INTEGER): number {
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min) {
    throw new UsageError(`${flag} needs a whole number${min > 0 ? ` of at least ${min}` : ''} (${example}), got '${raw}'.`);
  }
  return withinLimit(value, overLimit(flag, value, max), raw);
}

function duration(raw: string, flag: string, allowZero: boolean): number {
  const ms = parseDuration(raw);
  if (ms === undefined || (!allowZero && ms <= 0)) {
    throw new UsageError(`${flag} needs a duration${allowZero ? '' : ' longer than 0'} (${DURATION_EXAMPLES}), got '${raw}'.`);
  }
  return withinLimit(ms, durationOverLimit(flag, ms), raw);
}

function hostUrl(raw: string): string {
  if (!isHttpUrl(raw)) {
    throw new UsageError(`--host needs a full URL starting with http:// or https:// (e.g. --host http://localhost:8888), got '${raw}'.`);
  }
  return raw;
}

function workers(raw: string): number | 'auto' {
  if (raw === 'auto') return 'auto';
  return wholeNumber(raw, '--workers', 1, 'e.g. --workers 2, or --workers auto for one per core', MAX_WORKERS);
}

export function toRunSettings(args: ParsedArgs): RunSettings {
  const [scenarioFile, ...extra] = args.positionals;
  if (!scenarioFile) throw new UsageError('which scenario? Usage: loadlens run SCENARIO.load.http [options].');
  if (extra.length) {
    throw new UsageError(`\`loadlens run\` takes one scenario, got ${args.positionals.length} (${args.positionals.join(', ')}). Run them one after another.`);
  }
  const value = (name: string) => args.values.get(name);
  // The CLI has no settings: a file without any `# @threshold` is judged by src/core/analysis/default-thresholds.ts.
  const options: RunOptions = { defaultThresholds: [...DEFAULT_THRESHOLD_RULES], ...environmentOptions(args) };
  const host = value('host');
  if (host !== undefined) options.host = hostUrl(host);
  const users = value('users');
  const rate = value('rate');
  const spawnRate = value('spawn-rate');
  if (rate !== undefined && spawnRate !== undefined) {
    throw new UsageError('--spawn-rate goes with --users (closed model); an open model (--rate) starts iterations at the rate itself.');
  }
  if (users !== undefined) options.users = wholeNumber(users, '--users', 1, 'e.g. --users 50', MAX_USERS);
  if (spawnRate !== undefined) options.spawnRate = positiveNumber(spawnRate, '--spawn-rate', 'users per second, e.g. --spawn-rate 5', MAX_SPAWN_RATE);
  if (rate !== undefined) options.rate = positiveNumber(rate, '--rate', 'iterations per second, e.g. --rate 20', MAX_RATE);
  const runTime = value('run-time');
  if (runTime !== undefined) options.runTimeMs = duration(runTime, '--run-time', false);
  const stopTimeout = value('stop-timeout');
  if (stopTimeout !== undefined) options.stopTimeoutMs = duration(stopTimeout, '--stop-timeout', true);
  const workerCount = value('workers');
  if (workerCount !== undefined) options.workers = workers(workerCount);
  const seed = value('seed');
  if (seed !== undefined) options.seed = wholeNumber(seed, '--seed', 0, 'e.g. --seed 42');
  if (args.flags.has('insecure')) options.insecure = true;
  const shard = value('shard');
  if (shard !== undefined) options.shard = parseShard(shard);
  const startAt = value('start-at');
  if (startAt !== undefined) options.startAt = parseStartAt(startAt, Date.now());

  const reports = reportTargets(args);
  if (reports.csvFullHistory) options.fullHistory = true;
  return { scenarioFile, options, reports, quiet: args.flags.has('quiet'), allowPaths: args.lists.get('allow-path') ?? [], ci: toCiSettings(args) };
}

/** --csv / --csv-full-history / --html / --json, shared by `run` and `report`. */
export function reportTargets(args: ParsedArgs): ReportTargets {
  const csvPrefix = args.values.get('csv');
  const csvFullHistory = args.flags.has('csv-full-history');
  if (csvFullHistory && csvPrefix === undefined) {
    throw new UsageError('--csv-full-history adds rows to the history CSV: give --csv PREFIX as well.');
  }
  return { csvPrefix, csvFullHistory, html: args.values.get('html'), json: args.values.get('json') };
}

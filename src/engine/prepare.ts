// Everything a run needs before the first request: the scenario checked, the load model and host
// resolved, data files, body files and `.env` read (once, here, for every worker).

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import type { ResolvedLoadModel } from '../core/metrics/result';
import type { EngineCommand, EngineErrorCode } from '../core/protocol/engine';
import { createRandom } from '../core/schedule/random';
import { resolveLoadModel } from '../core/schedule/resolve';
import { resolveWorkerCount } from '../core/schedule/split';
import { parseTemplate, type Scenario } from '../core/scenario';
import { TemplateCompiler } from './compile-template';
import { isRelativeUrl } from './compile-requests';
import { parseDotenv } from './dynamic-values';
import { ENGINE_HOW_TO_ALLOW, fileAccess, readScenarioFile, type FileAccess } from './file-access';
import { checkScenarioOnDisk } from './file-check-environment';

type StartCommand = Extract<EngineCommand, { type: 'run/start' }>;

export interface DataFile {
  name: string;
  columns: string[];
  rows: string[][];
  random: boolean;
}

export interface PreparedRun {
  scenario: Scenario;
  scenarioHash: string;
  load: ResolvedLoadModel;
  host: string | undefined;
  seed: number;
  workers: number;
  stopTimeoutMs: number;
  env: Record<string, string>;
  dotenv: Record<string, string>;
  data: DataFile[];
  bodies: Record<number, Uint8Array>;
}

export class PrepareError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
  ) {
    super(message);
  }
}

// The files are read through the file rule (./file-access.ts) again here, not only in the check
// above: this is the read that sends a file's bytes, so it is where the rule must hold.
function readData(scenarioPath: string, scenario: Scenario, access: FileAccess): DataFile[] {
  return scenario.data.map((binding) => {
    let rows: string[][];
    try {
      rows = parseCsv(readScenarioFile(scenarioPath, binding.file, access), { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
    } catch (error) {
      throw new PrepareError('data-unreadable', `${binding.file}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const [columns, ...body] = rows;
    if (!columns) throw new PrepareError('data-unreadable', `${binding.file}: the file is empty (a header row is needed, then one row per value set)`);
    // A header alone would send an empty value for every column: refused before anything is sent.
    if (body.length === 0) throw new PrepareError('data-unreadable', `${binding.file}: the file has a header row but no data rows: add rows below the header`);
    // Names are trimmed as `check` trims them, so `id, name` binds `{{patient.name}}`.
    return { name: binding.name, columns: columns.map((column) => column.trim()), rows: body, random: binding.random };
  });
}

function readBodies(scenarioPath: string, scenario: Scenario, access: FileAccess): Record<number, Uint8Array> {
  const bodies: Record<number, Uint8Array> = {};
  for (const request of scenario.requests) {
    if (request.body?.kind !== 'file') continue;
    try {
      bodies[request.index] = readScenarioFile(scenarioPath, request.body.path, access);
    } catch (error) {
      throw new PrepareError('body-unreadable', `${request.body.path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return bodies;
}

function readDotenv(folder: string): Record<string, string> {
  const path = resolve(folder, '.env');
  return existsSync(path) ? parseDotenv(readFileSync(path, 'utf8')) : {};
}

function processEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value;
  return env;
}

function resolveHost(scenario: Scenario, hostOption: string | undefined, env: Record<string, string>, dotenv: Record<string, string>, seed: number): string | undefined {
  const template = hostOption !== undefined ? parseTemplate(hostOption) : scenario.host;
  if (!template) return undefined;
  const compiler = new TemplateCompiler({ variables: scenario.variables, env, dotenv, data: new Map(), requestsByName: new Map() });
  const host = compiler.compile(template).render({ random: createRandom(seed), rows: [], responses: [] }).trim();
  return host === '' ? undefined : host.replace(/\/+$/, '');
}

/** Checks and reads everything; throws PrepareError with the code the parent shows. */
export function prepareRun(command: StartCommand): PreparedRun {
  const folder = dirname(command.scenarioPath);
  const options = command.options;
  const access = fileAccess(command.allowedFolders ?? [folder], ENGINE_HOW_TO_ALLOW);
  const checked = checkScenarioOnDisk(command.scenarioText, command.scenarioPath, access);
  const errors = checked.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.length > 0) {
    const listed = errors.slice(0, 5).map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
    throw new PrepareError('scenario-invalid', listed.join('; ') + (errors.length > 5 ? `; and ${errors.length - 5} more` : ''));
  }
  const scenario = checked.scenario;
  const load = resolveLoadModel(scenario, options);
  if ('error' in load) throw new PrepareError('no-load-model', load.error);
  const seed = options.seed ?? scenario.seed ?? Math.floor(Math.random() * 2 ** 31);
  const env = options.env ?? processEnv();
  const dotenv = readDotenv(folder);
  const host = resolveHost(scenario, options.host, env, dotenv, seed);
  const relative = scenario.requests.find(isRelativeUrl);
  if (relative && host === undefined) {
    throw new PrepareError('no-host', `'${relative.method} ${relative.url.raw}' is relative and no host was given`);
  }
  return {
    scenario,
    scenarioHash: createHash('sha256').update(command.scenarioText).digest('hex'),
    load,
    host,
    seed,
    workers: resolveWorkerCount(options.workers, availableParallelism()),
    stopTimeoutMs: options.stopTimeoutMs ?? scenario.stopTimeoutMs ?? 0,
    env,
    dotenv,
    data: readData(command.scenarioPath, scenario, access),
    bodies: readBodies(command.scenarioPath, scenario, access),
  };
}

// Everything a run needs before the first request: the scenario checked, the load model and host
// resolved, data files, body files and `.env` read (once, here, for every worker).

import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import type { ResolvedLoadModel } from '../core/metrics/result';
import type { EngineCommand, EngineErrorCode } from '../core/protocol/engine';
import { planRun } from '../core/plan';
import { loadOptionsOverLimit } from '../core/schedule/resolve';
import { durationOverLimit, MAX_WORKERS, overLimit } from '../core/scenario/limits';
import { resolveWorkerCount } from '../core/schedule/split';
import type { Scenario } from '../core/scenario';
import { dataFileProblem } from './data-feed';
import { ENGINE_HOW_TO_ALLOW, fileAccess, readScenarioFile, type FileAccess } from './file-access';
import { assembleMultipart, isConstantMultipart } from './multipart-parts';
import { runEnvironment } from './run-environment';

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
  /** Every form of the environment's private values: what leaves the engine is redacted of them (./main.ts). */
  secrets: string[];
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
      throw new PrepareError('data-unreadable', `${binding.file}: ${dataFileProblem(error)}`);
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
  const read = (path: string): Uint8Array => {
    try {
      return readScenarioFile(scenarioPath, path, access);
    } catch (error) {
      throw new PrepareError('body-unreadable', `${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  for (const request of scenario.requests) {
    if (request.body?.kind === 'file') bodies[request.index] = read(request.body.path);
    else if (isConstantMultipart(request.body)) bodies[request.index] = assembleMultipart(request.body, read);
  }
  return bodies;
}

/**
 * Checks and reads everything; throws PrepareError with the code the parent shows. The parent
 * (CLI or extension) planned the same text already; the engine plans it again because it is the
 * process that reads the files and sends the traffic, and the engine protocol carries text, not
 * a parsed scenario (src/core/protocol/engine.ts). Its workers get the scenario parsed here.
 */
export function prepareRun(command: StartCommand): PreparedRun {
  const folder = dirname(command.scenarioPath);
  const options = command.options;
  const access = fileAccess(command.allowedFolders ?? [folder], ENGINE_HOW_TO_ALLOW);
  // The extension's settings and other callers reach here without the CLI's flag checks.
  const beyond =
    loadOptionsOverLimit(options) ??
    (options.stopTimeoutMs !== undefined ? durationOverLimit('the stop timeout', options.stopTimeoutMs) : undefined) ??
    (typeof options.workers === 'number' ? overLimit('the number of workers', options.workers, MAX_WORKERS) : undefined);
  if (beyond !== undefined) throw new PrepareError('over-limit', beyond);
  const plan = planRun(command.scenarioText, options, runEnvironment(command.scenarioPath, access, undefined, options.environmentSetting));
  const { scenario, load, problems } = plan;
  // A plan without problems has a load model; the second test only tells the compiler so.
  if (problems[0] || !load) throw new PrepareError(problems[0]?.code ?? 'no-load-model', problems[0]?.message ?? 'no load model');
  return {
    // The workers compile with the run's variables: the environment's, the file's, `--var`'s.
    scenario: { ...scenario, variables: plan.variables },
    scenarioHash: createHash('sha256').update(command.scenarioText).digest('hex'),
    load,
    host: plan.host,
    seed: plan.seed,
    workers: resolveWorkerCount(options.workers, availableParallelism()),
    stopTimeoutMs: options.stopTimeoutMs ?? scenario.stopTimeoutMs ?? 0,
    env: plan.env,
    dotenv: plan.dotenv,
    secrets: plan.secrets,
    data: readData(command.scenarioPath, scenario, access),
    bodies: readBodies(command.scenarioPath, scenario, access),
  };
}

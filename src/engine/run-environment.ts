// The real world a run is planned in (src/core/plan/): this process's environment variables, the
// `.env` beside the scenario, its `http-client.env.json` files, the file system's answers, the
// engine's template compiler and a fresh seed. Built here once for the CLI, the engine and the extension alike.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { RunEnvironment } from '../core/plan';
import { TemplateCompiler } from './compile-template';
import { parseDotenv } from './dynamic-values';
import { environmentsFor } from './environment-files';
import type { FileAccess } from './file-access';
import { checkScenarioOnDisk, type CsvHeaderCache } from './file-check-environment';

/** process.env without its undefined entries. */
export function processEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value;
  return env;
}

export function readDotenvBeside(scenarioPath: string): Record<string, string> {
  const path = resolve(dirname(scenarioPath), '.env');
  return existsSync(path) ? parseDotenv(readFileSync(path, 'utf8')) : {};
}

/** A seed for a run that names none: 31 bits, as `# @seed` and `--seed` take. */
export function freshSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}

/**
 * `access` says which folders the scenario's data, body and environment files may come from
 * (./file-access.ts). `environmentSetting`: VS Code's `rest-client.environmentVariables`, the
 * environments when no file is found (RunOptions.environmentSetting).
 */
export function runEnvironment(scenarioPath: string, access: FileAccess, headers?: CsvHeaderCache, environmentSetting?: unknown): RunEnvironment {
  return {
    processEnv: processEnv(),
    dotenv: readDotenvBeside(scenarioPath),
    environments: environmentsFor(scenarioPath, access, environmentSetting),
    check: (text, outside) => checkScenarioOnDisk(text, scenarioPath, access, headers, outside),
    templates: (values) => new TemplateCompiler({ ...values, data: new Map(), requestsByName: new Map() }),
    freshSeed: freshSeed(),
  };
}

// One request of a scenario made ready to send outside a run ("Send Request"), through the
// engine's own template compiler, so that a request sent alone is the request a run would send:
// file variables, system variables, `.env`, the first row of each data file, and the responses of
// earlier Send Requests for `{{name.response...}}`. Also: the hosts a run would reach, for the
// confirmation before load goes anywhere but this machine. No vscode here.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { parseTemplate, type Scenario } from '../../../core/scenario';
import { createRandom } from '../../../core/schedule';
import { CaptureMissing, type StoredResponse } from '../../../engine/captures';
import { isRelativeUrl, compileScenario } from '../../../engine/compile-requests';
import { TemplateCompiler, type CompiledTemplate } from '../../../engine/compile-template';
import { parseDotenv } from '../../../engine/dynamic-values';
import { readScenarioFile, type FileAccess } from '../../../engine/file-access';
import type { DataShare } from '../../../engine/worker-protocol';

/** A request that cannot be prepared; the message says what to do. */
export class SendPreparationError extends Error {
  override readonly name = 'SendPreparationError';
}

export interface PreparedSend {
  method: string;
  url: string;
  /** `[name, value, name, value...]`. */
  headers: string[];
  body: Buffer | undefined;
  timeoutMs: number;
}

export interface SendInputs {
  scenarioPath: string;
  scenarioText: string;
  scenario: Scenario;
  /** The folders its data and body files may be read from (src/engine/file-access.ts). */
  access: FileAccess;
  requestIndex: number;
  /** The host from settings when the file has no `# @host`. */
  fallbackHost: string | undefined;
  env: Record<string, string>;
  /** The last Send Request response of each request, by index. */
  responses: Array<StoredResponse | undefined>;
  seed: number;
}

/** Header and first row of a CSV, without reading a large file whole. */
function firstRows(scenarioPath: string, written: string, access: FileAccess): string[][] {
  const start = readScenarioFile(scenarioPath, written, access, 64 * 1024);
  const lines = start.toString('utf8').split(/\r?\n/).filter((line) => line.trim() !== '').slice(0, 2);
  return parseCsv(lines.join('\n'), { bom: true, relax_column_count: true, relax_quotes: true }) as string[][];
}

function readData(inputs: SendInputs): DataShare[] {
  return inputs.scenario.data.map((binding) => {
    let rows: string[][];
    try {
      rows = firstRows(inputs.scenarioPath, binding.file, inputs.access);
    } catch (error) {
      throw new SendPreparationError(`The data file ${binding.file} could not be read (${error instanceof Error ? error.message : String(error)}).`);
    }
    const [columns = [], ...body] = rows;
    return { name: binding.name, columns, rows: body, random: false };
  });
}

export function readDotenvBeside(scenarioPath: string): Record<string, string> {
  const path = resolve(dirname(scenarioPath), '.env');
  return existsSync(path) ? parseDotenv(readFileSync(path, 'utf8')) : {};
}

/** The base URL a run of this file uses: the option, else `# @host` (templates expanded), else the setting. */
export function resolveHost(scenario: Scenario, hostOption: string | undefined, fallbackHost: string | undefined, env: Record<string, string>, dotenv: Record<string, string>): string | undefined {
  const template = hostOption !== undefined && hostOption !== '' ? parseTemplate(hostOption) : scenario.host;
  if (!template) return fallbackHost?.trim() ? fallbackHost.trim().replace(/\/+$/, '') : undefined;
  const compiler = new TemplateCompiler({ variables: scenario.variables, env, dotenv, data: new Map(), requestsByName: new Map() });
  const host = compiler.compile(template).render({ random: createRandom(0), rows: [], responses: [] }).trim();
  return host === '' ? undefined : host.replace(/\/+$/, '');
}

/**
 * Every base URL a run may send to, for the confirmation before load leaves this machine: the host
 * (when some URL is relative) and each absolute request URL. Where a URL's scheme and host are not
 * fixed before the run (a captured value, a data column, a random value), it is given as written,
 * which never passes as loopback: one rendering could land on 127.0.0.1 while the run does not.
 */
export function targetUrls(scenario: Scenario, hostOption: string | undefined, env: Record<string, string>, dotenv: Record<string, string>): string[] {
  const compiler = new TemplateCompiler({ variables: scenario.variables, env, dotenv, data: new Map(), requestsByName: new Map() });
  const hostTemplate = hostOption !== undefined && hostOption !== '' ? parseTemplate(hostOption) : scenario.host;
  const urls = new Set<string>();
  for (const request of scenario.requests) {
    const template = isRelativeUrl(request) ? hostTemplate : request.url;
    if (template) urls.add(knownTarget(compiler.compile(template), template.raw));
  }
  return [...urls];
}

/** The whole text when it is the same at every send; else its origin when the fixed start holds all of it; else the template as written. */
function knownTarget(compiled: CompiledTemplate, raw: string): string {
  if (compiled.constant !== undefined) return compiled.constant.trim();
  const origin = /^\s*[a-z][a-z0-9+.-]*:\/\/[^/?#]*[/?#]/i.exec(compiled.literalPrefix)?.[0];
  return origin?.trim() ?? raw;
}

export function prepareSend(inputs: SendInputs): PreparedSend {
  const { scenario, requestIndex } = inputs;
  const request = scenario.requests[requestIndex];
  if (!request) throw new SendPreparationError('That request is no longer in the file: save or re-run the command on the request line.');
  const dotenv = readDotenvBeside(inputs.scenarioPath);
  const host = resolveHost(scenario, undefined, inputs.fallbackHost, inputs.env, dotenv);
  if (isRelativeUrl(request) && host === undefined) {
    throw new SendPreparationError(`'${request.method} ${request.url.raw}' is relative and there is no host: add # @host http://... to the file or set loadlens.host.`);
  }
  const bodies: Record<number, Uint8Array> = {};
  if (request.body?.kind === 'file') {
    try {
      bodies[request.index] = readScenarioFile(inputs.scenarioPath, request.body.path, inputs.access);
    } catch (error) {
      throw new SendPreparationError(`The body file ${request.body.path} could not be read (${error instanceof Error ? error.message : String(error)}).`);
    }
  }
  const data = readData(inputs);
  const compiled = compileScenario(scenario, {
    workerIndex: 0,
    workerCount: 1,
    scenarioText: inputs.scenarioText,
    load: { kind: 'users', users: 1 },
    host,
    seed: inputs.seed,
    insecure: false,
    env: inputs.env,
    dotenv,
    data,
    bodies,
  }).requests[requestIndex];
  if (!compiled) throw new SendPreparationError('That request could not be prepared.');
  const context = { random: createRandom(inputs.seed), rows: data.map((share) => share.rows[0]), responses: inputs.responses };
  try {
    const headers = compiled.constantHeaders ?? compiled.headerNames.flatMap((name, i) => [name, compiled.headerValues[i]?.render(context) ?? '']);
    const body = compiled.constantBody ?? (compiled.body ? Buffer.from(compiled.body.render(context)) : undefined);
    return { method: request.method, url: compiled.url.render(context), headers, body, timeoutMs: compiled.timeoutMs };
  } catch (error) {
    if (error instanceof CaptureMissing) {
      const name = /^capture ([^.]+)\./.exec(error.message)?.[1] ?? 'the named request';
      throw new SendPreparationError(`${error.message}: send '${name}' first (Send Request on it), then this one.`);
    }
    throw error;
  }
}

// One request of a scenario made ready to send outside a run ("Send Request"), through the
// engine's own template compiler, so that a request sent alone is the request a run would send:
// file variables, system variables, `.env`, the first row of each data file, and the responses of
// earlier Send Requests for `{{name.response...}}`. The host, seed and variables come from the
// same run plan a run uses (src/core/plan/). No vscode here.
import { parse as parseCsv } from 'csv-parse/sync';
import type { RunPlan } from '../../../core/plan';
import { startsAsPath } from '../../../core/scenario';
import { createRandom } from '../../../core/schedule';
import { CaptureMissing, type StoredResponse } from '../../../engine/captures';
import { compileScenario } from '../../../engine/compile-requests';
import { dataFileProblem } from '../../../engine/data-feed';
import { readScenarioFile, type FileAccess } from '../../../engine/file-access';
import type { SingleRequest } from '../../../engine/send-once';
import type { DataShare } from '../../../engine/worker-protocol';

/** A request that cannot be prepared; the message says what to do. */
export class SendPreparationError extends Error {
  override readonly name = 'SendPreparationError';
}

/** The request with its templates rendered, as the engine's one-request entry sends it. */
export type PreparedSend = SingleRequest;

export interface SendInputs {
  scenarioPath: string;
  /** The scenario planned as a run of it would be: host, seed, `$processEnv` and `.env` values. */
  plan: RunPlan;
  /** The folders its data and body files may be read from (src/engine/file-access.ts). */
  access: FileAccess;
  requestIndex: number;
  /** The last Send Request response of each request, by index. */
  responses: Array<StoredResponse | undefined>;
}

/** Header and first row of a CSV, without reading a large file whole. */
function firstRows(scenarioPath: string, written: string, access: FileAccess): string[][] {
  const start = readScenarioFile(scenarioPath, written, access, 64 * 1024);
  const lines = start.toString('utf8').split(/\r?\n/).filter((line) => line.trim() !== '').slice(0, 2);
  return parseCsv(lines.join('\n'), { bom: true, relax_column_count: true, relax_quotes: true }) as string[][];
}

function readData(inputs: SendInputs): DataShare[] {
  return inputs.plan.scenario.data.map((binding) => {
    let rows: string[][];
    try {
      rows = firstRows(inputs.scenarioPath, binding.file, inputs.access);
    } catch (error) {
      throw new SendPreparationError(`The data file ${binding.file} could not be read (${dataFileProblem(error)}).`);
    }
    const [columns = [], ...body] = rows;
    return { name: binding.name, columns, rows: body, random: false };
  });
}

export function prepareSend(inputs: SendInputs): PreparedSend {
  const { plan, requestIndex } = inputs;
  const { scenario, host } = plan;
  const request = scenario.requests[requestIndex];
  if (!request) throw new SendPreparationError('That request is no longer in the file: save or re-run the command on the request line.');
  const bodies: Record<number, Uint8Array> = {};
  if (request.body?.kind === 'file') {
    try {
      bodies[request.index] = readScenarioFile(inputs.scenarioPath, request.body.path, inputs.access);
    } catch (error) {
      throw new SendPreparationError(`The body file ${request.body.path} could not be read (${error instanceof Error ? error.message : String(error)}).`);
    }
  }
  const data = readData(inputs);
  // The run's variables, as a run compiles them: the environment's, the file's, then --var's.
  const compiledScenario = compileScenario({ ...scenario, variables: plan.variables }, { host, env: plan.env, dotenv: plan.dotenv, data, bodies });
  const compiled = compiledScenario.requests[requestIndex];
  if (!compiled) throw new SendPreparationError('That request could not be prepared.');
  // After compiling: `{{api}}/home` with `@api = /v1` is relative too (src/core/scenario/urls.ts).
  if (host === undefined && startsAsPath(compiled.url.literalPrefix)) {
    throw new SendPreparationError(`'${request.method} ${request.url.raw}' is relative and there is no host: add # @host http://... to the file or set loadlens.host.`);
  }
  const context = { random: createRandom(plan.seed), rows: data.map((share) => share.rows[0]), responses: inputs.responses };
  try {
    const headers = compiled.constantHeaders ?? compiled.headerNames.flatMap((name, i) => [name, compiled.headerValues[i]?.render(context) ?? '']);
    const body = compiled.constantBody ?? (compiled.body ? Buffer.from(compiled.body.render(context)) : undefined);
    const session = { followRedirects: compiled.followRedirects, useCookieJar: compiled.useCookieJar, http1Only: compiledScenario.http1Only };
    return { method: request.method, url: compiled.url.render(context), headers, body, timeoutMs: compiled.timeoutMs, ...session };
  } catch (error) {
    if (error instanceof CaptureMissing) {
      const name = /^capture ([^.]+)\./.exec(error.message)?.[1] ?? 'the named request';
      throw new SendPreparationError(`${error.message}: send '${name}' first (Send Request on it), then this one.`);
    }
    throw error;
  }
}

// `loadlens run --join URL`: one shard of a coordinated run. Takes its part, the scenario and the
// start time from the coordinator (src/cli/commands/coordinate.ts), runs it, sends each second's
// numbers, stops when told, and sends its result at the end (docs/scale-out.md).

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { RunResult, ShardInterval, ShardSpec } from '../../core/metrics/result';
import { planRun } from '../../core/plan';
import { isJoinAnswer, SHARD_PATH_PREFIX, SHARD_PROTOCOL_VERSION, SHARD_TOKEN_HEADER, SHARD_TOKEN_VARIABLE as TOKEN_VARIABLE, type JoinAnswer, type JoinRequest } from '../../core/protocol/shard';
import { runEnvironment } from '../../engine/run-environment';
import { executeRun } from '../engine-run';
import { CliFailure, ExitCode, UsageError } from '../exit-codes';
import { createStyle, escapeControls, wantsColor } from '../format';
import { formatWrittenReports, prepareReportPaths, writeReports } from '../report-files';
import type { RunSettings } from '../run-options';
import { loadScenario } from '../scenario-file';
import { renderCertificateWarning, renderSummary } from '../summary';
import { createProgress } from './run';

/** A shard that cannot reach its coordinator at the start gives up after this (scale-out.md). */
export const JOIN_GIVE_UP_MS = 60_000;
const RETRY_MS = 1000;
/** The options a coordinator decides for the whole run: given to a shard they would be ignored. */
const COORDINATOR_DECIDES = ['users', 'spawn-rate', 'run-time', 'rate', 'seed', 'host', 'stop-timeout', 'start-at', 'baseline'];
/** Set by Kubernetes in each pod of an Indexed Job: the pod's index, from 0. */
export const COMPLETION_INDEX_VARIABLE = 'JOB_COMPLETION_INDEX';

/** The shard number this process is, when it knows: `--shard I/N`, or its Indexed Job pod's index + 1. */
export function wantedShard(flag: ShardSpec | undefined, env: NodeJS.ProcessEnv): { shard?: number; shards?: number; from?: string } {
  if (flag) return { shard: flag.index, shards: flag.count, from: `--shard ${flag.index}/${flag.count}` };
  const raw = env[COMPLETION_INDEX_VARIABLE];
  if (raw === undefined || raw === '') return {};
  if (!/^\d{1,6}$/.test(raw.trim())) throw new UsageError(`${COMPLETION_INDEX_VARIABLE} is '${raw}', not a pod index (0, 1, 2...): it is set by a Kubernetes Indexed Job; unset it, or give --shard I/N.`);
  const index = Number(raw.trim());
  return { shard: index + 1, from: `${COMPLETION_INDEX_VARIABLE}=${index}` };
}

function post(url: string, path: string, body: unknown, timeoutMs: number | undefined): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const token = process.env[TOKEN_VARIABLE];
  if (token) headers[SHARD_TOKEN_HEADER] = token;
  return fetch(`${url}${SHARD_PATH_PREFIX}/${path}`, { method: 'POST', headers, body: JSON.stringify(body), signal: timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs) });
}

async function errorOf(response: Response): Promise<string> {
  const body = (await response.json().catch(() => ({}))) as { error?: unknown };
  return typeof body.error === 'string' ? body.error : `HTTP ${response.status}`;
}

/** undici's errors of a connection never made: the coordinator was not reached. */
const CONNECT_FAILURES: ReadonlySet<string> = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_CONNECT']);

/**
 * True when a failed request had reached the coordinator: the connection was made and then cut
 * (undici's errors: a held answer timed out after 300 s, the socket was closed) rather than
 * refused or never made (ECONNREFUSED, ENOTFOUND, EHOSTUNREACH, UND_ERR_CONNECT_TIMEOUT...).
 * Only a reached coordinator restarts the give-up time: one never reached is given up on.
 */
export function reachedBeforeFailing(error: unknown): boolean {
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  if (typeof code !== 'string' || CONNECT_FAILURES.has(code)) return false;
  return code.startsWith('UND_ERR_') || code === 'ECONNRESET' || code === 'EPIPE';
}

/**
 * Joins, retrying while the coordinator cannot be reached, for up to JOIN_GIVE_UP_MS. The
 * coordinator holds the join until every shard has joined, which may take longer than any
 * timeout on the way: a join cut after it reached the coordinator is asked again, with a fresh
 * give-up time (the coordinator freed the number when the connection closed, see
 * src/cli/coordinator/joined-run.ts).
 */
async function joinRun(url: string, wanted: ReturnType<typeof wantedShard>, note: (text: string) => void): Promise<JoinAnswer> {
  let giveUpAt = Date.now() + JOIN_GIVE_UP_MS;
  let said = false;
  let toldHeld = false;
  for (;;) {
    let response: Response | undefined;
    try {
      response = await post(url, 'join', { protocolVersion: SHARD_PROTOCOL_VERSION, name: hostname(), shard: wanted.shard, shards: wanted.shards } satisfies JoinRequest, undefined);
    } catch (error) {
      response = undefined;
      if (reachedBeforeFailing(error)) {
        giveUpAt = Date.now() + JOIN_GIVE_UP_MS;
        if (!toldHeld) note(`The coordinator at ${url} is still waiting for the other shards: asking again.`);
        toldHeld = true;
      }
    }
    if (response) {
      const from = wanted.from ? ` (${wanted.from})` : '';
      // 400/401/409: how the shard was started is wrong (token, number); 410: too late, the run is under way.
      if (!response.ok) throw new CliFailure(`the coordinator at ${url} refused this shard${from}: ${await errorOf(response)}.`, [400, 401, 409].includes(response.status) ? ExitCode.usage : ExitCode.runFailed);
      const answer: unknown = await response.json().catch(() => undefined);
      if (!isJoinAnswer(answer)) throw new CliFailure(`the coordinator at ${url} answered something that is not this Loadlens's shard protocol: run the same version everywhere.`, ExitCode.runFailed);
      if (wanted.shard !== undefined && answer.shard.index !== wanted.shard) {
        throw new CliFailure(`the coordinator at ${url} made this process shard ${answer.shard.index}, not ${wanted.shard}${from}: it is an older Loadlens; run the same version everywhere.`, ExitCode.runFailed);
      }
      return answer;
    }
    if (Date.now() >= giveUpAt) throw new CliFailure(`could not reach the coordinator at ${url} for ${JOIN_GIVE_UP_MS / 1000} s: is \`loadlens coordinate\` running there?`, ExitCode.runFailed);
    if (!said) note(`Waiting for the coordinator at ${url}...`);
    said = true;
    await new Promise((done) => setTimeout(done, RETRY_MS));
  }
}

/** The coordinator's files in a fresh folder; a path that would leave it is refused. */
function writeRunFolder(answer: JoinAnswer): { folder: string; scenarioPath: string } {
  const folder = mkdtempSync(join(tmpdir(), 'loadlens-shard-'));
  const inside = (path: string) => {
    const target = resolve(folder, path);
    const rel = relative(folder, target);
    if (rel === '' || rel.startsWith('..') || rel.startsWith(sep) || resolve(folder, rel) !== target) {
      rmSync(folder, { recursive: true, force: true });
      throw new CliFailure(`the coordinator sent a file outside the run's folder (${path}): refused.`, ExitCode.runFailed);
    }
    return target;
  };
  const scenarioPath = inside(answer.scenarioName.replace(/[\\/]/g, '_'));
  writeFileSync(scenarioPath, answer.scenarioText);
  for (const file of answer.files) {
    const target = inside(file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, Buffer.from(file.base64, 'base64'));
  }
  return { folder, scenarioPath };
}

export async function runJoin(url: string, settings: RunSettings, given: ReadonlySet<string>): Promise<ExitCode> {
  const decided = COORDINATOR_DECIDES.filter((name) => given.has(name));
  if (decided.length) throw new UsageError(`--join takes the load from the coordinator: leave out --${decided.join(', --')} (give them to \`loadlens coordinate\`).`);
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) throw new UsageError(`--join needs the coordinator's URL, e.g. --join http://127.0.0.1:7070, got '${url}'.`);
  const base = url.replace(/\/+$/, '');
  const style = createStyle(wantsColor(process.stderr, process.env));
  const progress = createProgress(settings.quiet, undefined, style);
  const note = (text: string) => progress.note(escapeControls(text));
  const wanted = wantedShard(settings.options.shard, process.env);
  prepareReportPaths(settings.reports);
  const answer = await joinRun(base, wanted, note);
  const { shard } = answer;
  note(`Joined as shard ${shard.index}/${shard.count}; the load starts at ${new Date(answer.startAt).toISOString()}.`);
  const { folder, scenarioPath } = writeRunFolder(answer);
  try {
    const scenario = loadScenario(scenarioPath);
    const options = { ...answer.options, workers: settings.options.workers ?? answer.options.workers, shard, startAt: answer.startAt, abortJudgedElsewhere: true, fullHistory: settings.options.fullHistory ?? answer.options.fullHistory };
    const plan = planRun(scenario.text, options, runEnvironment(scenario.absolutePath, scenario.access));
    if (plan.problems[0]) throw new CliFailure(`the coordinator's scenario cannot run here: ${plan.problems[0].message}.`, ExitCode.runFailed);
    let stop: () => void = () => undefined;
    let sending = Promise.resolve();
    let failures = 0;
    const send = (interval: ShardInterval) => {
      sending = sending.then(async () => {
        try {
          const response = await post(base, 'interval', { protocolVersion: SHARD_PROTOCOL_VERSION, runId: answer.runId, shard: shard.index, interval }, 5000);
          const reply = (await response.json().catch(() => ({}))) as { stop?: unknown };
          if (reply.stop === true) stop();
        } catch {
          // The coordinator is unreachable for a moment: the run goes on; the result still carries every second.
          if (failures++ === 0) note(`could not send a second's numbers to the coordinator at ${base}; going on.`);
        }
      });
    };
    const result: RunResult = await executeRun(scenario, options, progress, {
      giveStop: (fn) => (stop = fn),
      onEvent: (event) => {
        if (event.type === 'run/interval' && event.partials) send(event.partials);
      },
    });
    await sending;
    const finished = await post(base, 'finished', { protocolVersion: SHARD_PROTOCOL_VERSION, runId: answer.runId, shard: shard.index, result }, 30_000).catch(() => undefined);
    if (!finished?.ok) note(`could not send this shard's result to the coordinator: it has this shard's seconds up to now only.`);
    const style = createStyle(wantsColor(process.stdout, process.env));
    process.stdout.write(`\n${renderSummary(result, style)}`);
    process.stdout.write(renderCertificateWarning(result, style));
    const paths = formatWrittenReports(writeReports(result, settings.reports));
    if (paths) process.stdout.write(`\n${paths}`);
    return finished?.ok ? ExitCode.ok : ExitCode.runFailed;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

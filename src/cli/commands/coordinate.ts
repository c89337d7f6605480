// `loadlens coordinate SCENARIO --shards N --listen HOST:PORT [run options]`: waits for N shards
// (`loadlens run --join URL`), hands each its part, the scenario and a common start, joins their
// seconds live (progress, `abort` thresholds) and writes the joined result (docs/scale-out.md).

import { createHash, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { basename, dirname, relative, resolve } from 'node:path';
import { applicableThresholds } from '../../core/analysis';
import { planRun, redactDeep, redactText } from '../../core/plan';
import { isFinishedReport, isIntervalReport, isJoinRequest, SHARD_PROTOCOL_VERSION, SHARD_TOKEN_VARIABLE as TOKEN_VARIABLE, versionMismatch, type JoinAnswer } from '../../core/protocol/shard';
import { withoutCredentials } from '../../core/report/credentials';
import { shardIntervalProblem, shardResultProblem } from '../../core/scale/merge-results';
import { plannedDurationMs } from '../../core/schedule';
import { readScenarioFile } from '../../engine/file-access';
import { runEnvironment } from '../../engine/run-environment';
import { ENGINE_VERSION } from '../../engine/version';
import { parseArgs } from '../args';
import { CI_OPTIONS, toCiSettings } from '../ci-options';
import { writeCiReports } from '../ci-outputs';
import { JoinedRun, type ShardState } from '../coordinator/joined-run';
import { createShardServer } from '../coordinator/shard-server';
import { CliFailure, ExitCode, UsageError } from '../exit-codes';
import { createStyle, escapeControls, wantsColor } from '../format';
import { formatCommandHelp, HELP_OPTION, type CommandHelp } from '../help';
import { formatWrittenReports, prepareReportPaths, writeReports } from '../report-files';
import { RUN_OPTIONS, toRunSettings } from '../run-options';
import { loadScenario } from '../scenario-file';
import { MAX_SHARDS } from '../shard-options';
import { brokeErrorThreshold, renderCertificateWarning, renderSummary } from '../summary';
import { createProgress } from './run';

/** From the last join to the start: time for every shard to start its engine and connect. */
export const START_LEAD_MS = 5000;

const OWN_OPTIONS = [
  { name: 'shards', value: 'N', description: 'how many shards (`loadlens run --join URL`) make the run' },
  { name: 'listen', value: 'HOST:PORT', description: 'where shards join: 127.0.0.1:7070 on one machine; 0.0.0.0:7070 in a cluster (needs LOADLENS_SHARD_TOKEN)' },
];

export const COORDINATE_HELP: CommandHelp = {
  usage: 'loadlens coordinate SCENARIO.load.http --shards N --listen HOST:PORT [run options]',
  summary: 'Run a scenario on N machines: each runs `loadlens run --join http://HOST:PORT`; this process\nhands out the parts, starts them together and shows and reports the joined run.',
  options: [...OWN_OPTIONS, ...RUN_OPTIONS.filter((spec) => spec.name !== 'shard' && spec.name !== 'start-at'), ...CI_OPTIONS.filter((spec) => spec.name !== 'out'), HELP_OPTION],
  notes: [
    `Set ${TOKEN_VARIABLE} (the same on every shard) to require a token; listening beyond loopback requires it.`,
    'A shard is the number it names (`--shard I/N` on the shard, or JOB_COMPLETION_INDEX + 1 in a Kubernetes Indexed Job), else the lowest free one.',
    'Exit codes: as `run`; 3 also when a shard was lost or never joined (the numbers are incomplete).',
  ],
  examples: ['loadlens coordinate api.load.http --shards 4 --listen 127.0.0.1:7070 --json run.json', 'loadlens run --join http://127.0.0.1:7070   (on each of the 4 machines)'],
};

function parseListen(raw: string): { host: string; port: number } {
  const match = /^(\[[0-9a-fA-F:]+\]|[^:]+):(\d+)$/.exec(raw);
  const port = match ? Number(match[2]) : NaN;
  if (!match || !(port >= 0 && port <= 65535)) throw new UsageError(`--listen needs HOST:PORT (e.g. --listen 127.0.0.1:7070), got '${raw}'.`);
  return { host: (match[1] as string).replace(/^\[|\]$/g, ''), port };
}

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);

/** The files a shard needs beside the scenario, by the path the scenario writes (inside its folder). */
export function filesOf(scenarioPath: string, plan: ReturnType<typeof planRun>, read: (written: string) => Buffer): JoinAnswer['files'] {
  const written = [...plan.scenario.data.map((binding) => binding.file), ...plan.scenario.requests.flatMap((request) => (request.body?.kind === 'file' ? [request.body.path] : []))];
  return [...new Set(written)].map((path) => {
    if (path.startsWith('/') || path.split(/[\\/]/).includes('..')) {
      throw new CliFailure(`${scenarioPath}: ${path} is outside the scenario's folder; a coordinated run hands shards the scenario's folder only: move the file beside the scenario.`, ExitCode.usage);
    }
    return { path, base64: read(path).toString('base64') };
  }).concat(
    // The environment files travel too, beside the scenario where the shard looks first, so every
    // shard runs the same environment (its private values included, docs/security.md, Scale-out).
    plan.environments.files.map((file) => ({ path: basename(file), base64: read(relative(dirname(resolve(scenarioPath)), file)).toString('base64') })),
  );
}

export async function runCoordinate(argv: readonly string[]): Promise<ExitCode> {
  const args = parseArgs(argv, COORDINATE_HELP.options, 'coordinate');
  if (args.flags.has('help')) {
    process.stdout.write(formatCommandHelp(COORDINATE_HELP));
    return ExitCode.ok;
  }
  const shardsRaw = args.values.get('shards');
  const listenRaw = args.values.get('listen');
  if (shardsRaw === undefined || listenRaw === undefined) throw new UsageError('coordinate needs --shards N and --listen HOST:PORT (e.g. --shards 4 --listen 127.0.0.1:7070).');
  const count = /^\d+$/.test(shardsRaw) ? Number(shardsRaw) : NaN;
  if (!(count >= 1 && count <= MAX_SHARDS)) throw new UsageError(`--shards needs a whole number from 1 to ${MAX_SHARDS}, got '${shardsRaw}'.`);
  const listen = parseListen(listenRaw);
  const token = process.env[TOKEN_VARIABLE] || undefined;
  if (!isLoopback(listen.host) && token === undefined) {
    throw new UsageError(`--listen ${listenRaw} lets other machines join and receive the scenario: set ${TOKEN_VARIABLE} to a secret shared with the shards (docs/security.md, Scale-out).`);
  }
  const settings = toRunSettings(args);
  const ci = toCiSettings(args);
  const scenario = loadScenario(settings.scenarioFile, settings.allowPaths);
  const plan = planRun(scenario.text, settings.options, runEnvironment(scenario.absolutePath, scenario.access));
  const problem = plan.problems[0];
  if (problem) throw new CliFailure(`${scenario.displayPath}: ${problem.message}. Nothing was sent.`, ExitCode.usage);
  // Every shard draws from the same seed: the run is repeatable and each shard's streams are its own.
  const options = { ...settings.options, seed: plan.seed };
  const files = filesOf(scenario.displayPath, plan, (path) => readScenarioFile(scenario.absolutePath, path, scenario.access));
  prepareReportPaths(settings.reports);
  const runId = randomUUID();
  const style = createStyle(wantsColor(process.stderr, process.env));
  const say = (text: string) => progress.note(escapeControls(redactText(text, plan.secrets)));
  const progress = createProgress(settings.quiet, plan.load ? plannedDurationMs(plan.load) : undefined, style);
  const endpoints = plan.scenario.requests.map((request) => ({ method: request.method, name: request.statsName }));

  let allDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (allDone = resolve));
  const run = new JoinedRun(count, plan, options, endpoints, {
    onSecond: (snapshot) => progress.update(redactDeep(snapshot, plan.secrets)),
    onAbort: (rule, target) => say(`Threshold \`${rule}\` broken for 10 s on ${target === 'aggregate' ? 'the aggregate' : target} of the joined run: stopping every shard.`),
    onLost: (shard: ShardState) => say(`Shard ${shard.index}/${count} (${shard.name}) lost: no numbers from second ${shard.lost?.fromSecond ?? 1} on; the run goes on with the others.`),
    onAllDone: () => allDone(),
  }, applicableThresholds(plan.scenario, options.defaultThresholds ?? []).some((rule) => rule.abort));

  /** The held answer of each shard that joined, by number, sent when the last one joins. */
  const waiting = new Map<number, () => void>();
  const server = createShardServer({
    join: (body, reply, connection) => {
      if (!isJoinRequest(body)) return reply(400, { error: versionMismatch((body as { protocolVersion?: unknown })?.protocolVersion) });
      const outcome = run.join(body, Date.now(), connection.gone);
      if ('refused' in outcome) {
        say(`Refused a shard (${body.name}): ${outcome.refused.error}.`);
        return reply(outcome.refused.status, { error: outcome.refused.error });
      }
      const { shard, replaced } = outcome;
      say(replaced ? `Shard ${shard.index}/${count} joined: ${body.name}, in place of ${replaced.name}, which left before the start` : `Shard ${shard.index}/${count} joined: ${body.name}`);
      connection.onGone(() => {
        if (run.startAt === 0 && run.holder(shard.index) === shard) say(`Shard ${shard.index}/${count} (${shard.name}) left before the start: waiting for a shard to take its place.`);
      });
      waiting.set(shard.index, () => reply(200, { protocolVersion: SHARD_PROTOCOL_VERSION, runId, shard: { index: shard.index, count }, scenarioName: basename(scenario.absolutePath), scenarioText: scenario.text, files, options, startAt: run.startAt } satisfies JoinAnswer));
      if (run.complete) {
        run.startAt = Date.now() + START_LEAD_MS;
        say(`All ${count} shards joined: the load starts at ${new Date(run.startAt).toISOString()}.`);
        for (const send of waiting.values()) send();
        waiting.clear();
      }
    },
    interval: (body, reply) => {
      if (!isIntervalReport(body) || body.runId !== runId) return reply(400, { error: 'not an interval of this run' });
      const problem = shardIntervalProblem(body.interval, endpoints.length);
      if (problem) return reply(400, { error: problem });
      run.addInterval(body.shard, body.interval, Date.now());
      reply(200, { stop: run.stopRequested });
    },
    finished: (body, reply) => {
      if (!isFinishedReport(body) || body.runId !== runId) return reply(400, { error: 'not a result of this run' });
      const bad = shardResultProblem(body.result, endpoints.length);
      if (bad) return reply(400, { error: `the shard's result: ${bad}` });
      run.finish(body.shard, body.result, Date.now());
      reply(200, { stop: true });
    },
  }, token);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(new CliFailure(`cannot listen on ${listenRaw}: ${error.code ?? error.message}.`, ExitCode.runFailed)));
    server.listen(listen.port, listen.host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const shown = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  say(`Coordinating ${scenario.displayPath}: waiting for ${count} shard${count === 1 ? '' : 's'}: loadlens run --join http://${shown}:${port}`);

  const ticker = setInterval(() => run.tick(Date.now()), 500);
  let interrupts = 0;
  const onInterrupt = () => {
    interrupts++;
    if (interrupts === 1) {
      say('Stopping every shard at its next second (press Ctrl-C again to quit at once)...');
      run.stopRequested = true;
      if (!run.complete) allDone();
    } else allDone();
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onInterrupt);
  try {
    await done;
  } finally {
    clearInterval(ticker);
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
    progress.finish();
    server.closeAllConnections();
    server.close();
  }
  if (run.startAt === 0) throw new CliFailure(`stopped before all ${count} shards joined (${run.shards.length} did): nothing was run.`, ExitCode.runFailed);

  // The joined result is built here, not in an engine, so it gets the engine's redaction here
  // (src/engine/main.ts): whole, before the summary and every report read it (docs/security.md).
  const joined = run.result({ scenarioPath: scenario.absolutePath, scenarioHash: createHash('sha256').update(scenario.text).digest('hex'), host: plan.host && withoutCredentials(plan.host), engineVersion: ENGINE_VERSION }, Date.now());
  const result = redactDeep(joined, plan.secrets);
  const outStyle = createStyle(wantsColor(process.stdout, process.env));
  process.stdout.write(`\n${renderSummary(result, outStyle)}`);
  process.stdout.write(renderCertificateWarning(result, outStyle));
  const missing = result.joined?.missing ?? [];
  const written = [...writeReports(result, settings.reports), ...writeCiReports(result, ci, undefined, undefined, process.env)];
  const paths = formatWrittenReports(written);
  if (paths) process.stdout.write(`\n${paths}`);
  if (missing.length > 0) return ExitCode.runFailed;
  return brokeErrorThreshold(result) ? ExitCode.thresholdBroken : ExitCode.ok;
}

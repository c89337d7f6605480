// `npm run bench`: the engine against wrk, autocannon and Locust, alternating, in rounds, with
// noisy rounds discarded, then the truth checks. See docs/performance.md for the method.
//
//   npm run bench -- [--rounds 5] [--seconds 5] [--max-other 0.15] [--quiet-wait 15]
//                    [--no-locust] [--skip-throughput] [--skip-one-user] [--skip-scaling]
//                    [--efficiency-workers 1,2]
//                    [--skip-truth] [--long] [--think-users 10000] [--out FILE]
//                    [--skip-names] [--names 10000] [--names-seconds 60] [--names-rounds 3]
//                    [--skip-saturation] [--saturation-seconds 10] [--saturation-rounds 3]
//
// Targets run on core 1, load generators on core 0. Everything started is killed at the end
// (bench/lib/processes.mjs), and all traffic goes to 127.0.0.1.

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { openCpuWindow, waitForQuiet } from './lib/cpu.mjs';
import { ensureTools } from './lib/install.mjs';
import { runPlain } from './lib/processes.mjs';
import { discardSummary, efficiency, runRounds, summarize } from './lib/rounds.mjs';
import { checksTable, efficiencyTable, throughputTable } from './lib/table.mjs';
import { startNginx } from './lib/targets.mjs';
import { measureEngineCpu } from './lib/engine-cpu.mjs';
import { SCENARIOS } from './lib/scenarios.mjs';
import { cliPath, repoRoot, throughputTools } from './lib/tools.mjs';
import { arrivalRateChecks, fixedLatencyCheck, freezeCheck, memoryCheck, thinkCheck } from './lib/truth.mjs';
import { namesChecks } from './lib/names.mjs';
import { saturationChecks } from './lib/saturation.mjs';

const GENERATOR_CORE = 0;
const enginePath = join(dirname(cliPath), 'engine.js');
const TARGET_CORE = 1;
const RATES = [1, 10, 100, 1000, 5000, 10_000, 20_000];

const { values: options } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '5' },
    'max-other': { type: 'string', default: '0.15' },
    'quiet-wait': { type: 'string', default: '15' },
    'no-locust': { type: 'boolean', default: false },
    'skip-throughput': { type: 'boolean', default: false },
    'skip-one-user': { type: 'boolean', default: false },
    'skip-scaling': { type: 'boolean', default: false },
    'efficiency-workers': { type: 'string', default: '1,2' },
    'skip-truth': { type: 'boolean', default: false },
    long: { type: 'boolean', default: false },
    'think-users': { type: 'string', default: '10000' },
    'skip-names': { type: 'boolean', default: false },
    names: { type: 'string', default: '10000' },
    'names-seconds': { type: 'string', default: '60' },
    'names-rounds': { type: 'string', default: '3' },
    'skip-saturation': { type: 'boolean', default: false },
    'saturation-seconds': { type: 'string', default: '10' },
    'saturation-rounds': { type: 'string', default: '3' },
    out: { type: 'string', default: join(repoRoot, 'bench', '.tools', 'last-run.txt') },
  },
});

/** Before each run and check, how long to wait for a quiet second (--quiet-wait, in s). */
const QUIET_WAIT_MS = Number(options['quiet-wait']) * 1000;

const report = [];
/** Prints a line and keeps it for the saved report. */
function say(line = '') {
  console.log(line);
  report.push(line);
}

function roundsSettings(extra = {}) {
  return {
    rounds: Number(options.rounds),
    maxOtherCores: Number(options['max-other']),
    quietWaitMs: QUIET_WAIT_MS,
    log: say,
    ...extra,
  };
}

async function throughputSection(title, tools, users, nginx, references) {
  say(`\n${title}`);
  const runs = await runRounds({
    ...roundsSettings(),
    tools,
    settings: { url: nginx.url, users, seconds: Number(options.seconds) },
    targetPids: [nginx.pid],
  });
  const summary = summarize(
    runs,
    tools.map((tool) => tool.name),
    references,
  );
  say(`\n${title}: medians over kept runs (${discardSummary(runs)})`);
  say(throughputTable(summary, references));
  sayRatios(summary, 'loadlens', references[0]);
  // While nothing was kept, show the noisy numbers too, marked: better than a blank table.
  if (summary.some((row) => row.kept === 0)) {
    const all = runs.map((run) => ({ ...run, discarded: run.error ? run.discarded : undefined }));
    say(`\n${title}: ALL runs, noisy ones included (not for quoting)`);
    const allSummary = summarize(all, tools.map((tool) => tool.name), references);
    say(throughputTable(allSummary, references));
    sayRatios(allSummary, 'loadlens', references[0]);
  }
  return summary;
}

/**
 * Runs a truth check in a CPU window: each of its results carries the other processes' CPU use
 * meanwhile, and a failure while the machine was busy says so (it is still a failure). The truth
 * servers start and end inside the check, so their CPU is counted with the engine's (reaped).
 */
async function watched(check, maxOtherCores, targetPids) {
  // As before each throughput run: a check is only as good as the quiet it ran in.
  await waitForQuiet(targetPids, maxOtherCores, QUIET_WAIT_MS);
  const window = openCpuWindow(targetPids);
  const results = await check();
  const { otherCores } = window.close();
  return results.map((result) => ({ ...result, otherCores, noisy: otherCores > maxOtherCores }));
}

/**
 * Per-worker efficiency: the engine with 1, 2... workers, all allowed on both cores while the
 * target stays pinned to its own (so the target shares the generator's cores, as on a laptop),
 * in rounds with the order rotating. Each run is measured in its steady state (bench/lib/engine-cpu.mjs:
 * the engine process without the CLI, start-up and stop left out): what scales is requests per
 * engine-CPU-second; req/s here is capped by the shared cores.
 */
async function efficiencySection(nginx) {
  const workerCounts = options['efficiency-workers'].split(',').map(Number);
  if (workerCounts.some((count) => !Number.isInteger(count) || count < 1)) throw new Error('--efficiency-workers: comma-separated worker counts, e.g. 1,2');
  const cores = `${GENERATOR_CORE},${TARGET_CORE}`;
  const title = `per-worker efficiency, 50 users, engine on cores ${cores}, nginx pinned to core ${TARGET_CORE}`;
  say(`\n${title}`);
  const tools = workerCounts.map((workers) => ({
    name: `loadlens workers=${workers}`,
    run: async ({ url, seconds }) => {
      // Two seconds more than the others: the first and the last second are left out.
      const run = await measureEngineCpu({ entry: enginePath, url, scenarioText: SCENARIOS.plain, users: 50, workers, runSeconds: seconds + 2, cores, targetPids: [nginx.pid] });
      return { ...run, errors: 0, p50Ms: undefined, p99Ms: undefined };
    },
  }));
  const runs = await runRounds({ ...roundsSettings(), tools, settings: { url: nginx.url, seconds: Number(options.seconds) }, targetPids: [nginx.pid] });
  say(`\n${title}: medians over kept runs (${discardSummary(runs)})`);
  const names = tools.map((tool) => tool.name);
  say(efficiencyTable(efficiency(runs, names)));
  if (runs.every((run) => run.discarded)) {
    say(`\n${title}: ALL runs, noisy ones included (not for quoting)`);
    say(efficiencyTable(efficiency(runs.map((run) => ({ ...run, discarded: run.error ? run.discarded : undefined })), names)));
  }
}

/** Each same-round ratio, in round order, under the table: the spread in full (nothing when no pair). */
function sayRatios(summary, tool, reference) {
  const row = summary.find((candidate) => candidate.tool === tool);
  const each = row?.ratios[reference]?.each ?? [];
  if (each.length > 0) say(`${tool} vs ${reference}, per round (kept pairs): ${each.map((value) => `${value.toFixed(2)}x`).join(' ')}`);
}

async function main() {
  say(`Loadlens benchmark, ${new Date().toISOString()}, node ${process.version}, ${availableParallelism()} cores`);
  say(`command: npm run bench -- ${process.argv.slice(2).join(' ')}`.trimEnd());
  say(`rounds ${options.rounds} x ${options.seconds} s; a run is discarded when other processes use > ${options['max-other']} cores`);
  await ensureTools({ locust: !options['no-locust'], log: say });
  if (!existsSync(cliPath)) {
    say('building dist/ (npm run build)');
    const build = await runPlain('npm', ['run', 'build'], { cwd: repoRoot });
    if (build.code !== 0) throw new Error(`build failed:\n${build.output.slice(-2000)}`);
  }

  const nginx = await startNginx(TARGET_CORE);
  const checks = [];
  try {
    say(`nginx (1 worker) on ${nginx.url}, core ${TARGET_CORE}; generators on core ${GENERATOR_CORE}`);
    if (!options['skip-throughput']) {
      const tools = throughputTools(GENERATOR_CORE, { locust: !options['no-locust'] });
      await throughputSection('50 users, GET /, no think time', tools, 50, nginx, ['autocannon', 'wrk']);
    }
    if (!options['skip-one-user']) {
      const tools = throughputTools(GENERATOR_CORE, { locust: false });
      await throughputSection('1 user, GET /, no think time', tools, 1, nginx, ['autocannon', 'wrk']);
    }
    if (!options['skip-scaling']) await efficiencySection(nginx);
    if (!options['skip-truth']) {
      say('\ntruth checks');
      const cores = { generatorCore: GENERATOR_CORE, targetCore: TARGET_CORE };
      const maxOther = Number(options['max-other']);
      checks.push(...(await watched(() => freezeCheck(cores), maxOther, [nginx.pid])));
      checks.push(...(await watched(() => fixedLatencyCheck(cores), maxOther, [nginx.pid])));
      checks.push(...(await arrivalRateChecks({ ...cores, rates: RATES, log: say, maxOtherCores: maxOther, quietWaitMs: QUIET_WAIT_MS, targetPids: [nginx.pid] })));
      const users = Number(options['think-users']);
      checks.push(...(await watched(() => thinkCheck({ ...cores, users, seconds: 40, spawnRate: Math.max(1, users / 10) }), maxOther, [nginx.pid])));
      if (options.long) checks.push(...(await watched(() => memoryCheck({ generatorCore: GENERATOR_CORE, url: nginx.url, seconds: 300 }), maxOther, [nginx.pid])));
      else say('  (memory after 10 million requests: run with --long, about 6 minutes)');
    }
    if (!options['skip-names']) {
      say('\nrequest names: memory per name and the run on time');
      const counts = options.names.split(',').map(Number);
      const seconds = Number(options['names-seconds']);
      const names = () => namesChecks({ core: GENERATOR_CORE, url: nginx.url, counts, seconds, rounds: Number(options['names-rounds']), log: say });
      checks.push(...(await watched(names, Number(options['max-other']), [nginx.pid])));
    }
    if (!options['skip-saturation']) {
      say('\nthe load generator says when it is the bottleneck');
      const seconds = Number(options['saturation-seconds']);
      const saturation = () => saturationChecks({ core: GENERATOR_CORE, url: nginx.url, seconds, rounds: Number(options['saturation-rounds']), log: say });
      checks.push(...(await watched(saturation, Number(options['max-other']), [nginx.pid])));
    }
    if (checks.length > 0) {
      say('');
      say(checksTable(checks));
    }
  } finally {
    await nginx.stop();
    mkdirSync(dirname(options.out), { recursive: true });
    writeFileSync(options.out, report.join('\n') + '\n');
  }
  const failed = checks.filter((check) => !check.pass).length;
  say(`\n${checks.length - failed} passed, ${failed} failed`);
  writeFileSync(options.out, report.join('\n') + '\n');
  process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 3;
});

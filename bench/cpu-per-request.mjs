// CPU time the engine spends per request: a figure that a busy machine moves far less than req/s
// (docs/performance.md, "CPU per request"). nginx on core 1, the engine (one worker) on core 0;
// the engine process's CPU (every thread: worker, main thread, GC) is read from /proc at each
// per-second interval, and CPU-µs/request = CPU between the 2nd and the last-but-one interval /
// requests completed in between (the first second holds start-up and JIT, the last the stop).
//
//   node --import tsx bench/cpu-per-request.mjs [--entry dist/engine.js]... [--users 50]
//        [--seconds 6] [--repeat 5] [--scenario plain|templated]
//
// Several --entry (builds of the engine, e.g. a copy of main's dist/) run alternately, --repeat
// times each, and print per-run figures and each entry's median and spread.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ENGINE_PROTOCOL_VERSION } from '../src/core/protocol/engine.ts';
import { runToCompletion, spawnEngine } from '../src/engine/spawn.ts';
import { parsePidStat } from './lib/cpu.mjs';
import { median } from './lib/rounds.mjs';
import { SCENARIOS } from './lib/scenarios.mjs';
import { startNginx } from './lib/targets.mjs';
import { repoRoot } from './lib/tools.mjs';

const { values: options } = parseArgs({
  options: {
    entry: { type: 'string', multiple: true, default: [join(repoRoot, 'dist', 'engine.js')] },
    users: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '6' },
    repeat: { type: 'string', default: '5' },
    scenario: { type: 'string', default: 'plain' },
  },
});

const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU seconds of the whole process and of each of its threads (by thread id). */
function cpuSeconds(pid) {
  const threads = new Map();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      threads.set(tid, parsePidStat(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')).own / ticksPerSecond);
    } catch {
      // The thread ended.
    }
  }
  return { process: parsePidStat(readFileSync(`/proc/${pid}/stat`, 'utf8')).own / ticksPerSecond, threads };
}

/** CPU seconds between two samples of the thread that used the most: the worker (the load loop). */
function busiestThread(first, last) {
  let most = 0;
  for (const [tid, seconds] of last.threads) most = Math.max(most, seconds - (first.threads.get(tid) ?? seconds));
  return most;
}

/** One run of `entry`: { cpuUsPerRequest, requests, cpuS, wallS, rps } over the middle intervals. */
async function measure(entry, url, dir) {
  const handle = spawnEngine({ entry });
  const samples = [];
  const scenarioText = SCENARIOS[options.scenario];
  if (!scenarioText) throw new Error(`--scenario: one of ${Object.keys(SCENARIOS).join(', ')}`);
  await runToCompletion(
    handle,
    {
      type: 'run/start',
      protocolVersion: ENGINE_PROTOCOL_VERSION,
      runId: 'cpu-per-request',
      scenarioPath: join(dir, 'bench.load.http'),
      scenarioText,
      options: { host: url, users: Number(options.users), runTimeMs: Number(options.seconds) * 1000, workers: 1 },
    },
    (snapshot) => samples.push({ cpu: cpuSeconds(handle.pid), requests: snapshot.aggregate.total.requests, at: performance.now() }),
  );
  await handle.exited;
  if (samples.length < 4) throw new Error(`only ${samples.length} intervals: run longer (--seconds)`);
  const first = samples[1];
  const last = samples[samples.length - 2];
  const requests = last.requests - first.requests;
  const cpuS = last.cpu.process - first.cpu.process;
  const workerS = busiestThread(first.cpu, last.cpu);
  const wallS = (last.at - first.at) / 1000;
  return { cpuUsPerRequest: (cpuS * 1e6) / requests, workerUsPerRequest: (workerS * 1e6) / requests, requests, cpuS, wallS, rps: requests / wallS };
}

execFileSync('taskset', ['-p', '-c', '0', String(process.pid)], { stdio: 'ignore' });
const entries = options.entry.map((entry) => resolve(entry));
const dir = mkdtempSync(join(tmpdir(), 'loadlens-cpu-per-request-'));
const nginx = await startNginx(1);
const results = new Map(entries.map((entry) => [entry, []]));
try {
  console.log(`scenario ${options.scenario}, ${options.users} users, ${options.seconds} s runs, nginx on core 1, engine on core 0`);
  for (let round = 0; round < Number(options.repeat); round++) {
    for (const entry of round % 2 ? [...entries].reverse() : entries) {
      const run = await measure(entry, nginx.url, dir);
      results.get(entry).push(run);
      console.log(
        `  ${entry}: ${run.cpuUsPerRequest.toFixed(2)} CPU-µs/request, worker thread ${run.workerUsPerRequest.toFixed(2)} (${run.requests} requests, ${run.cpuS.toFixed(2)} CPU-s in ${run.wallS.toFixed(2)} s, ${Math.round(run.rps)} req/s)`,
      );
    }
  }
} finally {
  await nginx.stop();
  rmSync(dir, { recursive: true, force: true });
}
const spread = (values) => `median ${median(values).toFixed(2)} (min ${Math.min(...values).toFixed(2)}, max ${Math.max(...values).toFixed(2)})`;
for (const [entry, runs] of results) {
  const values = runs.map((run) => run.cpuUsPerRequest);
  console.log(`${entry}, ${runs.length} runs:`);
  console.log(`  engine process: ${spread(values)} CPU-µs/request = ${Math.round(1e6 / median(values))} requests per engine-CPU-second`);
  console.log(`  worker thread:  ${spread(runs.map((run) => run.workerUsPerRequest))} CPU-µs/request`);
}

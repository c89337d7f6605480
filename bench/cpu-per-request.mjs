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
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { measureEngineCpu } from './lib/engine-cpu.mjs';
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

/** One run of `entry`: CPU-µs per request of the engine process and of its worker, over the middle intervals. */
async function measure(entry, url) {
  const scenarioText = SCENARIOS[options.scenario];
  if (!scenarioText) throw new Error(`--scenario: one of ${Object.keys(SCENARIOS).join(', ')}`);
  const run = await measureEngineCpu({ entry, url, scenarioText, users: Number(options.users), runSeconds: Number(options.seconds) });
  return { ...run, cpuS: run.engineCpuS, cpuUsPerRequest: (run.engineCpuS * 1e6) / run.requests, workerUsPerRequest: (run.workerCpuS * 1e6) / run.requests };
}

execFileSync('taskset', ['-p', '-c', '0', String(process.pid)], { stdio: 'ignore' });
const entries = options.entry.map((entry) => resolve(entry));
const nginx = await startNginx(1);
const results = new Map(entries.map((entry) => [entry, []]));
try {
  console.log(`scenario ${options.scenario}, ${options.users} users, ${options.seconds} s runs, nginx on core 1, engine on core 0`);
  for (let round = 0; round < Number(options.repeat); round++) {
    for (const entry of round % 2 ? [...entries].reverse() : entries) {
      const run = await measure(entry, nginx.url);
      results.get(entry).push(run);
      console.log(
        `  ${entry}: ${run.cpuUsPerRequest.toFixed(2)} CPU-µs/request, worker thread ${run.workerUsPerRequest.toFixed(2)} (${run.requests} requests, ${run.cpuS.toFixed(2)} CPU-s in ${run.wallS.toFixed(2)} s, ${Math.round(run.rps)} req/s)`,
      );
    }
  }
} finally {
  await nginx.stop();
}
const spread = (values) => `median ${median(values).toFixed(2)} (min ${Math.min(...values).toFixed(2)}, max ${Math.max(...values).toFixed(2)})`;
for (const [entry, runs] of results) {
  const values = runs.map((run) => run.cpuUsPerRequest);
  console.log(`${entry}, ${runs.length} runs:`);
  console.log(`  engine process: ${spread(values)} CPU-µs/request = ${Math.round(1e6 / median(values))} requests per engine-CPU-second`);
  console.log(`  worker thread:  ${spread(runs.map((run) => run.workerUsPerRequest))} CPU-µs/request`);
}

// CPU time the engine spends per request: a figure that a busy machine moves far less than req/s
// (docs/performance-engine.md, "CPU per request"). nginx on core 1, the engine (one worker) on
// core 0; the engine process's CPU (every thread: worker, main thread, GC) is read from /proc at
// each per-second interval, and CPU-µs/request = CPU between the 2nd and the last-but-one
// interval / requests completed in between (the first second holds start-up and JIT, the last
// the stop).
//
//   node --import tsx bench/cpu-per-request.mjs [--entry dist/engine.js]... [--users 50]
//        [--seconds 6] [--repeat 5] [--scenario plain|templated] [--no-autocannon] [--threads] [--floor]
//
// Several --entry (builds of the engine, e.g. a copy of main's dist/) run alternately, --repeat
// times each, and print per-run figures and each entry's median and spread. Each round also runs
// autocannon (the benchmark's version, bench/lib/reference-cpu.mjs) the same way, on core 0
// against the same nginx (`--no-autocannon` leaves it out): an entry's "x autocannon" is
// autocannon's CPU-µs/request / the entry's, an estimate of the req/s ratio that a quiet machine
// would show with both tools CPU-bound on one core, and that a busy machine moves far less.
// --threads splits the engine's figure by thread (worker, main thread, V8's GC helpers);
// --floor adds Node's floor to each round (bench/lib/node-floor.cjs: the engine's socket, read
// buffer and parser with nothing else), and "x floor", the engine's CPU-µs/request over it.
// Every tool's figure is also split into user and system time (system holds the loopback TCP
// work the kernel does in the tool's context), so what a tool's own code costs shows apart.
// An --entry may carry flags for the engine process after the path, e.g.
// --entry 'dist/engine.js --single-threaded-gc' (to measure V8 flags before building them in).

import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { measureAutocannonCpu, measureFloorCpu } from './lib/reference-cpu.mjs';
import { measureEngineCpu } from './lib/engine-cpu.mjs';
import { ensureTools } from './lib/install.mjs';
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
    autocannon: { type: 'boolean', default: true },
    threads: { type: 'boolean', default: false },
    floor: { type: 'boolean', default: false },
  },
  allowNegative: true,
});

// Checked before nginx starts and the rounds run, not after the first round.
if (!Object.hasOwn(SCENARIOS, options.scenario)) throw new Error(`--scenario: one of ${Object.keys(SCENARIOS).join(', ')}`);
if (options.autocannon && options.scenario !== 'plain') throw new Error(`--scenario ${options.scenario}: autocannon sends only the plain GET (add --no-autocannon)`);
if (options.floor && options.scenario !== 'plain') throw new Error(`--scenario ${options.scenario}: the Node floor sends only the plain GET (leave out --floor)`);

/** One run of `entry`: CPU-µs per request of the engine process and of its worker, over the middle intervals. */
async function measure(entryWithFlags, url) {
  const [entry, ...execArgv] = entryWithFlags.split(/\s+/);
  const run = await measureEngineCpu({ entry, url, scenarioText: SCENARIOS[options.scenario], users: Number(options.users), runSeconds: Number(options.seconds), execArgv });
  return { ...run, cpuS: run.engineCpuS, userS: run.engineUserS, systemS: run.engineSystemS, cpuUsPerRequest: (run.engineCpuS * 1e6) / run.requests, workerUsPerRequest: (run.workerCpuS * 1e6) / run.requests };
}

execFileSync('taskset', ['-p', '-c', '0', String(process.pid)], { stdio: 'ignore' });
const entries = options.entry.map((entry) => {
  const [path, ...flags] = entry.trim().split(/\s+/);
  return [resolve(path), ...flags].join(' ');
});
if (options.autocannon) await ensureTools({ locust: false, log: (line) => console.log(line) });
const nginx = await startNginx(1);
const results = new Map(entries.map((entry) => [entry, []]));
const autocannonRuns = [];
const floorRuns = [];
/** A reference's run (autocannon, the floor): its CPU-µs/request, kept and printed. */
function reference(name, run, runs) {
  run.cpuUsPerRequest = (run.cpuS * 1e6) / run.requests;
  runs.push(run);
  console.log(`  ${name}: ${run.cpuUsPerRequest.toFixed(2)} CPU-µs/request${split(run)} (${run.requests} requests, ${run.cpuS.toFixed(2)} CPU-s in ${run.wallS.toFixed(2)} s, ${Math.round(run.rps)} req/s)`);
}
/** ", user U + system S" in µs per request. */
function split(run) {
  return `, user ${((run.userS * 1e6) / run.requests).toFixed(2)} + system ${((run.systemS * 1e6) / run.requests).toFixed(2)}`;
}
try {
  console.log(`scenario ${options.scenario}, ${options.users} users, ${options.seconds} s runs, nginx on core 1, engine on core 0`);
  for (let round = 0; round < Number(options.repeat); round++) {
    for (const entry of round % 2 ? [...entries].reverse() : entries) {
      const run = await measure(entry, nginx.url);
      results.get(entry).push(run);
      console.log(
        `  ${entry}: ${run.cpuUsPerRequest.toFixed(2)} CPU-µs/request${split(run)}, worker thread ${run.workerUsPerRequest.toFixed(2)} (${run.requests} requests, ${run.cpuS.toFixed(2)} CPU-s in ${run.wallS.toFixed(2)} s, ${Math.round(run.rps)} req/s)`,
      );
      if (options.threads) {
        const perThread = run.threads.map((thread) => `${thread.name} ${((thread.cpuS * 1e6) / run.requests).toFixed(2)}`);
        console.log(`    CPU-µs/request by thread: ${perThread.join(', ')}`);
      }
    }
    const load = { url: nginx.url, users: Number(options.users), runSeconds: Number(options.seconds) };
    if (options.autocannon) reference('autocannon', await measureAutocannonCpu(load), autocannonRuns);
    if (options.floor) reference('Node floor', await measureFloorCpu(load), floorRuns);
  }
} finally {
  await nginx.stop();
}
/** Median user and system CPU-µs per request over `runs`. */
function splitMedians(runs) {
  const perRequest = (key) => median(runs.map((run) => (run[key] * 1e6) / run.requests)).toFixed(2);
  return `median user ${perRequest('userS')} + system ${perRequest('systemS')} CPU-µs/request`;
}
const spread = (values) => `median ${median(values).toFixed(2)} (min ${Math.min(...values).toFixed(2)}, max ${Math.max(...values).toFixed(2)})`;
for (const [entry, runs] of results) {
  const values = runs.map((run) => run.cpuUsPerRequest);
  console.log(`${entry}, ${runs.length} runs:`);
  console.log(`  engine process: ${spread(values)} CPU-µs/request = ${Math.round(1e6 / median(values))} requests per engine-CPU-second`);
  console.log(`  worker thread:  ${spread(runs.map((run) => run.workerUsPerRequest))} CPU-µs/request`);
  console.log(`  user, system:   ${splitMedians(runs)}`);
  // Round by round (the same minutes of the machine's load): this entry over the first one, and
  // autocannon's figure over this entry's. A ratio within a round moves less than either figure.
  const baseRuns = results.get(entries[0]);
  if (entry !== entries[0] && baseRuns.length === runs.length) {
    console.log(`  / first entry:   ${spread(runs.map((run, i) => run.cpuUsPerRequest / baseRuns[i].cpuUsPerRequest))} (this entry's CPU-µs/request / ${entries[0]}'s, per round)`);
  }
  if (autocannonRuns.length === runs.length) {
    console.log(`  x autocannon:    ${spread(runs.map((run, i) => autocannonRuns[i].cpuUsPerRequest / run.cpuUsPerRequest))} (autocannon's CPU-µs/request / the engine's, per round)`);
  }
  if (floorRuns.length === runs.length) {
    console.log(`  x floor:         ${spread(runs.map((run, i) => run.cpuUsPerRequest / floorRuns[i].cpuUsPerRequest))} (the engine's CPU-µs/request / Node's floor's, per round)`);
  }
}
for (const [name, runs] of [['autocannon', autocannonRuns], ['Node floor', floorRuns]]) {
  if (runs.length > 0) console.log(`${name}, ${runs.length} runs: ${spread(runs.map((run) => run.cpuUsPerRequest))} CPU-µs/request; user, system: ${splitMedians(runs)}`);
}

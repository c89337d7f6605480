// The engine's steady-state CPU: one run through the engine process (src/engine/spawn.ts, no
// CLI), the CPU of the engine process (every thread), of its busiest thread (a worker) and of the
// target's process tree read from /proc at each per-second interval; the figures cover the
// 2nd to the last-but-one interval, so start-up, JIT and the stop are left out.
// Used by bench/cpu-per-request.mjs and the per-worker efficiency section of bench/run.mjs.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENGINE_PROTOCOL_VERSION } from '../../src/core/protocol/engine.ts';
import { runToCompletion, spawnEngine } from '../../src/engine/spawn.ts';
import { parsePidStat, processTree } from './cpu.mjs';

let ticksPerSecond;
function seconds(ticks) {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return ticks / ticksPerSecond;
}

/** CPU seconds (user + system) of a /proc stat file: a process or a thread; 0 once it has ended. */
export function ownSeconds(path) {
  return ownSplit(path).own;
}

/**
 * CPU seconds of a /proc stat file: `own` (user + system), and each alone (`system` holds the
 * softirq work the kernel did in the task's context: loopback TCP, bench/lib/cpu.mjs); 0 once it has ended.
 */
export function ownSplit(path) {
  try {
    const stat = parsePidStat(readFileSync(path, 'utf8'));
    return { own: seconds(stat.own), user: seconds(stat.user), system: seconds(stat.system) };
  } catch {
    return { own: 0, user: 0, system: 0 }; // It ended.
  }
}

/** CPU seconds of the process, of each of its threads (by thread id), and of the targets' trees. */
function sample(pid, targetPids) {
  const threads = new Map();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    threads.set(tid, ownSeconds(`/proc/${pid}/task/${tid}/stat`));
    threadName(pid, tid);
  }
  let targets = 0;
  for (const root of targetPids) for (const child of processTree(root)) targets += ownSeconds(`/proc/${child}/stat`);
  const own = ownSplit(`/proc/${pid}/stat`);
  return { process: own.own, user: own.user, system: own.system, threads, targets };
}

/** Thread names by thread id, read while the process runs (its threads are gone once it ends). */
const threadNames = new Map();
function threadName(pid, tid) {
  let name = threadNames.get(tid);
  if (name === undefined) {
    try {
      name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
    } catch {
      name = '?'; // It ended.
    }
    threadNames.set(tid, name);
  }
  return name;
}

/**
 * CPU seconds of each thread between two samples, largest first: the worker (busiest), the main
 * thread (the process's own id), V8's GC helpers and libuv's pool (node names them all "node").
 */
function threadsUsed(pid, first, last) {
  const threads = [];
  for (const [tid, cpu] of last.threads) {
    const cpuS = cpu - (first.threads.get(tid) ?? cpu);
    if (cpuS > 0) threads.push({ name: tid === String(pid) ? 'main' : `${threadName(pid, tid)}:${tid}`, cpuS });
  }
  return threads.sort((a, b) => b.cpuS - a.cpuS);
}

/** CPU seconds between two samples of the thread that used the most: a worker (the load loop). */
function busiestThread(first, last) {
  let most = 0;
  for (const [tid, cpu] of last.threads) most = Math.max(most, cpu - (first.threads.get(tid) ?? cpu));
  return most;
}

/**
 * The 2nd and the last-but-one of per-second `samples` ({ requests, at, cpu }: start-up, JIT and
 * the stop left out): `counts` (requests, wallS, rps between them) and `used(key)`, the growth of
 * `cpu[key]` between them. `what` names the samples in the error when there are too few.
 */
export function middleSamples(samples, what) {
  if (samples.length < 4) throw new Error(`only ${samples.length} ${what}: run longer`);
  const first = samples[1];
  const last = samples[samples.length - 2];
  const requests = last.requests - first.requests;
  const wallS = (last.at - first.at) / 1000;
  return { first, last, counts: { requests, wallS, rps: requests / wallS }, used: (key) => last.cpu[key] - first.cpu[key] };
}

/**
 * Runs `scenarioText` against `url` with `users` users and `workers` workers for `runSeconds`;
 * `cores` (taskset list) pins the engine's threads. Resolves with, over the middle intervals:
 * requests, wallS, rps, engineCpuS (and its parts engineUserS, engineSystemS), workerCpuS,
 * targetCpuS, and threads: CPU seconds per thread.
 * `execArgv`: flags for the engine process (e.g. V8's).
 */
export async function measureEngineCpu({ entry, url, scenarioText, users, workers = 1, runSeconds, cores, targetPids = [], execArgv }) {
  const dir = mkdtempSync(join(tmpdir(), 'loadlens-engine-cpu-'));
  try {
    const handle = spawnEngine({ entry, execArgv });
    if (cores !== undefined) execFileSync('taskset', ['-a', '-p', '-c', cores, String(handle.pid)], { stdio: 'ignore' });
    const samples = [];
    await runToCompletion(
      handle,
      {
        type: 'run/start',
        protocolVersion: ENGINE_PROTOCOL_VERSION,
        runId: 'engine-cpu',
        scenarioPath: join(dir, 'bench.load.http'),
        scenarioText,
        options: { host: url, users, runTimeMs: runSeconds * 1000, workers },
      },
      (snapshot) => samples.push({ cpu: sample(handle.pid, targetPids), requests: snapshot.aggregate.total.requests, at: performance.now() }),
    );
    await handle.exited;
    const { first, last, counts, used } = middleSamples(samples, 'intervals');
    return {
      ...counts,
      engineCpuS: used('process'),
      engineUserS: used('user'),
      engineSystemS: used('system'),
      workerCpuS: busiestThread(first.cpu, last.cpu),
      targetCpuS: used('targets'),
      threads: threadsUsed(handle.pid, first.cpu, last.cpu),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

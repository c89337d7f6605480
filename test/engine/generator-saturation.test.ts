// The engine says when it was itself the bottleneck (src/core/metrics/generator-load.ts): with CPU
// hogs on its core it reports the saturated seconds and a bound on the latency it may have added;
// a light run does not.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import type { RunResult } from '../../src/core/metrics/result';
import { MIN_MEASURED_MS } from '../../src/engine/generator-meter';
import { runToCompletion, spawnEngine } from '../../src/engine/spawn';
import { ensureBuilt, startCommand, startServer, type TestServer } from './helpers';

let server: TestServer;
before(async () => {
  server = await startServer((_req, res) => res.end('ok'));
});
after(() => server.close());

const hasTaskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;

/** Busy loops that end by themselves after `seconds`, pinned to core 0 when taskset is there. */
function startHogs(count: number, seconds: number): ChildProcess[] {
  const loop = `const end = Date.now() + ${seconds * 1000}; while (Date.now() < end) {}`;
  return Array.from({ length: count }, () =>
    hasTaskset ? spawn('taskset', ['-c', '0', process.execPath, '-e', loop], { stdio: 'ignore' }) : spawn(process.execPath, ['-e', loop], { stdio: 'ignore' }),
  );
}

async function run(scenario: string, pinToCoreZero: boolean): Promise<RunResult> {
  ensureBuilt();
  const handle = spawnEngine({ onLog: (line) => process.stderr.write(`[engine] ${line}\n`) });
  try {
    // Every thread of the engine, the workers it starts later included, on the hogs' core.
    if (pinToCoreZero && hasTaskset && handle.pid !== undefined) spawnSync('taskset', ['-a', '-p', '-c', '0', String(handle.pid)]);
    const result = await runToCompletion(handle, startCommand(`# @host ${server.url}\n${scenario}`, { workers: 1 }));
    await handle.exited;
    return result;
  } finally {
    handle.kill();
  }
}

function saturationInsight(result: RunResult) {
  return result.insights.find((insight) => insight.kind === 'generator-saturated');
}

test('a worker sharing its core with CPU hogs is reported as saturated, with a bound on the added latency', async (t) => {
  // Three hogs on the engine's core (or two per core without taskset): the worker gets a fraction of it.
  const hogs = startHogs(hasTaskset ? 3 : 2 * availableParallelism(), 20);
  try {
    // And work of its own: each request's body draws 5,000 GUIDs, so the worker wants the whole core.
    const body = Array.from({ length: 5000 }, () => '{{$guid}}').join(',');
    const result = await run(`# @users 5\n# @run-time 4s\n\n### busy\nPOST /busy\nContent-Type: text/plain\n\n${body}\n`, true);
    const insight = saturationInsight(result);
    t.diagnostic(insight?.message ?? 'no insight');
    t.diagnostic(JSON.stringify(result.intervals.map((interval) => interval.generator)));
    assert.ok(insight, 'a generator-saturated insight');
    assert.match(insight.message, /^load generator saturated for [0-9ms]+ of [0-9ms]+: latencies may be inflated by up to \d+ ms/);
    const saturated = result.intervals.filter((interval) => interval.generator?.saturated);
    assert.ok(saturated.length >= 2, `${saturated.length} saturated intervals`);
    const bound = Number(/up to (\d+) ms/.exec(insight.message)?.[1]);
    assert.equal(bound, Math.max(1, Math.ceil(Math.max(...saturated.map((interval) => interval.generator?.loopDelayMaxMs ?? 0)))));
  } finally {
    for (const hog of hogs) hog.kill('SIGKILL');
  }
});

test('a light run (two users thinking 200 ms) is not reported as saturated, its last short interval included', async (t) => {
  const result = await run('# @users 2\n# @run-time 4s\n# @think 200ms\n\n### ok\nGET /ok\n', false);
  t.diagnostic(JSON.stringify(result.intervals.map((interval) => ({ elapsedMs: interval.elapsedMs, generator: interval.generator }))));
  assert.ok(result.intervals.length >= 3);
  // Each interval of MIN_MEASURED_MS or more has figures; a shorter one (the last, cut by the stop) has none.
  result.intervals.forEach((interval, index) => {
    const lengthMs = interval.elapsedMs - (index > 0 ? (result.intervals[index - 1]?.elapsedMs ?? 0) : 0);
    if (lengthMs >= MIN_MEASURED_MS + 50) assert.ok(interval.generator, `interval ${index + 1} (${Math.round(lengthMs)} ms) measured the generator`);
    if (lengthMs < MIN_MEASURED_MS - 50) assert.equal(interval.generator, undefined, `interval ${index + 1} (${Math.round(lengthMs)} ms) is too short to judge`);
  });
  assert.ok(result.intervals.filter((interval) => interval.generator !== undefined).length >= 3);
  assert.equal(saturationInsight(result), undefined);
  assert.ok(result.intervals.every((interval) => !interval.generator?.saturated), 'no interval is marked saturated');
  assert.ok(result.intervals.every((interval) => (interval.generator?.cpuCores ?? 0) < 0.5), 'the worker was mostly idle');
});

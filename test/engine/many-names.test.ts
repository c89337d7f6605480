// Scenarios with thousands of request names (imports of large OpenAPI documents and HAR files):
// the engine's memory grows little per name, and a run ends on time whatever the number of names.
// The measured numbers behind the bounds are in docs/performance-memory.md.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { RunResult } from '../../src/core/metrics/result';
import { runToCompletion, spawnEngine } from '../../src/engine/spawn';
import { ensureBuilt, startCommand, startServer, type TestServer } from './helpers';

let server: TestServer;
before(async () => {
  server = await startServer((_req, res) => res.end('ok'));
});
after(() => server.close());

function namesScenario(count: number): string {
  const blocks: string[] = [];
  for (let index = 1; index <= count; index++) blocks.push(`### name-${index}\nGET /n/${index}\n`);
  return blocks.join('\n');
}

/** The engine process's peak resident memory so far (VmHWM), in bytes; 0 once it is exiting. */
function peakRss(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB/m);
    return line?.[1] ? Number(line[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

interface NamesRun {
  result: RunResult;
  peakRss: number;
  /** From the run's start (its clock, after the workers are ready) to its result. */
  runMs: number;
}

async function runNames(names: number, seconds: number): Promise<NamesRun> {
  ensureBuilt();
  const handle = spawnEngine({ onLog: (line) => process.stderr.write(`[engine] ${line}\n`) });
  let peak = 0;
  let startedAt = 0;
  let runMs = 0;
  const sample = (): void => {
    if (handle.pid !== undefined) peak = Math.max(peak, peakRss(handle.pid));
  };
  // Read while the engine still runs (it exits shortly after its result): each event and every 100 ms.
  const sampler = setInterval(sample, 100);
  handle.onEvent((event) => {
    sample();
    if (event.type === 'run/started') startedAt = performance.now();
    if (event.type === 'run/finished') runMs = performance.now() - startedAt;
  });
  try {
    const text = `# @host ${server.url}\n# @users 20\n# @run-time ${seconds}s\n\n${namesScenario(names)}`;
    const result = await runToCompletion(handle, startCommand(text, { workers: 1 }));
    await handle.exited;
    return { result, peakRss: peak, runMs };
  } finally {
    clearInterval(sampler);
    handle.kill();
  }
}

test('2,000 request names cost the engine well under 200 KiB each', async (t) => {
  const one = await runNames(1, 2);
  const many = await runNames(2000, 2);
  assert.equal(many.result.outcome, 'completed');
  const perName = (many.peakRss - one.peakRss) / 1999;
  t.diagnostic(`${(perName / 1024).toFixed(0)} KiB per name: peak ${(many.peakRss / 2 ** 20).toFixed(0)} MiB, one name ${(one.peakRss / 2 ** 20).toFixed(0)} MiB`);
  // Measured about 30-60 KiB a name here; 600 KiB before histograms were sized to their samples.
  assert.ok(perName < 200 * 1024, `${(perName / 1024).toFixed(0)} KiB per name (peak ${(many.peakRss / 2 ** 20).toFixed(0)} MiB, one name ${(one.peakRss / 2 ** 20).toFixed(0)} MiB)`);
  assert.ok(one.peakRss > 0 && many.result.aggregate.requests > 0);
});

test('a 2 s run with 5,000 request names ends on time', async (t) => {
  const run = await runNames(5000, 2);
  t.diagnostic(`result ${run.runMs.toFixed(0)} ms after the start`);
  assert.equal(run.result.outcome, 'completed');
  // Generous for a loaded 2-core machine: the run's own two seconds, its last interval and the result.
  assert.ok(run.runMs < 2000 + 3000, `result ${run.runMs.toFixed(0)} ms after the start of a 2 s run`);
  const named = run.result.endpoints.filter((endpoint) => endpoint.requests > 0).length;
  assert.ok(named > 0, 'some names were requested');
});

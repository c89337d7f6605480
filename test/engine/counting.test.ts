import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { decodeHistogram } from '../../src/core/metrics';
import { EngineRunError } from '../../src/engine/spawn';
import { endpoint, runScenario, startServer, type TestServer } from './helpers';

let server: TestServer;
before(async () => {
  server = await startServer((req, res) => {
    if (req.url === '/slow') setTimeout(() => res.end('slow-body'), 20);
    else res.end('hello');
  });
});
after(() => server.close());

test('every request sent is counted once: server count equals engine count', async () => {
  const text = `# @host ${server.url}\n# @users 3\n# @run-time 1500ms\n# @stop-timeout 3s\n\n### fast\nGET /fast\n\n### slow\nGET /slow\n`;
  const { result, events } = await runScenario(text, { seed: 5 });
  const fast = endpoint(result, 'fast');
  const slow = endpoint(result, 'slow');
  assert.equal(fast.requests, server.hits.get('/fast'));
  assert.equal(slow.requests, server.hits.get('/slow'));
  assert.equal(result.aggregate.requests, server.total());
  assert.equal(result.aggregate.failures, 0);
  assert.equal(fast.contentBytes, fast.requests * 'hello'.length);
  assert.equal(slow.contentBytes, slow.requests * 'slow-body'.length);
  assert.equal(fast.method, 'GET');
  // Sub-millisecond latencies are kept; the slow endpoint waits its 20 ms.
  assert.ok(slow.minMs >= 19, `slow min ${slow.minMs}`);
  assert.ok(slow.percentiles['50'] as number >= 19);
  assert.equal(decodeHistogram(result.aggregate.histogram).totalCount, result.aggregate.requests);
  // The result is complete.
  assert.equal(result.outcome, 'completed');
  assert.equal(result.scenario.hash, createHash('sha256').update(text).digest('hex'));
  assert.deepEqual(result.load, { kind: 'users', users: 3, runTimeMs: 1500 });
  assert.equal(result.seed, 5);
  assert.equal(result.workers, 1);
  assert.ok(result.endTime - result.startTime >= 1400);
  assert.ok(result.intervals.length >= 1);
  assert.equal(result.intervals.reduce((sum, i) => sum + i.aggregate.requests, 0), result.aggregate.requests);
  assert.ok(Array.isArray(result.insights));
  const kinds = events.map((e) => e.type);
  assert.equal(kinds[0], 'run/started');
  assert.equal(kinds.filter((k) => k === 'run/finished').length, 1);
  const started = events[0];
  assert.ok(started?.type === 'run/started');
  assert.deepEqual(started.requestNames, ['fast', 'slow']);
  assert.equal(started.plannedDurationMs, 1500);
});

test('default thresholds are judged when the file has none', async () => {
  const text = `# @host ${server.url}\n# @users 1\n# @run-time 1s\n\n###\nGET /fast\n`;
  const { result } = await runScenario(text, { defaultThresholds: ['p95 < 10s warn', 'errors < 1% error'] });
  assert.ok(result.thresholds.length >= 2);
  assert.ok(result.thresholds.every((verdict) => verdict.passed && verdict.isDefault));
  assert.ok(result.thresholds.some((verdict) => verdict.target === 'aggregate' && verdict.rule === 'errors < 1% error'));
});

async function runError(text: string): Promise<EngineRunError> {
  try {
    await runScenario(text);
  } catch (error) {
    assert.ok(error instanceof EngineRunError);
    return error;
  }
  assert.fail('the run should have failed');
}

test('no load model anywhere: run/error no-load-model, nothing sent', async () => {
  const before = server.total();
  const error = await runError(`# @host ${server.url}\n\n###\nGET /fast\n`);
  assert.equal(error.code, 'no-load-model');
  assert.equal(server.total(), before);
});

test('a relative URL and no host: run/error no-host, nothing sent', async () => {
  const error = await runError(`# @users 1\n# @run-time 1s\n\n###\nGET /fast\n`);
  assert.equal(error.code, 'no-host');
});

test('a scenario with errors: run/error scenario-invalid', async () => {
  const error = await runError(`# @host ${server.url}\n# @users 1\n\n###\nGET /x/{{nope}}\n`);
  assert.equal(error.code, 'scenario-invalid');
  assert.match(error.message, /nope/);
});

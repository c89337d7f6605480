import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { usersAt } from '../../src/core/schedule';
import { endpoint, runScenario, startServer, type TestServer } from './helpers';

let server: TestServer;
const order: string[] = [];
before(async () => {
  server = await startServer((req, res) => {
    order.push(req.url ?? '');
    if (req.url === '/slow') setTimeout(() => res.end('slow'), 200);
    else res.end('ok');
  });
});
after(() => server.close());

test('users over time follow the plan (spawn rate)', async () => {
  // One user at 0 s, then one more each second: 2 at 1 s, 3 at 2 s, 4 from 3 s.
  const text = `# @host ${server.url}\n# @users 4\n# @spawn-rate 1\n# @run-time 3500ms\n# @think 50ms\n\n###\nGET /a\n`;
  const { result } = await runScenario(text);
  assert.ok(result.intervals.length >= 3);
  for (const interval of result.intervals.slice(0, 3)) {
    const planned = usersAt(result.load, interval.elapsedMs);
    // The users are counted within a control tick (50 ms) of the boundary, plus message latency.
    assert.ok(Math.abs(interval.users - planned) <= 1, `at ${interval.elapsedMs} ms: ${interval.users} users, planned ${planned}`);
  }
  assert.ok((result.intervals[0]?.users ?? 0) <= 3, 'still ramping after 1 s');
  assert.equal(result.intervals[result.intervals.length - 1]?.users, 4);
});

test('task weights hold over many iterations', async () => {
  const text = `# @host ${server.url}\n# @users 4\n# @run-time 1500ms\n# @seed 11\n\n### heavy\n# @task 3\nGET /heavy\n\n### light\n# @task 1\nGET /light\n`;
  const { result } = await runScenario(text);
  const heavy = endpoint(result, 'heavy').requests;
  const light = endpoint(result, 'light').requests;
  assert.ok(heavy + light > 400, `only ${heavy + light} iterations`);
  const share = heavy / (heavy + light);
  assert.ok(Math.abs(share - 0.75) < 0.05, `heavy share ${share}`);
});

test('a task runs its requests in order; @seed repeats the choices', async () => {
  const text = `# @host ${server.url}\n# @users 1\n# @run-time 1s\n# @think 100ms\n\n### a\n# @task 1\nGET /seq-a1\n\n###\nGET /seq-a2\n\n### b\n# @task 1\nGET /seq-b1\n`;
  const sequences: string[][] = [];
  for (let run = 0; run < 2; run++) {
    order.length = 0;
    await runScenario(text, { seed: 99 });
    sequences.push(order.filter((url) => url.startsWith('/seq-')));
  }
  const [first = [], second = []] = sequences;
  assert.ok(first.length >= 4);
  const common = Math.min(first.length, second.length) - 1;
  assert.deepEqual(first.slice(0, common), second.slice(0, common));
  first.forEach((url, i) => {
    if (url === '/seq-a1' && i + 1 < first.length) assert.equal(first[i + 1], '/seq-a2');
  });
});

test('think time is honoured: fixed after each iteration, and per request', async () => {
  const text = `# @host ${server.url}\n# @users 2\n# @run-time 2s\n# @think 400ms\n\n### one\n# @think 200ms\nGET /think-1\n\n### two\nGET /think-2\n`;
  const { result } = await runScenario(text);
  // An iteration takes >= 600 ms: each user starts at most 4 in 2 s (at 0, 0.6, 1.2, 1.8 s).
  const iterations = endpoint(result, 'one').requests;
  assert.ok(iterations <= 8, `${iterations} iterations`);
  assert.ok(iterations >= 4, `${iterations} iterations`);
});

test('open model: arrivals at the planned rate (within 2%)', async () => {
  const text = `# @host ${server.url}\n# @rate 100/s\n# @run-time 3s\n# @stop-timeout 2s\n\n###\nGET /open\n`;
  const { result } = await runScenario(text);
  const requests = endpoint(result, 'GET /open').requests;
  assert.ok(Math.abs(requests - 300) <= 6, `${requests} arrivals for 300 planned`);
  assert.equal(result.dropped, 0);
  assert.equal(requests, server.hits.get('/open'));
});

test('open model: over many short runs, an arrival started just before its planned time never reads a negative response time', async () => {
  // The driver starts arrivals due within the next 0.5 ms at once; on loopback the answer can come
  // sooner than that, so a clock started at the planned time read about -0.4 ms as the minimum
  // (three runs of 50/s for 4 s read -0.23, -0.22 and -0.19 ms). Every recorded time is checked:
  // the run's, each interval's running minimum, per name and for the aggregate.
  for (let run = 0; run < 6; run++) {
    const rate = run % 2 === 0 ? 3000 : 50;
    const text = `# @host ${server.url}\n# @rate ${rate}/s\n# @run-time 1s\n# @stop-timeout 2s\n\n###\nGET /fast-open\n`;
    const { result } = await runScenario(text);
    const fast = endpoint(result, 'GET /fast-open');
    assert.ok(fast.requests >= rate / 2, `run ${run}: ${fast.requests} arrivals at ${rate}/s`);
    assert.ok(fast.minMs >= 0, `run ${run}: min ${fast.minMs} ms`);
    assert.ok(result.aggregate.minMs >= 0, `run ${run}: aggregate min ${result.aggregate.minMs} ms`);
    for (const interval of result.intervals) assert.ok(interval.aggregate.total.minMs >= 0, `run ${run}: interval min ${interval.aggregate.total.minMs} ms`);
  }
});

test('open model: an arrival that finds @max-users full is dropped and counted, not queued', async () => {
  const text = `# @host ${server.url}\n# @rate 40/s\n# @max-users 2\n# @run-time 2s\n# @stop-timeout 2s\n\n###\nGET /slow\n`;
  const { result } = await runScenario(text);
  const started = endpoint(result, 'GET /slow').requests;
  // 80 arrivals; two slots of 200 ms each take at most ~20 of them.
  assert.equal(started + result.dropped, 80);
  assert.ok(result.dropped >= 50, `${result.dropped} dropped`);
  assert.equal(result.intervals.reduce((sum, i) => sum + i.dropped, 0), result.dropped);
  // Latency is counted from each arrival's planned start.
  assert.ok(endpoint(result, 'GET /slow').minMs >= 199);
});

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHistogram, decodeHistogram } from '../../src/core/metrics';
import { endpoint, runScenario, scenarioFolder, startServer, type TestServer } from './helpers';

let server: TestServer;
const rowsSeen: string[] = [];
before(async () => {
  server = await startServer((req, res) => {
    const row = /row=(\w+)/.exec(req.url ?? '');
    if (row?.[1]) rowsSeen.push(row[1]);
    setTimeout(() => res.end('x'.repeat(10)), (req.url ?? '').startsWith('/b') ? 5 : 0);
  });
});
after(() => server.close());

const openModel = (url: string) =>
  `# @host ${url}\n# @rate 100/s\n# @run-time 2s\n# @stop-timeout 2s\n\n### a\n# @task 1\nGET /a\n\n### b\n# @task 1\nGET /b\n`;

test('workers=2 gives the same totals as one worker', async () => {
  const one = await runScenario(openModel(server.url), { workers: 1, seed: 3 });
  const two = await runScenario(openModel(server.url), { workers: 2, seed: 3 });
  assert.equal(one.result.workers, 1);
  assert.equal(two.result.workers, 2);
  // The open model's arrivals are one sequence split between workers: 200 either way.
  assert.equal(one.result.aggregate.requests, 200);
  assert.equal(two.result.aggregate.requests, 200);
  assert.equal(two.result.aggregate.contentBytes, 2000);
  assert.equal(two.result.aggregate.failures, 0);
});

test('merged histograms are exact: the aggregate is the sum of the endpoints, the intervals sum to the run', async () => {
  const { result } = await runScenario(openModel(server.url), { workers: 2, fullHistory: true });
  const aggregate = decodeHistogram(result.aggregate.histogram);
  const sum = createHistogram();
  for (const stats of result.endpoints) sum.add(decodeHistogram(stats.histogram));
  assert.equal(aggregate.totalCount, 200);
  assert.equal(sum.totalCount, aggregate.totalCount);
  for (const p of [50, 90, 99, 100]) assert.equal(sum.getValueAtPercentile(p), aggregate.getValueAtPercentile(p));
  assert.equal(result.intervals.reduce((total, i) => total + i.aggregate.requests, 0), 200);
  for (const name of ['a', 'b']) {
    const perInterval = result.intervals.reduce((total, i) => total + (i.endpoints.find((e) => e.name === name)?.requests ?? 0), 0);
    assert.equal(perInterval, endpoint(result, name).requests);
  }
  // /b waits 5 ms on the server: its median shows it, /a's does not.
  assert.ok(endpoint(result, 'b').medianMs >= 5);
});

test('the data cursor stays right across workers: every row taken about equally', async () => {
  const folder = scenarioFolder({ 'rows.csv': 'id\nr0\nr1\nr2\nr3\nr4\nr5\n' });
  try {
    rowsSeen.length = 0;
    const text = `# @host ${server.url}\n# @rate 120/s\n# @run-time 1s\n# @stop-timeout 2s\n# @data rows.csv as row\n\n###\nGET /data?row={{row.id}}\n`;
    const { result } = await runScenario(text, { workers: 2 }, folder.path);
    assert.equal(result.aggregate.requests, 120);
    const counts = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5'].map((id) => rowsSeen.filter((r) => r === id).length);
    assert.deepEqual(counts, [20, 20, 20, 20, 20, 20]);
  } finally {
    folder.cleanup();
  }
});

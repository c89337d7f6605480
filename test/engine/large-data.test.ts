import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { runScenario, scenarioFolder, startServer, type TestServer } from './helpers';

let server: TestServer;
const ids: string[] = [];
before(async () => {
  server = await startServer((req, res) => {
    ids.push(/id=(\d+)/.exec(req.url ?? '')?.[1] ?? '');
    res.end('ok');
  });
});
after(() => server.close());

test('a million-row data file loads in seconds, once, and feeds rows in order', async () => {
  const lines = ['id,name'];
  for (let i = 0; i < 1_000_000; i++) lines.push(`${i},name-${i}`);
  const folder = scenarioFolder({ 'big.csv': lines.join('\n') });
  try {
    const text = `# @host ${server.url}\n# @users 2\n# @run-time 1s\n# @data big.csv as row\n\n###\nGET /row?id={{row.id}}&name={{row.name}}\n`;
    const started = Date.now();
    const { result } = await runScenario(text, {}, folder.path);
    const took = Date.now() - started;
    // Generous for a busy 2-core machine: parse (~3 s) + the 1 s run.
    assert.ok(took < 30_000, `took ${took} ms`);
    assert.ok(result.aggregate.requests > 10);
    assert.equal(result.aggregate.failures, 0);
    // The shared cursor hands out rows 0, 1, 2... with no repeats (far from wrapping).
    const sorted = ids.map(Number).sort((a, b) => a - b);
    assert.deepEqual(sorted.slice(0, 5), [0, 1, 2, 3, 4]);
    assert.equal(new Set(ids).size, ids.length);
  } finally {
    folder.cleanup();
  }
});

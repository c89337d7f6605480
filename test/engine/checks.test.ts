// `??` checks under load against a real local server: a body that says `{"error": ...}` with a
// 200 fails its request once, with a text that groups, and each check keeps its own counts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { endpoint, failureCount, runScenario, startServer, type TestServer } from './helpers';

let server: TestServer;
const served = { items: 0, badItems: 0, statuses: 0, unavailable: 0 };

before(async () => {
  server = await startServer((req, res) => {
    if (req.url === '/item' || req.url === '/item-with-id') {
      served.items++;
      // Every third answer is a 200 whose body reports an error (with an id on /item-with-id).
      const bad = served.items % 3 === 0;
      if (bad) served.badItems++;
      res.setHeader('content-type', 'application/json');
      const badBody = req.url === '/item' ? '{"error":"db down"}' : `{"id":${served.items},"ok":false}`;
      res.end(bad ? badBody : `{"id":${served.items},"ok":true}`);
      return;
    }
    served.statuses++;
    const unavailable = served.statuses % 4 === 0;
    if (unavailable) served.unavailable++;
    res.statusCode = unavailable ? 503 : 200;
    res.end('fine');
  });
});

after(() => server.close());

test('failed checks fail the request once, grouped by check and reason, with counts per check', async () => {
  const text = [
    `# @host ${server.url}`,
    '# @users 2',
    '# @run-time 1s',
    '# @stop-timeout 5s',
    '',
    '### item',
    'GET /item',
    '?? status == 200',
    '?? body $.id exists',
    '?? body $.ok isTrue',
    '?? header content-type includes json',
    '',
    '### status',
    '# @expect status 2xx,5xx',
    'GET /status',
    '?? status == 200',
    '?? duration < 60000',
    '',
  ].join('\n');
  const { result } = await runScenario(text);
  const items = endpoint(result, 'item');
  const statuses = endpoint(result, 'status');
  assert.ok(items.requests >= 6, `only ${items.requests} requests`);
  assert.equal(items.requests, served.items);
  assert.equal(statuses.requests, served.statuses);
  // The request fails once, under the first check that failed; later failing checks are counted on their own line.
  assert.equal(items.failures, served.badItems);
  assert.equal(failureCount(result, 'item', 'check body $.id exists: missing'), served.badItems);
  assert.equal(statuses.failures, served.unavailable);
  assert.equal(failureCount(result, 'status', 'check status == 200: got 503'), served.unavailable);
  const checks = result.checks ?? [];
  assert.deepEqual(
    checks.map((check) => [check.name, check.line, check.check, check.evaluated, check.failed, check.reasons]),
    [
      ['item', 8, 'status == 200', served.items, 0, []],
      ['item', 9, 'body $.id exists', served.items, served.badItems, served.badItems > 0 ? [{ reason: 'missing', count: served.badItems }] : []],
      ['item', 10, 'body $.ok isTrue', served.items, served.badItems, served.badItems > 0 ? [{ reason: 'missing', count: served.badItems }] : []],
      ['item', 11, 'header content-type includes json', served.items, 0, []],
      ['status', 16, 'status == 200', served.statuses, served.unavailable, served.unavailable > 0 ? [{ reason: 'got 503', count: served.unavailable }] : []],
      ['status', 17, 'duration < 60000', served.statuses, 0, []],
    ],
  );
  assert.ok(served.badItems > 0 && served.unavailable > 0, 'the run must have met bad answers');
});

test('with 2 workers the counts add up exactly; a scenario without ?? has no checks in its result', async () => {
  served.items = served.badItems = 0;
  const text = [`# @host ${server.url}`, '# @users 4', '# @run-time 1s', '# @stop-timeout 5s', '', '### item', 'GET /item', '?? body $.ok == true', ''].join('\n');
  const { result } = await runScenario(text, { workers: 2 });
  assert.equal(result.workers, 2);
  const check = result.checks?.[0];
  assert.equal(check?.evaluated, served.items);
  assert.equal(check?.failed, served.badItems);
  assert.equal(endpoint(result, 'item').failures, served.badItems);
  assert.equal(failureCount(result, 'item', 'check body $.ok == true: missing'), served.badItems);
  const plain = await runScenario([`# @host ${server.url}`, '# @users 1', '# @run-time 300ms', '', 'GET /status', ''].join('\n'));
  assert.equal(plain.result.checks, undefined);
});

test('a request that failed a check is not captured from: the next request that reads it fails as a capture', async () => {
  served.items = served.badItems = served.statuses = 0;
  const text = [
    `# @host ${server.url}`,
    '# @users 2',
    '# @run-time 1s',
    '# @stop-timeout 5s',
    '',
    '### item',
    '# @name item',
    'GET /item-with-id',
    '?? body $.ok isTrue',
    '',
    '### next',
    '# @expect status 2xx,5xx',
    'GET /status?from={{item.response.body.$.id}}',
    '',
  ].join('\n');
  const { result } = await runScenario(text);
  const next = endpoint(result, 'next');
  assert.ok(served.badItems > 0, 'the run must have met bad answers');
  assert.equal(next.requests, served.items);
  // Every bad item (a 200 whose body failed the check) leaves nothing to capture for that iteration.
  assert.equal(next.failures, served.badItems);
  assert.equal(served.statuses, served.items - served.badItems);
});

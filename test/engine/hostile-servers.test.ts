// Hostile servers: answers nobody asked for, bodies cut short or without end, bytes that dribble
// in, huge and countless headers, status lines that are not statuses. Each runs the real engine
// against a raw-socket server (test/support/hostile-server.ts) and asserts that the run ends in
// bounded time, with the right error text, every request counted once, and nothing crashed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SendFailedError, sendOnce } from '../../src/engine/send-once';
import { answer, replies, startHostileServer, type Reply } from '../support/hostile-server';
import { startRawStatusH2Server } from '../support/raw-h2-server';
import { endpoint, failureCount, runScenario } from './helpers';

test('answers nobody asked for (8 users): the connection is closed, no answer goes to the wrong request, no false timeout', async () => {
  // Once per connection, 2 ms after its first answer, the server sends a second answer nobody
  // asked for. A request written on that connection in those 2 ms (a race no client can see) takes
  // it as its answer, as it would with Node or undici, and the answer meant for it may go to the
  // next request that races it: the server counts the requests that came after its unsolicited one.
  const unsolicitedSent = new Set<number>();
  let races = 0;
  const server = await startHostileServer((socket, request) => {
    if (unsolicitedSent.has(request.connection)) races++;
    if (request.target.startsWith('/check/') || unsolicitedSent.has(request.connection)) {
      socket.write(answer(`for ${request.target}`));
      return;
    }
    unsolicitedSent.add(request.connection);
    replies.unsolicitedLater(socket, request);
  });
  try {
    const text = [
      `# @host ${server.url}`,
      '# @users 8',
      '# @run-time 2s',
      '# @stop-timeout 5s',
      '# @timeout 1s',
      '',
      '### give',
      '# @name give',
      '# @think 30ms',
      'GET /give/{{$guid}}',
      '',
      '### check',
      '# @think 30ms',
      'GET /check/{{give.response.body.*}}',
      '',
    ].join('\n');
    const { result } = await runScenario(text);
    const give = endpoint(result, 'give');
    const check = endpoint(result, 'check');
    assert.ok(give.requests >= 8, `${give.requests} requests`);
    // Before the fix, the connection went back to the idle stack twice: two users shared it and one
    // of them waited for an answer that had gone to the other (false timeouts).
    assert.deepEqual(result.failures, []);
    assert.equal(server.requests.length, give.requests + check.requests);
    assert.ok(unsolicitedSent.size > 0);
    // Each check carries the answer to its own user's give; the unsolicited one only after a race.
    const given = new Set(server.requests.filter((r) => r.target.startsWith('/give/')).map((r) => r.target));
    const misrouted = server.requests
      .filter((r) => r.target.startsWith('/check/'))
      .filter((r) => !given.has(decodeURIComponent(r.target.slice('/check/'.length)).replace(/^for /, ''))).length;
    assert.ok(misrouted <= races, `${misrouted} answers went to the wrong request, ${races} races`);
  } finally {
    await server.close();
  }
});

test('a second answer in the same packet: the first completes, the connection is closed', async () => {
  const server = await startHostileServer(replies.doubleAnswer);
  try {
    const text = `# @host ${server.url}\n# @users 4\n# @run-time 1s\n# @stop-timeout 5s\n\n### double\n# @think 10ms\nGET /d\n`;
    const { result } = await runScenario(text);
    const double = endpoint(result, 'double');
    assert.ok(double.requests > 0);
    assert.deepEqual(result.failures, []);
    assert.equal(server.requests.length, double.requests);
    // No connection carried a second request: each was closed after its first answer.
    assert.equal(server.connections(), double.requests);
  } finally {
    await server.close();
  }
});

interface FailureCase {
  name: string;
  reply: Reply;
  error: string;
  timeout?: string;
}

const FAILURES: FailureCase[] = [
  { name: 'mid-body close', reply: replies.midBodyClose, error: 'ECONNRESET' },
  { name: 'dribbling', reply: replies.dribble, error: 'timeout after 500ms', timeout: '500ms' },
  { name: 'infinite chunked', reply: replies.infiniteChunked, error: 'timeout after 500ms', timeout: '500ms' },
  { name: 'huge header', reply: replies.hugeHeader, error: 'invalid HTTP response' },
  { name: 'many headers', reply: replies.manyHeaders, error: 'invalid HTTP response' },
  { name: 'status 000', reply: replies.status000, error: 'invalid HTTP response' },
  { name: 'status 2x0', reply: replies.statusGarbage, error: 'invalid HTTP response' },
  { name: 'status 2000', reply: replies.statusFourDigits, error: 'invalid HTTP response' },
  { name: 'not HTTP', reply: replies.notHttp, error: 'invalid HTTP response' },
];

for (const { name, reply, error, timeout } of FAILURES) {
  test(`${name}: every request fails as \`${error}\`, within its time, and is counted once`, async () => {
    const server = await startHostileServer(reply);
    try {
      const text = [
        `# @host ${server.url}`,
        '# @users 2',
        '# @run-time 1500ms',
        '# @stop-timeout 5s',
        // An answer that never ends: with no timeout of its own, the run's default (30 s) would hold it.
        `# @timeout ${timeout ?? '3s'}`,
        '',
        `### ${name}`,
        'GET /x',
        '',
      ].join('\n');
      const started = Date.now();
      const { result } = await runScenario(text);
      // The run-time plus one timeout, with room for a loaded machine; not the 30 s default.
      assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
      const stats = endpoint(result, name);
      assert.ok(stats.requests >= 2, `${stats.requests} requests`);
      assert.equal(stats.failures, stats.requests);
      assert.equal(failureCount(result, name, error), stats.requests, JSON.stringify(result.failures));
      assert.equal(server.requests.length, stats.requests);
    } finally {
      await server.close();
    }
  });
}

test('HTTP/2 `:status: 000`: every request of a run fails as `invalid HTTP response` (?? checks not skipped as passed), Send Request says so', async () => {
  // node:http2 refuses to send status 0, so this server writes the HEADERS frame itself.
  const server = await startRawStatusH2Server('000');
  try {
    const text = [`# @host https://127.0.0.1:${server.port}`, '# @users 2', '# @run-time 1s', '# @stop-timeout 5s', '# @timeout 3s', '', '### zero', 'GET /x', '?? status == 200', ''].join('\n');
    const { result } = await runScenario(text, { insecure: true });
    const stats = endpoint(result, 'zero');
    assert.ok(stats.requests >= 2, `${stats.requests} requests`);
    assert.equal(stats.failures, stats.requests);
    assert.equal(failureCount(result, 'zero', 'invalid HTTP response'), stats.requests, JSON.stringify(result.failures));
    // Each request reached the server as an h2 stream (its only protocol) and was counted once.
    assert.equal(server.requests(), stats.requests);

    const single = { method: 'GET', url: `https://127.0.0.1:${server.port}/x`, headers: [], body: undefined, timeoutMs: 3000, followRedirects: true, useCookieJar: false, http1Only: false };
    // Before: `an answered exchange has a stored response`, an internal text.
    await assert.rejects(sendOnce(single, { insecure: true }), (error: unknown) => error instanceof SendFailedError && /invalid HTTP response/.test(error.message));
  } finally {
    await server.close();
  }
});

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { createServer } from 'node:http';
import { closeServer, endpoint, failureCount, listening, runScenario, startServer, type TestServer } from './helpers';

let server: TestServer;
let junk: NetServer;
let junkPort: number;
let closedPort: number;
const junkSockets = new Set<Socket>();

before(async () => {
  server = await startServer((req, res) => {
    switch (req.url) {
      case '/reset':
        req.socket.destroy();
        return;
      case '/hang':
        return; // never answers: the engine's timeout cuts it off
      case '/unavailable':
        res.statusCode = 503;
        res.end('busy');
        return;
      default:
        res.end('ok');
    }
  });
  // A server that answers with something that is not HTTP.
  junk = createNetServer((socket) => {
    junkSockets.add(socket);
    socket.on('data', () => socket.end('garbage that is not http\r\n\r\n'));
    socket.on('error', () => undefined);
    socket.on('close', () => junkSockets.delete(socket));
  });
  junkPort = await listening(junk);
  // A port nobody listens on: bind one, then free it.
  const probe = createServer();
  closedPort = await listening(probe);
  await closeServer(probe);
});

after(async () => {
  for (const socket of junkSockets) socket.destroy();
  await Promise.all([server.close(), closeServer(junk)]);
});

test('each failure kind is classified, with exact counts, and every request counted once', async () => {
  const text = [
    `# @host ${server.url}`,
    '# @users 2',
    '# @run-time 1500ms',
    '# @stop-timeout 3s',
    '',
    '### ok',
    'GET /ok',
    '',
    '### refused',
    `GET http://127.0.0.1:${closedPort}/`,
    '',
    '### reset',
    'GET /reset',
    '',
    '### hang',
    '# @timeout 300ms',
    'GET /hang',
    '',
    '### unavailable',
    'GET /unavailable',
    '',
    '### garbage',
    `GET http://127.0.0.1:${junkPort}/`,
    '',
    '### expect',
    '# @expect status 201',
    'GET /expect',
    '',
  ].join('\n');
  const { result } = await runScenario(text);
  // One task of seven requests, every iteration finished (stop-timeout): the same count everywhere.
  const iterations = endpoint(result, 'ok').requests;
  assert.ok(iterations >= 2, `iterations ${iterations}`);
  for (const name of ['refused', 'reset', 'hang', 'unavailable', 'garbage', 'expect']) {
    const stats = endpoint(result, name);
    assert.equal(stats.requests, iterations, `${name} requests`);
    assert.equal(stats.failures, iterations, `${name} failures`);
  }
  assert.equal(endpoint(result, 'ok').failures, 0);
  assert.equal(failureCount(result, 'refused', 'ECONNREFUSED'), iterations);
  assert.equal(failureCount(result, 'reset', 'ECONNRESET'), iterations);
  assert.equal(failureCount(result, 'hang', 'timeout after 300ms'), iterations);
  assert.equal(failureCount(result, 'unavailable', 'HTTP 503'), iterations);
  assert.equal(failureCount(result, 'garbage', 'invalid HTTP response'), iterations);
  assert.equal(failureCount(result, 'expect', 'HTTP 200'), iterations);
  assert.equal(result.failures.reduce((sum, f) => sum + f.occurrences, 0), 6 * iterations);
  // What reached the server was counted exactly once.
  for (const path of ['/ok', '/reset', '/hang', '/unavailable', '/expect']) assert.equal(server.hits.get(path), iterations, path);
  // A timeout is recorded at about its length.
  assert.ok(endpoint(result, 'hang').minMs >= 299);
});

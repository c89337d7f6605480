// Hostile redirects: a Location with a line break (raw, or percent-encoded to split the next
// request), one too long to be real, schemes that are not HTTP (file:, data:, javascript:).
// A raw-socket server (test/support/hostile-server.ts) answers as no well-behaved server would;
// each request must fail with a text that says why, and nothing but well-formed requests reach it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answer, startHostileServer } from '../support/hostile-server';
import { endpoint, failureCount, runScenario, shortRun } from './helpers';

function redirect(location: string): Buffer {
  return Buffer.from(`HTTP/1.1 302 Found\r\nlocation: ${location}\r\ncontent-length: 0\r\n\r\n`, 'latin1');
}

const scenario = (url: string, paths: string[]) =>
  shortRun(url, ['# @timeout 2s', '', ...paths.flatMap((path) => [`### ${path}`, `GET ${path}`, ''])]);

test('a Location that leads to file:, data: or javascript:, or is over 8 KiB, is refused with the reason; nothing more is sent', async () => {
  const locations: Record<string, string> = {
    '/file': 'file:///etc/passwd',
    '/data': 'data:text/html,<script>alert(1)</script>',
    '/javascript': 'javascript:alert(1)',
    '/huge': `/${'a'.repeat(9000)}`,
  };
  const server = await startHostileServer((socket, request) => {
    const location = locations[request.target];
    socket.write(location === undefined ? answer('unexpected') : redirect(location));
  });
  try {
    const { result } = await runScenario(scenario(server.url, Object.keys(locations)));
    const expected: Record<string, string> = {
      '/file': 'redirect refused: file: scheme',
      '/data': 'redirect refused: data: scheme',
      '/javascript': 'redirect refused: javascript: scheme',
      '/huge': 'redirect refused: Location over 8 KiB',
    };
    for (const [path, error] of Object.entries(expected)) {
      const stats = endpoint(result, path);
      assert.ok(stats.requests >= 1, path);
      assert.equal(failureCount(result, path, error), stats.requests, JSON.stringify(result.failures));
    }
    // Only the requests as written arrived: no hop was followed.
    assert.ok(server.requests.every((request) => request.target in locations));
    assert.deepEqual(server.malformed, []);
    assert.equal(result.redirects, undefined);
  } finally {
    await server.close();
  }
});

test('a Location with CR or LF never splits a request: raw ones fail the answer, encoded ones stay encoded in one request line', async () => {
  const server = await startHostileServer((socket, request) => {
    if (request.target === '/raw-cr') socket.write(Buffer.from('HTTP/1.1 302 Found\r\nlocation: /x\rinjected: 1\r\ncontent-length: 0\r\n\r\n', 'latin1'));
    else if (request.target === '/raw-lf') socket.write(Buffer.from('HTTP/1.1 302 Found\r\nlocation: /x\ninjected: 1\r\ncontent-length: 0\r\n\r\n', 'latin1'));
    else if (request.target === '/encoded') socket.write(redirect('/landed%0d%0aInjected:%201%0d%0a%0d%0aGET%20/smuggled'));
    else socket.write(answer('landed'));
  });
  try {
    const { result } = await runScenario(scenario(server.url, ['/raw-cr', '/raw-lf', '/encoded']));
    for (const path of ['/raw-cr', '/raw-lf']) {
      const stats = endpoint(result, path);
      assert.ok(stats.requests >= 1);
      assert.equal(stats.failures, stats.requests, `${path}: ${JSON.stringify(result.failures)}`);
    }
    const encoded = endpoint(result, '/encoded');
    assert.equal(encoded.failures, 0, JSON.stringify(result.failures));
    const hops = server.requests.filter((request) => request.target.startsWith('/landed'));
    assert.equal(hops.length, encoded.requests);
    for (const hop of hops) {
      assert.equal(hop.target, '/landed%0d%0aInjected:%201%0d%0a%0d%0aGET%20/smuggled');
      assert.ok(!hop.headers.some((name) => name.toLowerCase() === 'injected'));
    }
    assert.ok(!server.requests.some((request) => request.target === '/smuggled' || request.target === '/x'));
    assert.deepEqual(server.malformed, []);
  } finally {
    await server.close();
  }
});

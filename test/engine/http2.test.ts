// HTTP/2 through ALPN on `https://` (src/engine/tls-transport.ts), against real TLS servers on
// loopback with a certificate made here: h2 when offered, `# @http1`, the fallback to HTTP/1.1,
// and servers that reset streams, send GOAWAY or headers past the limit.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { constants } from 'node:http2';
import { startH2Server, startHttp1TlsServer, type H2Server } from '../support/tls-servers';
import { endpoint, failureCount, HEADER_INJECTION_LINES, INJECTION_ENCODED_PATH, injectionEnv, runScenario } from './helpers';

let plain: H2Server;
before(async () => {
  plain = await startPlain();
});
after(() => plain.close());

const scenario = (port: number, extra: string[], requests: string[]): string =>
  [`# @host https://127.0.0.1:${port}`, '# @users 2', '# @run-time 1s', '# @stop-timeout 2s', ...extra, '', ...requests, ''].join('\n');

function startPlain(): Promise<H2Server> {
  return startH2Server((stream, path) => {
    if (path === '/teapot') {
      stream.respond({ ':status': 418 });
      stream.end();
      return;
    }
    stream.respond({ ':status': 200, 'content-type': 'application/json', 'x-token': 'abc' });
    stream.end('{"ok":true,"id":7}');
  });
}

test('https negotiates HTTP/2 through ALPN; the result names the protocol per request name', async () => {
  plain.seen.clear();
  const text = scenario(plain.port, [], [
    '### login',
    '# @name login',
    'GET /login',
    '',
    '### item',
    'GET /item/{{login.response.body.$.id}}',
    'X-Token: {{login.response.headers.x-token}}',
    '?? status == 200',
    '?? body $.ok == true',
    '',
    '### teapot',
    'GET /teapot',
  ]);
  const { result } = await runScenario(text, { insecure: true });
  const login = endpoint(result, 'login');
  const item = endpoint(result, 'item');
  assert.ok(login.requests > 0 && item.requests > 0);
  assert.equal(login.failures, 0);
  // Captures from an h2 response built the next request's path and header.
  assert.equal(item.failures, 0, JSON.stringify(result.failures));
  assert.deepEqual([...(plain.seen.get('/item/7') ?? [])], ['2.0']);
  assert.deepEqual(login.protocols, ['HTTP/2']);
  assert.deepEqual(item.protocols, ['HTTP/2']);
  assert.deepEqual(result.aggregate.protocols, ['HTTP/2']);
  // An h2 answer outside 2xx/3xx is a failure under its status, as on HTTP/1.1.
  const teapot = endpoint(result, 'teapot');
  assert.equal(failureCount(result, 'teapot', 'HTTP 418'), teapot.requests);
  assert.equal(result.aggregate.contentBytes, (login.requests + item.requests) * '{"ok":true,"id":7}'.length);
});

test('cookies and redirects work over h2: a login sets a cookie and redirects to a page that needs it', async () => {
  const server = await startH2Server((stream, path, _count, headers) => {
    if (path === '/login') {
      stream.respond({ ':status': 302, location: '/home', 'set-cookie': ['sid=s3cret; Path=/; HttpOnly'] });
      stream.end();
    } else if (headers.cookie === 'sid=s3cret') {
      stream.respond({ ':status': 200 });
      stream.end('welcome');
    } else {
      stream.respond({ ':status': 401 });
      stream.end('who are you?');
    }
  });
  try {
    const { result } = await runScenario(scenario(server.port, [], ['### login', 'GET /login']), { insecure: true });
    const login = endpoint(result, 'login');
    assert.ok(login.requests > 0);
    assert.equal(login.failures, 0, JSON.stringify(result.failures));
    assert.equal(login.contentBytes, login.requests * 'welcome'.length);
    assert.deepEqual(login.protocols, ['HTTP/2']);
    assert.deepEqual([...(server.seen.get('/home') ?? [])], ['2.0']);
  } finally {
    await server.close();
  }
});

test('# @http1 keeps https on HTTP/1.1 against the same server', async () => {
  plain.seen.clear();
  const { result } = await runScenario(scenario(plain.port, ['# @http1'], ['### home', 'GET /home']), { insecure: true });
  const home = endpoint(result, 'home');
  assert.ok(home.requests > 0);
  assert.equal(home.failures, 0);
  assert.deepEqual(home.protocols, ['HTTP/1.1']);
  assert.deepEqual([...(plain.seen.get('/home') ?? [])], ['1.1']);
});

test('a self-signed certificate is refused without --insecure, over h2 as over HTTP/1.1', async () => {
  const { result } = await runScenario(scenario(plain.port, [], ['### home', 'GET /home']));
  assert.ok(result.aggregate.requests > 0);
  assert.equal(result.aggregate.failures, result.aggregate.requests);
  assert.match(result.failures[0]?.error ?? '', /SELF_SIGNED|CERT/);
  assert.equal(endpoint(result, 'home').protocols, undefined);
});

test('a TLS server that speaks only HTTP/1.1 gets HTTP/1.1', async () => {
  const server = await startHttp1TlsServer('h1');
  try {
    const { result } = await runScenario(scenario(server.port, [], ['### home', 'GET /home']), { insecure: true });
    const home = endpoint(result, 'home');
    assert.ok(home.requests > 0);
    assert.equal(home.failures, 0);
    assert.equal(home.requests, server.hits());
    assert.deepEqual(home.protocols, ['HTTP/1.1']);
  } finally {
    await server.close();
  }
});

test('header values with CR/LF are refused on h2 with the HTTP/1.1 text; a URL is encoded alike', async () => {
  plain.seen.clear();
  const text = scenario(plain.port, [], HEADER_INJECTION_LINES);
  const { result } = await runScenario(text, { insecure: true, env: injectionEnv });
  const bad = endpoint(result, 'bad header');
  assert.ok(bad.requests > 0);
  assert.deepEqual(result.failures.map((f) => [f.name, f.error, f.occurrences]), [['bad header', 'invalid header value', bad.requests]]);
  assert.equal(plain.seen.has('/h'), false);
  assert.deepEqual([...plain.seen.keys()], [INJECTION_ENCODED_PATH]);
});

test('hostile h2 servers: RST_STREAM, GOAWAY mid-run and huge headers are failures with short texts', async () => {
  const server = await startH2Server((stream, path, count) => {
    if (path === '/reset') {
      stream.close(constants.NGHTTP2_REFUSED_STREAM);
    } else if (path === '/goaway') {
      // Every third request: the connection goes away with an error while the answer is awaited.
      if (count % 3 === 0) stream.session?.goaway(constants.NGHTTP2_ENHANCE_YOUR_CALM);
      else {
        stream.respond({ ':status': 200 });
        stream.end('ok');
      }
    } else if (path === '/huge') {
      try {
        stream.respond({ ':status': 200, 'x-huge': 'h'.repeat(20 * 1024) });
        stream.end('never');
      } catch {
        stream.close(constants.NGHTTP2_INTERNAL_ERROR);
      }
    } else {
      stream.respond({ ':status': 200 });
      stream.end('ok');
    }
  });
  try {
    const text = scenario(server.port, [], ['### reset', 'GET /reset', '', '### goaway', 'GET /goaway', '', '### huge', 'GET /huge', '', '### fine', 'GET /fine']);
    const { result } = await runScenario(text, { insecure: true });
    const reset = endpoint(result, 'reset');
    assert.ok(reset.requests > 0);
    assert.equal(failureCount(result, 'reset', 'RST_STREAM REFUSED_STREAM'), reset.requests, JSON.stringify(result.failures));
    const goaway = endpoint(result, 'goaway');
    assert.ok(goaway.failures > 0 && goaway.failures < goaway.requests, JSON.stringify(goaway));
    assert.ok(result.failures.filter((f) => f.name === 'goaway').every((f) => /^GOAWAY|^RST_STREAM|^ECONNRESET$/.test(f.error)), JSON.stringify(result.failures));
    const huge = endpoint(result, 'huge');
    assert.ok(huge.requests > 0);
    // The HTTP/1.1 text for a head past 16 KiB (failure-text.ts), on every connection, new or not.
    assert.equal(failureCount(result, 'huge', 'invalid HTTP response'), huge.requests, JSON.stringify(result.failures));
    // The requests after each hostile answer still ran, on new connections where needed.
    const fine = endpoint(result, 'fine');
    assert.ok(fine.requests > 0);
    assert.equal(fine.failures, 0, JSON.stringify(result.failures));
    assert.deepEqual(fine.protocols, ['HTTP/2']);
    for (const failure of result.failures) assert.ok(failure.error.length < 40, failure.error);
  } finally {
    await server.close();
  }
});

test('a stop while h2 answers hang ends the run at once and closes the sessions', async () => {
  const server = await startH2Server((stream) => stream.respond({ ':status': 200 }));
  try {
    const text = [`# @host https://127.0.0.1:${server.port}`, '# @users 4', '# @run-time 1s', '', '### hang', 'GET /hang', ''].join('\n');
    const started = Date.now();
    const { result } = await runScenario(text, { insecure: true });
    assert.ok(Date.now() - started < 15_000);
    assert.equal(result.outcome, 'completed');
    // Sessions the engine opened are closed when it stops.
    for (let i = 0; i < 50 && server.sessions.size > 0; i++) await new Promise((done) => setTimeout(done, 100));
    assert.equal(server.sessions.size, 0);
  } finally {
    await server.close();
  }
});

test('an h2 response body past the capture limit drops the capture, not the run', async () => {
  const server = await startH2Server((stream) => {
    stream.respond({ ':status': 200 });
    stream.end(Buffer.alloc(2 * 1024 * 1024, 'x'));
  });
  try {
    const text = scenario(server.port, [], ['### big', '# @name big', 'GET /big', '', '### next', 'GET /next?v={{big.response.body.*}}']);
    const { result } = await runScenario(text, { insecure: true });
    const big = endpoint(result, 'big');
    assert.ok(big.requests > 0);
    assert.equal(big.failures, 0);
    assert.equal(big.contentBytes, big.requests * 2 * 1024 * 1024);
    assert.ok(endpoint(result, 'next').failures > 0);
  } finally {
    await server.close();
  }
});

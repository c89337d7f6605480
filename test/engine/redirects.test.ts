// Redirects under load against real local servers (docs/scenario-sessions.md, "Redirects"): every
// status with its method rule, one stats entry per chain, the final answer for checks and
// captures, a loop, a relative Location, cross-origin credentials, `# @no-redirect`, and the
// counts in the JSON result.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sendOnce } from '../../src/engine/send-once';
import { endpoint, failureCount, runScenario, shortRun, startServer, type TestServer } from './helpers';

interface Arrival {
  method: string;
  body: string;
  authorization: string | undefined;
  cookie: string | undefined;
  contentType: string | undefined;
}

let server: TestServer;
let other: TestServer;
const arrivals = new Map<string, Arrival[]>();

function note(path: string, arrival: Arrival): void {
  arrivals.set(path, [...(arrivals.get(path) ?? []), arrival]);
}

/** At least two requests reached `path`, each with this Authorization and Cookie (undefined: none). */
function assertArrivedWith(path: string, authorization: string | undefined, cookie: string | undefined): void {
  const arrived = arrivals.get(path) ?? [];
  assert.ok(arrived.length >= 2, `${arrived.length} requests at ${path}`);
  for (const arrival of arrived) {
    assert.equal(arrival.authorization, authorization, path);
    assert.equal(arrival.cookie, cookie, path);
  }
}

/** Redirects by path: status and Location (none: a 3xx without one). */
const MOVES: Record<string, () => [number, string?]> = {
  // Relative to /chain/a: /chain/b.
  '/chain/a': () => [301, 'b'],
  '/chain/b': () => [307, '/final?from=b'],
  '/loop': () => [302, '/loop'],
  '/away': () => [302, `${other.url}/landing`],
  '/outside': () => [302, 'https://unconfirmed.invalid:8443/x'],
  '/same': () => [302, '/echo/same'],
  '/no-location': () => [302],
};

before(async () => {
  other = await startServer((req, res, body) => {
    note(`other${req.url}`, { method: req.method ?? '', body, authorization: req.headers.authorization, cookie: req.headers.cookie, contentType: req.headers['content-type'] });
    res.end('landed elsewhere');
  });
  server = await startServer((req, res, body) => {
    const url = req.url ?? '/';
    note(url, { method: req.method ?? '', body, authorization: req.headers.authorization, cookie: req.headers.cookie, contentType: req.headers['content-type'] });
    const status = /^\/s\/(\d{3})$/.exec(url)?.[1];
    const moved = status ? [Number(status), `/echo/${status}`] : MOVES[url]?.();
    if (moved) {
      res.statusCode = moved[0] as number;
      if (moved[1] !== undefined) res.setHeader('location', moved[1]);
      res.end(status ? 'moved' : '');
    } else {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ at: url, method: req.method }));
    }
  });
});

after(async () => {
  await server.close();
  await other.close();
});

test('each redirect status: 301/302/303 go on as GET without the body, 307/308 keep method and body; one stats entry per chain', async () => {
  arrivals.clear();
  const blocks = ['301', '302', '303', '307', '308'].flatMap((status) => [`### post ${status}`, `POST /s/${status}`, 'Content-Type: text/plain', '', `body for ${status}`, '']);
  const text = shortRun(server.url, ['', ...blocks]);
  const { result } = await runScenario(text);
  for (const status of ['301', '302', '303', '307', '308']) {
    const stats = endpoint(result, `post ${status}`);
    const first = arrivals.get(`/s/${status}`) ?? [];
    const landed = arrivals.get(`/echo/${status}`) ?? [];
    assert.ok(stats.requests >= 2, `${status}: ${stats.requests} requests`);
    assert.equal(stats.failures, 0, JSON.stringify(result.failures));
    // One chain = one request in the stats, under the request's own name.
    assert.equal(stats.requests, first.length);
    assert.equal(landed.length, first.length);
    const keeps = status === '307' || status === '308';
    for (const arrival of landed) {
      assert.equal(arrival.method, keeps ? 'POST' : 'GET', status);
      assert.equal(arrival.body, keeps ? `body for ${status}` : '', status);
      assert.equal(arrival.contentType, keeps ? 'text/plain' : undefined, status);
    }
    // The final answer's body was read: its bytes, not the 3xx's, are counted.
    assert.ok(stats.contentBytes > first.length * 'moved'.length);
  }
  assert.equal(result.endpoints.filter((e) => e.name.startsWith('/echo')).length, 0);
  assert.deepEqual(
    result.redirects?.map((entry) => [entry.name, entry.redirected === endpoint(result, entry.name).requests, entry.followed === entry.redirected]),
    ['301', '302', '303', '307', '308'].map((status) => [`post ${status}`, true, true]),
  );
});

test('a relative Location, a chain of two hops, ?? checks and captures see the final answer', async () => {
  arrivals.clear();
  const text = shortRun(
    server.url,
    [
      '',
      '### chain',
      '# @name chain',
      'GET /chain/a',
      '?? status == 200',
      '?? body $.at == "/final?from=b"',
      '',
      '### uses the capture',
      'GET /echo/captured?at={{chain.response.body.$.at}}',
      '',
    ],
  );
  const { result } = await runScenario(text);
  const chain = endpoint(result, 'chain');
  assert.ok(chain.requests >= 2);
  assert.equal(result.aggregate.failures, 0, JSON.stringify(result.failures));
  assert.equal((arrivals.get('/chain/b') ?? []).length, chain.requests);
  assert.equal((arrivals.get('/final?from=b') ?? []).length, chain.requests);
  assert.ok((arrivals.get('/echo/captured?at=/final?from=b') ?? []).length >= 1, [...arrivals.keys()].join(' '));
  assert.deepEqual(result.redirects, [{ method: 'GET', name: 'chain', redirected: chain.requests, followed: 2 * chain.requests }]);
});

test('a redirect loop fails with `too many redirects` after 10 hops', async () => {
  arrivals.clear();
  const text = shortRun(server.url, ['', '### loop', 'GET /loop', '']);
  const { result } = await runScenario(text);
  const loop = endpoint(result, 'loop');
  assert.ok(loop.requests >= 1);
  assert.equal(loop.failures, loop.requests);
  assert.equal(failureCount(result, 'loop', 'too many redirects'), loop.requests);
  // The first request and 10 redirects followed; the 11th redirect is not.
  assert.equal((arrivals.get('/loop') ?? []).length, 11 * loop.requests);
  assert.deepEqual(result.redirects, [{ method: 'GET', name: 'loop', redirected: loop.requests, followed: 10 * loop.requests }]);
});

test('a redirect to another origin drops the Authorization and Cookie written in the request; the same origin keeps them', async () => {
  arrivals.clear();
  const text = shortRun(
    server.url,
    [
      '',
      '### away',
      'GET /away',
      'Authorization: Bearer secret-token',
      'Cookie: written=1',
      '',
      '### same',
      'GET /same',
      'Authorization: Bearer secret-token',
      'Cookie: written=1',
      '',
    ],
  );
  const { result } = await runScenario(text);
  assert.equal(result.aggregate.failures, 0, JSON.stringify(result.failures));
  assertArrivedWith('other/landing', undefined, undefined);
  assertArrivedWith('/echo/same', 'Bearer secret-token', 'written=1');
});

test('the same origin written in another form (`HTTP://`) keeps the written Authorization and Cookie, in a run and in Send Request', async () => {
  arrivals.clear();
  // Runs and Send Request keep the first hop's origin as written; the hop to /echo/same is the same origin.
  const written = server.url.replace('http://', 'HTTP://');
  const lines = ['', '### same', 'GET /same', 'Authorization: Bearer secret-token', 'Cookie: written=1', '?? status == 200', ''];
  const { result } = await runScenario(shortRun(written, lines));
  assert.equal(result.aggregate.failures, 0, JSON.stringify(result.failures));
  const sent = await sendOnce({
    method: 'GET',
    url: `${written}/same`,
    headers: ['Authorization', 'Bearer secret-token', 'Cookie', 'written=1'],
    body: undefined,
    timeoutMs: 10_000,
    followRedirects: true,
    useCookieJar: false,
    http1Only: false,
  });
  assert.equal(sent.redirects, 1);
  assertArrivedWith('/echo/same', 'Bearer secret-token', 'written=1');
});

test('@no-redirect (header or request) makes the 3xx the result, a success by default; a 3xx without Location is final', async () => {
  arrivals.clear();
  const requestLevel = shortRun(
    server.url,
    [
      '',
      '### kept',
      '# @no-redirect',
      'GET /s/302',
      '?? status == 302',
      '',
      '### followed',
      'GET /s/301',
      '',
      '### no location',
      'GET /no-location',
      '',
    ],
  );
  const { result } = await runScenario(requestLevel);
  assert.equal(result.aggregate.failures, 0, JSON.stringify(result.failures));
  assert.equal((arrivals.get('/echo/302') ?? []).length, 0);
  assert.equal((arrivals.get('/echo/301') ?? []).length, endpoint(result, 'followed').requests);
  assert.deepEqual(result.redirects?.map((entry) => entry.name), ['followed']);

  arrivals.clear();
  const headerLevel = requestLevel.replace('# @stop-timeout 5s', '# @stop-timeout 5s\n# @no-redirect');
  const off = await runScenario(headerLevel);
  assert.equal(off.result.aggregate.failures, 0);
  assert.equal((arrivals.get('/echo/301') ?? []).length, 0);
  assert.equal(off.result.redirects, undefined);
});

test('cookies set by a redirect answer go with the next hop (a login that redirects)', async () => {
  const login = await startServer((req, res) => {
    if (req.url === '/login') {
      res.statusCode = 303;
      res.setHeader('set-cookie', 'sid=abc; Path=/');
      res.setHeader('location', '/home');
      res.end();
      return;
    }
    res.statusCode = req.headers.cookie === 'sid=abc' ? 200 : 401;
    res.end();
  });
  try {
    const text = shortRun(login.url, ['', '### login', 'POST /login', '']);
    const { result } = await runScenario(text);
    const stats = endpoint(result, 'login');
    assert.ok(stats.requests >= 2);
    assert.equal(stats.failures, 0, JSON.stringify(result.failures));
    assert.equal(login.hits.get('/home'), stats.requests);
  } finally {
    await login.close();
  }
});

test('VS Code runs (redirectOrigins): another loopback origin is followed, an unconfirmed host fails without a connection', async () => {
  arrivals.clear();
  const text = shortRun(server.url, ['', '### away', 'GET /away', '', '### outside', 'GET /outside', '']);
  const { result } = await runScenario(text, { redirectOrigins: ['https://confirmed.invalid'] });
  const away = endpoint(result, 'away');
  const outside = endpoint(result, 'outside');
  assert.ok(away.requests >= 2 && outside.requests >= 2);
  assert.equal(away.failures, 0, JSON.stringify(result.failures));
  assert.equal((arrivals.get('other/landing') ?? []).length, away.requests);
  assert.equal(failureCount(result, 'outside', 'redirect to unconfirmed host unconfirmed.invalid:8443'), outside.requests);
  // The command line (no redirectOrigins) would follow it: the refusal is the confirmation's.
});

// Each virtual user's cookie jar against real local servers (docs/scenario-sessions.md, "Cookies"):
// a cookie login, RFC 6265 attributes, one jar per user, a fresh jar per open-model iteration,
// and `# @no-cookie-jar`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { endpoint, failureCount, runScenario, shortRun, startServer } from './helpers';

function cookiesOf(req: IncomingMessage): Map<string, string> {
  const found = new Map<string, string>();
  for (const pair of (req.headers.cookie ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0) found.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
  return found;
}

/** POST /login sets a session cookie; GET /me answers 401 without a session the server gave out. */
async function loginServer() {
  const sessions = new Set<string>();
  let next = 0;
  const server = await startServer((req, res) => {
    if (req.method === 'POST' && req.url === '/login') {
      const sid = `s${++next}`;
      sessions.add(sid);
      res.setHeader('set-cookie', `sid=${sid}; Path=/; HttpOnly; SameSite=Lax`);
      res.end('welcome');
      return;
    }
    const sid = cookiesOf(req).get('sid');
    res.statusCode = sid !== undefined && sessions.has(sid) ? 200 : 401;
    res.end(res.statusCode === 200 ? `hello ${sid}` : 'log in first');
  });
  return { server, logins: () => next };
}

const loginScenario = (url: string, header = '') => shortRun(url, [header, '', '### login', 'POST /login', '', '### me', 'GET /me', ''], 2);

test('a cookie login: each user logs in and the protected route answers 200; with @no-cookie-jar it answers 401', async () => {
  const { server, logins } = await loginServer();
  try {
    const { result } = await runScenario(loginScenario(server.url));
    const me = endpoint(result, 'me');
    assert.ok(me.requests >= 4, `only ${me.requests} requests`);
    assert.equal(me.failures, 0, JSON.stringify(result.failures));
    assert.equal(endpoint(result, 'login').requests, logins());

    const off = await runScenario(loginScenario(server.url, '# @no-cookie-jar'));
    const meOff = endpoint(off.result, 'me');
    assert.ok(meOff.requests >= 4);
    assert.equal(meOff.failures, meOff.requests);
    assert.equal(failureCount(off.result, 'me', 'HTTP 401'), meOff.requests);
  } finally {
    await server.close();
  }
});

test('two users, two sessions: no session is ever used by two requests at once', async () => {
  const created: string[] = [];
  const inFlight = new Map<string, number>();
  let overlaps = 0;
  let withoutCookie = 0;
  const server = await startServer((req, res) => {
    let sid = cookiesOf(req).get('sid');
    if (sid === undefined) {
      withoutCookie++;
      sid = `u${created.length + 1}`;
      created.push(sid);
      res.setHeader('set-cookie', `sid=${sid}; Path=/`);
    }
    const now = (inFlight.get(sid) ?? 0) + 1;
    inFlight.set(sid, now);
    if (now > 1) overlaps++;
    // Long enough that the two users' requests overlap in time.
    setTimeout(() => {
      inFlight.set(sid, (inFlight.get(sid) ?? 1) - 1);
      res.end('ok');
    }, 5);
  });
  try {
    const text = shortRun(server.url, ['', 'GET /visit', ''], 2);
    const { result } = await runScenario(text);
    assert.ok(endpoint(result, 'GET /visit').requests >= 20);
    // One session per user, each user on its own: a shared jar would send one sid from both users at once.
    assert.equal(created.length, 2, `sessions ${created.join(', ')}`);
    assert.equal(withoutCookie, 2);
    assert.equal(overlaps, 0);
  } finally {
    await server.close();
  }
});

test('open model: every iteration is a fresh visitor, whose later requests carry its own cookie', async () => {
  let sessions = 0;
  let firstWithCookie = 0;
  let secondWithout = 0;
  let seconds = 0;
  const server = await startServer((req, res) => {
    const sid = cookiesOf(req).get('sid');
    if (req.url === '/first') {
      if (sid !== undefined) firstWithCookie++;
      res.setHeader('set-cookie', `sid=v${++sessions}; Path=/`);
    } else {
      seconds++;
      if (sid === undefined) secondWithout++;
    }
    res.end('ok');
  });
  try {
    const text = [`# @host ${server.url}`, '# @rate 40/s', '# @max-users 5', '# @run-time 1s', '# @stop-timeout 5s', '', 'GET /first', '', '###', 'GET /second', ''].join('\n');
    const { result } = await runScenario(text);
    assert.ok(endpoint(result, 'GET /first').requests >= 10, 'too few iterations');
    assert.ok(seconds >= 10);
    // Slots are reused (at most 5 at once for 40 arrivals), so a jar kept across iterations would show here.
    assert.equal(firstWithCookie, 0);
    assert.equal(secondWithout, 0);
  } finally {
    await server.close();
  }
});

test('RFC 6265 attributes: path, foreign domain, expiry, Max-Age=0 deletion, Secure over http; a written Cookie header comes first', async () => {
  const seen = new Map<string, string[]>();
  const server = await startServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] as string;
    seen.set(path, [...(seen.get(path) ?? []), req.headers.cookie ?? '']);
    if (path === '/set') {
      res.setHeader('set-cookie', [
        'inapp=1; Path=/app',
        'everywhere=2; Path=/; Max-Age=600',
        'doomed=3; Path=/',
        'secure=4; Path=/; Secure',
        'old=5; Path=/; Expires=Thu, 01 Jan 2015 00:00:00 GMT',
        'foreign=6; Path=/; Domain=example.invalid',
        'hidden=7; Path=/; HttpOnly',
      ]);
    }
    if (path === '/delete') res.setHeader('set-cookie', 'doomed=; Path=/; Max-Age=0');
    res.end('ok');
  });
  try {
    const text = shortRun(
      server.url,
      [
        '',
        '### set',
        'GET /set',
        '',
        '### in app',
        'GET /app/page',
        'Cookie: written=0',
        '',
        '### elsewhere',
        'GET /other',
        '',
        '### delete',
        'GET /delete',
        '',
        '### after',
        'GET /after',
        '',
      ],
    );
    const { result } = await runScenario(text);
    assert.equal(result.aggregate.failures, 0);
    const inApp = seen.get('/app/page') ?? [];
    const other = seen.get('/other') ?? [];
    const after = seen.get('/after') ?? [];
    assert.ok(inApp.length >= 3 && other.length >= 3 && after.length >= 3);
    // Written first, then the jar's: longer paths first, as RFC 6265 orders them (equal paths by creation time).
    const sorted = (header: string) => header.split('; ').sort().join('; ');
    for (const header of inApp) {
      assert.ok(header.startsWith('written=0; inapp=1; '), header);
      assert.equal(sorted(header), 'doomed=3; everywhere=2; hidden=7; inapp=1; written=0');
    }
    for (const header of other) assert.equal(sorted(header), 'doomed=3; everywhere=2; hidden=7');
    for (const header of after) assert.equal(sorted(header), 'everywhere=2; hidden=7');
    // The first request of the run had no cookie yet.
    assert.equal(seen.get('/set')?.[0], '');
  } finally {
    await server.close();
  }
});

test('@on-start login: the cookie it gets belongs to that user, who logs in once (closed) or once per iteration (open)', async () => {
  const { server, logins } = await loginServer();
  try {
    const sequence = ['', '### login', '# @on-start', 'POST /login', '', '### me', '# @task', 'GET /me', ''];
    const closed = await runScenario(shortRun(server.url, sequence, 2));
    const me = endpoint(closed.result, 'me');
    assert.ok(me.requests >= 4, `only ${me.requests} requests`);
    assert.equal(me.failures, 0, JSON.stringify(closed.result.failures));
    assert.equal(logins(), 2);

    const before = logins();
    const open = await runScenario([`# @host ${server.url}`, '# @rate 20/s', '# @max-users 3', '# @run-time 1s', '# @stop-timeout 5s', ...sequence].join('\n'));
    const openMe = endpoint(open.result, 'me');
    assert.ok(openMe.requests >= 5);
    assert.equal(openMe.failures, 0, JSON.stringify(open.result.failures));
    assert.equal(logins() - before, openMe.requests);
  } finally {
    await server.close();
  }
});

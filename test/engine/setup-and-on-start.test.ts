// `# @setup` and `# @on-start` against a real counting server: setup once per run (1 and 4 workers)
// with its captures in every worker, on-start once per user (closed model, ramping) or per
// iteration (open model), a failed setup that sends no load, and a stop while setup runs.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { EngineRunError, runToCompletion, spawnEngine } from '../../src/engine/spawn';
import { endpoint, ensureBuilt, runScenario, startCommand, startServer, type TestServer } from './helpers';

let server: TestServer;
let tokens = 0;
let sessions = 0;
/** Logins still to refuse with a 503 (on-start retry). */
let refuseLogins = 0;
/** What the task requests carried that the server did not hand out. */
const wrong: string[] = [];
/** The Cookie header of each /cookie-seen request. */
const cookiesSeen: string[] = [];

before(async () => {
  server = await startServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    res.setHeader('content-type', 'application/json');
    switch (url.pathname) {
      case '/token':
        res.end(JSON.stringify({ token: `T${++tokens}` }));
        return;
      case '/token-cookie':
        res.setHeader('set-cookie', 'from_setup=1; Path=/');
        res.end(JSON.stringify({ token: 'T1' }));
        return;
      case '/cookie-seen':
        cookiesSeen.push(req.headers.cookie ?? '');
        res.end('{}');
        return;
      case '/token-broken':
        res.statusCode = 500;
        res.end('{}');
        return;
      case '/token-hang':
        return; // answers never: a stop during setup must cut it off
      case '/login':
        if (refuseLogins > 0) {
          refuseLogins--;
          res.statusCode = 503;
          res.end('{}');
          return;
        }
        res.end(JSON.stringify({ session: `S${++sessions}`, token: url.searchParams.get('token') }));
        return;
      case '/a': {
        const token = url.searchParams.get('token');
        const session = url.searchParams.get('session');
        const knownSession = session !== null && /^S\d+$/.test(session) && Number(session.slice(1)) <= sessions;
        if (token !== 'T1' || (session !== null && !knownSession)) {
          wrong.push(`${token} ${session}`);
          res.statusCode = 401;
        }
        res.end('{}');
        return;
      }
      default:
        res.end('{}');
    }
  });
});
after(() => server.close());
beforeEach(() => {
  server.hits.clear();
  tokens = sessions = refuseLogins = 0;
  wrong.length = 0;
  cookiesSeen.length = 0;
});

function scenario(load: string[], setupPath = '/token'): string {
  return [
    `# @host ${server.url}`,
    ...load,
    '',
    '### token',
    '# @setup',
    '# @name setup',
    `GET ${setupPath}`,
    '',
    '### login',
    '# @on-start',
    '# @name login',
    'POST /login?token={{setup.response.body.$.token}}',
    '',
    '### a',
    '# @task',
    'GET /a?token={{setup.response.body.$.token}}&session={{login.response.body.$.session}}',
    '',
  ].join('\n');
}

for (const workers of [1, 4]) {
  test(`setup runs once with ${workers} worker(s), its captures reach every user of every worker; on-start once per user`, async () => {
    const { result, events } = await runScenario(scenario(['# @users 8', '# @run-time 1500ms', '# @think 50ms', '# @stop-timeout 5s']), { workers });
    assert.equal(result.workers, workers);
    assert.equal(server.hits.get('/token'), 1);
    assert.equal(endpoint(result, 'token').requests, 1);
    // Closed model: each of the 8 users logs in once, whatever worker it runs on.
    assert.equal(server.hits.get('/login'), 8);
    assert.equal(endpoint(result, 'login').requests, 8);
    // A user without the setup's token would have failed its captures (unsent) or sent a wrong one.
    assert.ok(endpoint(result, 'a').requests >= 8, `a: ${endpoint(result, 'a').requests}`);
    assert.equal(result.aggregate.failures, 0, JSON.stringify(result.failures));
    assert.deepEqual(wrong, []);
    // The stop-timeout lets the last iterations finish: every request the server saw is counted.
    assert.equal(endpoint(result, 'a').requests, server.hits.get('/a'));
    assert.ok(events.some((event) => event.type === 'run/log' && /^setup: 1 request\(s\) in \d+ ms/.test(event.message)));
  });
}

test('open model: on-start runs at the start of every iteration', async () => {
  const { result } = await runScenario(scenario(['# @rate 20/s', '# @run-time 1s', '# @stop-timeout 5s']), { workers: 2 });
  assert.equal(server.hits.get('/token'), 1);
  assert.equal(server.hits.get('/login'), 20);
  assert.equal(server.hits.get('/a'), 20);
  assert.equal(endpoint(result, 'login').requests, 20);
  assert.equal(result.aggregate.failures, 0, JSON.stringify(result.failures));
});

test('ramping users (stages): each user started runs its on-start once', async () => {
  const { result } = await runScenario(scenario(['# @stage 300ms 3', '# @stage 1s 3', '# @think 50ms']));
  assert.equal(server.hits.get('/login'), 3);
  assert.ok((server.hits.get('/a') ?? 0) > 3);
  assert.equal(result.aggregate.failures, 0, JSON.stringify(result.failures));
});

test('a user whose on-start failed runs it again before its next iteration', async () => {
  refuseLogins = 1;
  const { result } = await runScenario(scenario(['# @users 2', '# @run-time 1s', '# @think 50ms']));
  // Two users, one refused once: three logins, of which one failed.
  assert.equal(server.hits.get('/login'), 3);
  assert.equal(endpoint(result, 'login').failures, 1);
  // The refused user's first task found no session to send (counted, not sent); after that none failed.
  assert.equal(endpoint(result, 'a').failures, 1);
  assert.deepEqual(wrong, []);
});

test('a scenario without setup or on-start runs as before', async () => {
  const text = `# @host ${server.url}\n# @rate 10/s\n# @run-time 1s\n# @stop-timeout 5s\n\n###\nGET /a?token=T1\n`;
  const { result, events } = await runScenario(text);
  assert.equal(result.aggregate.requests, 10);
  assert.equal(server.hits.get('/token'), undefined);
  assert.ok(!events.some((event) => event.type === 'run/log' && event.message.startsWith('setup:')));
});

test('a failed setup request: no load, run/error setup-failed naming the request and why', async () => {
  await assert.rejects(runScenario(scenario(['# @users 4', '# @run-time 1s'], '/token-broken'), { workers: 2 }), (error: unknown) => {
    assert.ok(error instanceof EngineRunError);
    assert.equal(error.code, 'setup-failed');
    assert.equal(error.message, "the @setup request 'token' (line 8) failed: HTTP 500");
    return true;
  });
  assert.equal(server.hits.get('/token-broken'), 1);
  assert.equal(server.hits.get('/login'), undefined);
  assert.equal(server.hits.get('/a'), undefined);
});

test('a setup request that fails a ?? check, or whose capture finds nothing, also stops the run before any load', async () => {
  const checked = scenario(['# @users 2', '# @run-time 1s']).replace('GET /token\n', 'GET /token\n?? body $.token == "other"\n');
  await assert.rejects(runScenario(checked), (error: unknown) => {
    assert.ok(error instanceof EngineRunError && error.code === 'setup-failed');
    assert.match(error.message, /^the @setup request 'token' \(line 8\) failed: check body \$\.token == "other": got "T1"$/);
    return true;
  });
  // A second setup block (it continues the sequence) reads a field the first answer lacks.
  const missing = scenario(['# @users 2', '# @run-time 1s']).replace('### login\n', '### token2\nGET /token?x={{setup.response.body.$.nothing}}\n\n### login\n');
  await assert.rejects(runScenario(missing), (error: unknown) => {
    assert.ok(error instanceof EngineRunError && error.code === 'setup-failed', String(error));
    assert.equal(error.message, "the @setup request 'token2' (line 11) failed: capture setup.response.body.$.nothing: no value");
    return true;
  });
  assert.equal(server.hits.get('/a'), undefined);
  assert.equal(server.hits.get('/login'), undefined);
});

test('a stop while setup waits on its request ends the run cleanly as stopped, with no load', async () => {
  ensureBuilt();
  const handle = spawnEngine();
  try {
    const done = runToCompletion(handle, startCommand(scenario(['# @users 2', '# @run-time 10s'], '/token-hang')));
    const until = Date.now() + 10_000;
    while (!server.hits.get('/token-hang') && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    const stoppedAt = Date.now();
    handle.stop();
    const result = await done;
    await handle.exited;
    assert.equal(result.outcome, 'stopped');
    assert.ok(Date.now() - stoppedAt < 5000, `stopping took ${Date.now() - stoppedAt} ms`);
    // The cut-off request is not counted; nothing else was sent.
    assert.equal(result.aggregate.requests, 0);
    assert.equal(server.hits.get('/login'), undefined);
    assert.equal(server.hits.get('/a'), undefined);
  } finally {
    handle.kill();
  }
});

test('the setup keeps its cookies in a jar of its own: users receive its captures, not its cookies', async () => {
  const text = [`# @host ${server.url}`, '# @users 2', '# @run-time 500ms', '# @think 50ms', '', '###', '# @setup', '# @name setup', 'GET /token-cookie', '', '###', '# @task', 'GET /cookie-seen?token={{setup.response.body.$.token}}', ''].join('\n');
  const { result } = await runScenario(text, { workers: 2 });
  assert.equal(result.aggregate.failures, 0, JSON.stringify(result.failures));
  assert.ok(cookiesSeen.length >= 2);
  assert.deepEqual(cookiesSeen.filter((cookie) => cookie !== ''), []);
});

// Send Request keeps a jar per scenario file and follows redirects as a run does
// (src/engine/send-once.ts), against a real loopback server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { redirectGuard } from '../../../src/core/plan/loopback';
import { UserCookies } from '../../../src/engine/cookie-jar';
import type { PreparedSend } from '../../../src/vscode/run/send/prepare-request';
import { SendFailedError, sendOnce } from '../../../src/engine/send-once';
import { responseDocumentText } from '../../../src/vscode/run/logic/response-text';

let server: Server;
let base = '';
const cookiesSeen: Array<string | undefined> = [];

before(async () => {
  server = createServer((req, res) => {
    cookiesSeen.push(req.headers.cookie);
    if (req.url === '/login') res.writeHead(303, { 'set-cookie': 'session=s1; Path=/; HttpOnly', location: '/home' }).end();
    else if (req.url === '/profile') res.writeHead(req.headers.cookie === 'session=s1' ? 200 : 401).end();
    else if (req.url === '/loop') res.writeHead(302, { location: '/loop' }).end();
    else if (req.url === '/outside') res.writeHead(302, { location: 'https://unconfirmed.invalid/x' }).end();
    else res.writeHead(200, { 'content-type': 'text/plain' }).end(`at ${req.url}`);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

after(() => server.close());

function prepared(method: string, path: string, flags: Partial<PreparedSend> = {}): PreparedSend {
  return { method, url: `${base}${path}`, headers: [], body: undefined, timeoutMs: 5000, followRedirects: true, useCookieJar: true, http1Only: false, ...flags };
}

test('a login that redirects: the jar keeps its cookie for the next send; the final answer and the hops are shown', async () => {
  const cookies = new UserCookies();
  const login = await sendOnce(prepared('POST', '/login'), { cookies });
  assert.equal(login.status, 200);
  assert.equal(login.redirects, 1);
  assert.equal(login.finalUrl, `${base}/home`);
  assert.equal(Buffer.from(login.body).toString(), 'at /home');
  assert.equal(cookiesSeen.at(-1), 'session=s1');
  const text = responseDocumentText({ title: 'login', method: 'POST', url: `${base}/login`, status: 200, statusText: 'OK', httpVersion: '1.1', headers: login.headers, body: login.body, durationMs: 3, redirects: 1, finalUrl: login.finalUrl });
  assert.match(text.split('\n')[0] ?? '', / · 1 redirect to http:\/\/127\.0\.0\.1:\d+\/home · /);

  assert.equal((await sendOnce(prepared('GET', '/profile'), { cookies })).status, 200);
  // @no-cookie-jar on the request: the jar is neither read nor written.
  assert.equal((await sendOnce(prepared('GET', '/profile', { useCookieJar: false }), { cookies })).status, 401);
  // "Clear Cookies".
  cookies.clear();
  assert.equal((await sendOnce(prepared('GET', '/profile'), { cookies })).status, 401);
});

test('@no-redirect shows the 3xx; a loop and an unconfirmed host are refused in words', async () => {
  const kept = await sendOnce(prepared('POST', '/login', { followRedirects: false }), {});
  assert.equal(kept.status, 303);
  assert.equal(kept.redirects, 0);
  await assert.rejects(sendOnce(prepared('GET', '/loop'), {}), (error: unknown) => error instanceof SendFailedError && /too many redirects \(more than 10\)/.test(error.message));
  await assert.rejects(
    sendOnce(prepared('GET', '/outside'), { redirectGuard: redirectGuard([base]) }),
    (error: unknown) => error instanceof SendFailedError && /redirect to unconfirmed host unconfirmed\.invalid/.test(error.message),
  );
});

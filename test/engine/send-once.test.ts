// One request sent alone through the engine's own client (src/engine/send-once.ts), as VS Code's
// Send Request sends it, against real loopback servers: a redirect chain that sets a cookie on
// its first hop, HTTP/2 over TLS where a run would negotiate it, `# @http1` keeping HTTP/1.1, the
// guard against redirects to unconfirmed hosts, the capture limit on a large body, and the
// request's timeout over a whole redirect chain, closing what it cut off.
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import { redirectGuard } from '../../src/core/plan/loopback';
import { CAPTURE_BODY_LIMIT_BYTES, CAPTURE_BODY_TOO_LARGE, CaptureMissing } from '../../src/engine/captures';
import { UserCookies } from '../../src/engine/cookie-jar';
import { SendFailedError, sendOnce, type SingleRequest } from '../../src/engine/send-once';
import { responseDocumentText } from '../../src/vscode/run/logic/response-text';
import { startH2Server, type H2Server } from '../support/tls-servers';

let plain: Server;
let plainBase = '';
let h2: H2Server;
let h2Base = '';
const cookiesAt = new Map<string, string | undefined>();
const BIG_BODY_BYTES = CAPTURE_BODY_LIMIT_BYTES + 300_000;

before(async () => {
  plain = createServer((req, res) => {
    cookiesAt.set(req.url ?? '', req.headers.cookie);
    if (req.url === '/login') res.writeHead(302, { 'Set-Cookie': 'session=s1; Path=/', Location: '/step' }).end();
    else if (req.url === '/step') res.writeHead(307, { Location: '/home' }).end();
    else if (req.url === '/big') res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(BIG_BODY_BYTES));
    else res.writeHead(200, { 'Content-Type': 'text/plain', 'X-First': 'a', 'X-Second': 'b' }).end(`at ${req.url}`);
  });
  await new Promise<void>((done) => plain.listen(0, '127.0.0.1', done));
  plainBase = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
  h2 = await startH2Server((stream, path) => {
    if (path === '/away') {
      stream.respond({ ':status': 302, location: 'https://unconfirmed.invalid/x' });
      stream.end();
    } else if (path === '/to-plain') {
      stream.respond({ ':status': 301, location: `${plainBase}/from-h2` });
      stream.end();
    } else {
      stream.respond({ ':status': 200, 'content-type': 'application/json' });
      stream.end('{"over":"h2"}');
    }
  }, 'over h1');
  h2Base = `https://127.0.0.1:${h2.port}`;
});

after(async () => {
  plain.close();
  await h2.close();
});

function request(url: string, flags: Partial<SingleRequest> = {}): SingleRequest {
  return { method: 'GET', url, headers: [], body: undefined, timeoutMs: 5000, followRedirects: true, useCookieJar: true, http1Only: false, ...flags };
}

test('a redirect chain: the cookie set on the first hop goes with the next hops; the final answer, its headers in order and the hops are read', async () => {
  const cookies = new UserCookies();
  const sent = await sendOnce(request(`${plainBase}/login`, { method: 'POST', headers: ['content-type', 'text/plain'], body: Buffer.from('hi') }), { cookies });
  assert.equal(sent.status, 200);
  assert.equal(sent.statusText, 'OK');
  assert.equal(sent.httpVersion, '1.1');
  assert.equal(sent.redirects, 2);
  assert.equal(sent.finalUrl, `${plainBase}/home`);
  assert.equal(Buffer.from(sent.body).toString(), 'at /home');
  assert.equal(sent.bodyBytes, 'at /home'.length);
  assert.deepEqual(
    sent.headers.filter(([name]) => name.startsWith('X-')),
    [['X-First', 'a'], ['X-Second', 'b']],
  );
  assert.equal(cookiesAt.get('/login'), undefined);
  assert.equal(cookiesAt.get('/step'), 'session=s1');
  assert.equal(cookiesAt.get('/home'), 'session=s1');
  assert.ok(sent.durationMs > 0);
  assert.equal(sent.stored.body, 'at /home');
  // The jar outlives the send (Send Request keeps one per file); without it nothing is sent.
  await sendOnce(request(`${plainBase}/again`), { cookies });
  assert.equal(cookiesAt.get('/again'), 'session=s1');
  await sendOnce(request(`${plainBase}/no-jar`, { useCookieJar: false }), { cookies });
  assert.equal(cookiesAt.get('/no-jar'), undefined);
});

test('https negotiates HTTP/2 as a run does, and the status line says so', async () => {
  h2.seen.clear();
  const sent = await sendOnce(request(`${h2Base}/item`), { insecure: true });
  assert.equal(sent.status, 200);
  assert.equal(sent.httpVersion, '2');
  assert.deepEqual([...(h2.seen.get('/item') ?? [])], ['2.0']);
  assert.equal(Buffer.from(sent.body).toString(), '{"over":"h2"}');
  const text = responseDocumentText({ title: 'item', method: 'GET', url: `${h2Base}/item`, ...sent });
  assert.equal(text.split('\n')[1], 'HTTP/2 200 OK');
});

test('# @http1 keeps https on HTTP/1.1', async () => {
  h2.seen.clear();
  const sent = await sendOnce(request(`${h2Base}/item`, { http1Only: true }), { insecure: true });
  assert.equal(sent.httpVersion, '1.1');
  assert.deepEqual([...(h2.seen.get('/item') ?? [])], ['1.1']);
  assert.equal(Buffer.from(sent.body).toString(), 'over h1');
});

test('a self-signed certificate is refused unless insecure is asked for, naming the setting and the flag that accept it', async () => {
  await assert.rejects(sendOnce(request(`${h2Base}/item`)), (error: unknown) => {
    assert.ok(error instanceof SendFailedError);
    assert.match(error.message, /GET https:\/\/127\.0\.0\.1:\d+\/item failed \(DEPTH_ZERO_SELF_SIGNED_CERT\): the server's certificate is self-signed/);
    assert.match(error.message, /: set loadlens\.insecure to accept it, or --insecure in the CLI$/);
    return true;
  });
});

test('the protocol shown is the final hop\'s: an HTTP/2 redirect to http:// ends on HTTP/1.1', async () => {
  const sent = await sendOnce(request(`${h2Base}/to-plain`), { insecure: true });
  assert.equal(sent.redirects, 1);
  assert.equal(sent.finalUrl, `${plainBase}/from-h2`);
  assert.equal(sent.httpVersion, '1.1');
});

test('a redirect to an unconfirmed host is refused in words, from an HTTP/2 answer too', async () => {
  const guard = redirectGuard([plainBase, h2Base]);
  await assert.rejects(
    sendOnce(request(`${h2Base}/away`), { insecure: true, redirectGuard: guard }),
    (error: unknown) => error instanceof SendFailedError && /failed after 302 from https:\/\/127\.0\.0\.1:\d+\/away: redirect to unconfirmed host unconfirmed\.invalid$/.test(error.message),
  );
});

test('a body over the capture limit: its first 1 MiB is kept for the view, its size counted, and a capture from it fails as in a run', async () => {
  const sent = await sendOnce(request(`${plainBase}/big`));
  assert.equal(sent.body.byteLength, CAPTURE_BODY_LIMIT_BYTES);
  assert.equal(sent.bodyBytes, BIG_BODY_BYTES);
  assert.throws(() => sent.stored.body, (error: unknown) => error instanceof CaptureMissing && error.message === CAPTURE_BODY_TOO_LARGE);
  const text = responseDocumentText({ title: 'big', method: 'GET', url: `${plainBase}/big`, ...sent });
  assert.match(text.split('\n')[0] ?? '', / · 1,348,576 bytes$/);
  assert.match(text, /… \(300,000 more bytes not shown\)\n$/);
});

test('a URL that is not http(s) is refused before anything is sent', async () => {
  await assert.rejects(sendOnce(request('ftp://127.0.0.1/x')), (error: unknown) => error instanceof SendFailedError && /not an http:\/\/ or https:\/\/ URL/.test(error.message));
});

/** A loopback server that takes connections and never answers; `open` counts its sockets not yet closed. */
async function silentServer(): Promise<{ server: TcpServer; base: string; accepted: () => number; open: () => number }> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createTcpServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    // Read (and drop) the request: a socket left paused never sees the client's close.
    socket.resume();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, accepted: () => accepted, open: () => sockets.size };
}

async function closedWithin(open: () => number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (open() > 0 && Date.now() < until) await sleep(20);
  return open() === 0;
}

test('a server that never answers: the send fails with the run\'s timeout words, and its connection is closed', async () => {
  const silent = await silentServer();
  try {
    const started = Date.now();
    await assert.rejects(sendOnce(request(`${silent.base}/never`, { timeoutMs: 300 })), (error: unknown) => {
      assert.ok(error instanceof SendFailedError);
      assert.equal(error.message, `GET ${silent.base}/never failed: timeout after 300ms`);
      return true;
    });
    const took = Date.now() - started;
    assert.ok(took >= 250 && took < 5000, `failed after ${took} ms`);
    assert.equal(silent.accepted(), 1);
    assert.ok(await closedWithin(silent.open, 5000), 'the server still holds the connection open');
  } finally {
    silent.server.close();
  }
});

test('the timeout covers the whole redirect chain: a slow first hop and a second that never answers fail at the request\'s timeout', async () => {
  const silent = await silentServer();
  const slow = createServer((_req, res) => {
    setTimeout(() => res.writeHead(302, { Location: `${silent.base}/never` }).end(), 1200);
  });
  await new Promise<void>((done) => slow.listen(0, '127.0.0.1', done));
  const slowBase = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
  try {
    const started = Date.now();
    await assert.rejects(sendOnce(request(`${slowBase}/start`, { timeoutMs: 2000 })), (error: unknown) => {
      assert.ok(error instanceof SendFailedError);
      assert.equal(error.message, `GET ${slowBase}/start failed at ${silent.base}/never (after 1 redirect): timeout after 2s`);
      return true;
    });
    // A timeout per hop would fail at 1.2 s + 2 s; the request's 2 s spans both hops.
    const took = Date.now() - started;
    assert.ok(took >= 1900 && took < 2900, `failed after ${took} ms`);
    assert.equal(silent.accepted(), 1, 'the second hop was sent');
    assert.ok(await closedWithin(silent.open, 5000), 'the second hop\'s connection is still open');
  } finally {
    slow.close();
    slow.closeAllConnections();
    silent.server.close();
  }
});

// The plain-HTTP transport against real servers on 127.0.0.1:0: node:http for the usual answers,
// a raw TCP server for the ones node:http will not produce (1xx first, a body until close, a
// connection cut mid-answer).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Http1Origin, type ResponseHandler } from '../../src/engine/http1-transport';
import { nodeHttp1Parser } from './helpers';

const PARSER = nodeHttp1Parser();

interface Outcome {
  status: number;
  headers: string[];
  body: string;
  error: Error | undefined;
}

/** Sends one request and resolves with what the handler saw. */
function exchange(origin: Http1Origin, method: string, path: string, headers: string[] = [], body?: string, key: { method: string } = { method }): Promise<Outcome> {
  return new Promise((resolve) => {
    const outcome: Outcome = { status: 0, headers: [], body: '', error: undefined };
    const handler: ResponseHandler = {
      onConnect() {},
      onHeaders(status, raw) {
        outcome.status = status;
        outcome.headers = raw;
        return true;
      },
      onData(chunk) {
        outcome.body += chunk.toString('utf8');
        return true;
      },
      onComplete: () => resolve(outcome),
      onError(error) {
        outcome.error = error;
        resolve(outcome);
      },
    };
    origin.send(handler, { spec: key, path, headers, body });
  });
}

async function listen(server: HttpServer | TcpServer): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function close(server: HttpServer | TcpServer): Promise<void> {
  if ('closeAllConnections' in server) server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

test('keep-alive: sequential requests reuse one connection; bodies, methods and lengths arrive intact', async () => {
  let connections = 0;
  const server = createHttpServer((req, res) => {
    let received = '';
    req.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
    req.on('end', () => {
      const echo = JSON.stringify({ method: req.method, url: req.url, host: req.headers.host, length: req.headers['content-length'] ?? null, received, x: req.headers['x-test'] ?? null });
      // Chunked on purpose: no content-length on the answer.
      res.write(echo.slice(0, 5));
      res.end(echo.slice(5));
    });
  });
  server.on('connection', () => connections++);
  const url = await listen(server);
  const origin = new Http1Origin(url, () => performance.now(), PARSER);
  try {
    for (let i = 0; i < 5; i++) {
      const outcome = await exchange(origin, 'GET', `/items?i=${i}`, ['X-Test', 'yes']);
      assert.equal(outcome.error, undefined);
      assert.equal(outcome.status, 200);
      assert.deepEqual(JSON.parse(outcome.body), { method: 'GET', url: `/items?i=${i}`, host: url.slice(7), length: null, received: '', x: 'yes' });
    }
    const posted = await exchange(origin, 'POST', '/p', ['Content-Length', '999'], 'héllo');
    assert.deepEqual(JSON.parse(posted.body), { method: 'POST', url: '/p', host: url.slice(7), length: '6', received: 'héllo', x: null });
    const empty = await exchange(origin, 'PUT', '/e');
    assert.equal(JSON.parse(empty.body).length, '0');
    assert.equal(connections, 1);
  } finally {
    origin.destroy(new Error('end of test'));
    await close(server);
  }
});

test('a server that closes after each answer gets a fresh connection each time, and HEAD waits for no body', async () => {
  let connections = 0;
  const server = createHttpServer((req, res) => {
    res.setHeader('connection', 'close');
    res.setHeader('content-length', '5');
    res.end(req.method === 'HEAD' ? undefined : 'hello');
  });
  server.on('connection', () => connections++);
  const url = await listen(server);
  const origin = new Http1Origin(url, () => performance.now(), PARSER);
  try {
    for (let i = 0; i < 3; i++) assert.equal((await exchange(origin, 'GET', '/')).body, 'hello');
    const head = await exchange(origin, 'HEAD', '/');
    assert.equal(head.error, undefined);
    assert.equal(head.body, '');
    assert.equal(connections, 4);
  } finally {
    origin.destroy(new Error('end of test'));
    await close(server);
  }
});

/** A raw server answering each connection's first request with `reply(socket)`. */
async function rawServer(reply: (socket: Socket) => void): Promise<{ url: string; server: TcpServer }> {
  const server = createTcpServer((socket) => socket.once('data', () => reply(socket)));
  return { url: await listen(server), server };
}

test('1xx then the answer completes once; a body until close completes; many headers all arrive', async () => {
  const many = Array.from({ length: 40 }, (_, i) => `x-h${i}: v${i}\r\n`).join('');
  const cases: Array<[string, (socket: Socket) => void, (outcome: Outcome) => void]> = [
    [
      '1xx',
      (socket) => socket.end('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\ncontent-length: 2\r\n\r\nok'),
      (outcome) => assert.deepEqual([outcome.status, outcome.body], [201, 'ok']),
    ],
    [
      'until close',
      (socket) => socket.end('HTTP/1.0 200 OK\r\n\r\nall of it'),
      (outcome) => assert.deepEqual([outcome.status, outcome.body, outcome.error], [200, 'all of it', undefined]),
    ],
    [
      'many headers',
      (socket) => socket.end(`HTTP/1.1 200 OK\r\n${many}content-length: 0\r\n\r\n`),
      (outcome) => {
        assert.equal(outcome.headers.length, 82);
        assert.equal(outcome.headers[79], 'v39');
      },
    ],
  ];
  for (const [name, reply, check] of cases) {
    const { url, server } = await rawServer(reply);
    const origin = new Http1Origin(url, () => performance.now(), PARSER);
    try {
      const outcome = await exchange(origin, 'GET', '/');
      assert.equal(outcome.error, undefined, name);
      check(outcome);
    } finally {
      origin.destroy(new Error('end of test'));
      await close(server);
    }
  }
});

test('failures: cut mid-answer, not HTTP, refused, a line break in a header', async () => {
  const cut = await rawServer((socket) => socket.end('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nshort'));
  const garbage = await rawServer((socket) => socket.end('SSH-2.0-OpenSSH\r\n'));
  try {
    const cutOutcome = await exchange(new Http1Origin(cut.url, () => performance.now(), PARSER), 'GET', '/');
    assert.equal((cutOutcome.error as NodeJS.ErrnoException | undefined)?.code, 'ECONNRESET');
    const garbageOutcome = await exchange(new Http1Origin(garbage.url, () => performance.now(), PARSER), 'GET', '/');
    assert.match(String((garbageOutcome.error as NodeJS.ErrnoException | undefined)?.code), /^HPE_/);
  } finally {
    await close(cut.server);
    await close(garbage.server);
  }
  // A port that refuses: listen, note the port, close.
  const closed = createTcpServer();
  const closedUrl = await listen(closed);
  await close(closed);
  const refused = await exchange(new Http1Origin(closedUrl, () => performance.now(), PARSER), 'GET', '/');
  assert.equal((refused.error as NodeJS.ErrnoException | undefined)?.code, 'ECONNREFUSED');
  const origin = new Http1Origin(closedUrl, () => performance.now(), PARSER);
  assert.throws(() => origin.send({} as ResponseHandler, { spec: { method: 'GET' }, path: '/', headers: ['X-Bad', 'a\r\nInjected: 1'], body: undefined }), /invalid header value/);
});

/** A server that answers `ok` and counts the connections it accepted. */
async function countingServer(): Promise<{ url: string; connections: () => number; server: HttpServer }> {
  let connections = 0;
  const server = createHttpServer((_req, res) => res.end('ok'));
  server.on('connection', () => connections++);
  return { url: await listen(server), connections: () => connections, server };
}

test('a connection idle longer than the reuse limit is replaced, not reused', async () => {
  const { url, connections, server } = await countingServer();
  let clock = 0;
  const origin = new Http1Origin(url, () => clock, PARSER);
  try {
    await exchange(origin, 'GET', '/');
    clock += 1000;
    await exchange(origin, 'GET', '/');
    clock += 10_000;
    await exchange(origin, 'GET', '/');
    assert.equal(connections(), 2);
  } finally {
    origin.destroy(new Error('end of test'));
    await close(server);
  }
});

test('one clock read per answer, handed to the exchange; the idle limit is judged at the caller\'s send time', async () => {
  const { url, connections, server } = await countingServer();
  let clock = 0;
  let reads = 0;
  const origin = new Http1Origin(
    url,
    () => {
      reads++;
      return clock;
    },
    PARSER,
  );
  /** Sends at `sentAt` and resolves with the time onCompleteAt got (onComplete must not be called). */
  const timedExchange = (sentAt: number): Promise<number> =>
    new Promise((resolve, reject) => {
      const handler: ResponseHandler = {
        onConnect() {},
        onHeaders: () => true,
        onData: () => true,
        onComplete: () => reject(new Error('onComplete instead of onCompleteAt')),
        onCompleteAt: resolve,
        onError: reject,
      };
      origin.send(handler, { spec: { method: 'GET' }, path: '/', headers: [], body: undefined, sentAt });
      clock = sentAt + 7; // The answer comes later: the transport reads the clock when it completes.
    });
  try {
    assert.equal(await timedExchange(0), 7);
    assert.equal(reads, 1, 'a request sent with its time and answered reads the clock once');
    assert.equal(await timedExchange(1000), 1007);
    assert.equal(reads, 2);
    assert.equal(connections(), 1, 'reused within the idle limit');
    // Sent (by the caller's clock) beyond the idle limit after the last answer: a new connection.
    assert.equal(await timedExchange(20_000), 20_007);
    assert.equal(connections(), 2);
    assert.equal(reads, 3);
  } finally {
    origin.destroy(new Error('end of test'));
    await close(server);
  }
});

test('a burst beyond the connections being opened waits for a free one; all answer, or all fail when refused', async () => {
  let connections = 0;
  const server = createHttpServer((_req, res) => setTimeout(() => res.end('ok'), 20));
  server.on('connection', () => connections++);
  const url = await listen(server);
  const origin = new Http1Origin(url, () => performance.now(), PARSER);
  try {
    const outcomes = await Promise.all(Array.from({ length: 200 }, () => exchange(origin, 'GET', '/')));
    assert.equal(outcomes.filter((outcome) => outcome.body === 'ok').length, 200);
    assert.ok(connections >= 32 && connections <= 200, `${connections} connections`);
  } finally {
    origin.destroy(new Error('end of test'));
    await close(server);
  }
  const closed = createTcpServer();
  const closedUrl = await listen(closed);
  await close(closed);
  const refusing = new Http1Origin(closedUrl, () => performance.now(), PARSER);
  const refused = await Promise.all(Array.from({ length: 100 }, () => exchange(refusing, 'GET', '/')));
  assert.ok(refused.every((outcome) => (outcome.error as NodeJS.ErrnoException | undefined)?.code === 'ECONNREFUSED'));
});

test('kept body chunks stay intact while other connections read: every connection reads into one shared buffer', async () => {
  // Distinct bodies larger than the shared read buffer, and long headers that split across reads,
  // on 12 connections at once; the chunks are compared only after every exchange has ended.
  const bodyOf = (i: number): string => `${i}:`.padEnd(150_000, String.fromCharCode(97 + i));
  const server = createHttpServer((req, res) => {
    const i = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('i'));
    res.setHeader('x-long', 'v'.repeat(6000) + i);
    res.end(bodyOf(i));
  });
  const url = await listen(server);
  const origin = new Http1Origin(url, () => performance.now(), PARSER);
  try {
    const kept = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        new Promise<{ chunks: Buffer[]; headers: string[] }>((resolve, reject) => {
          const result = { chunks: [] as Buffer[], headers: [] as string[] };
          const handler: ResponseHandler = {
            onConnect() {},
            onHeaders(_status, raw) {
              result.headers = raw;
              return true;
            },
            onData(chunk) {
              result.chunks.push(chunk);
              return true;
            },
            onComplete: () => resolve(result),
            onError: reject,
          };
          origin.send(handler, { spec: { method: 'GET' }, path: `/?i=${i}`, headers: [], body: undefined });
        }),
      ),
    );
    kept.forEach(({ chunks, headers }, i) => {
      assert.equal(Buffer.concat(chunks).toString('latin1'), bodyOf(i), `body ${i}`);
      assert.equal(headers[headers.indexOf('x-long') + 1], 'v'.repeat(6000) + i, `header ${i}`);
    });
  } finally {
    origin.destroy(new Error('done'));
    await close(server);
  }
});

test('a body that is not kept is counted from its stated length, without chunks; chunked, kept and no-body answers as before', async () => {
  const server = createHttpServer((req, res) => {
    if (req.url === '/chunked') {
      res.write('abc');
      res.end('defg');
    } else if (req.url === '/empty') {
      res.statusCode = 204;
      res.end();
    } else {
      res.end('0123456789');
    }
  });
  const url = await listen(server);
  const origin = new Http1Origin(url, () => performance.now(), PARSER);
  const counted = (method: string, path: string, keepBody: boolean): Promise<{ chunks: number; bytes: number; lengths: number[] }> =>
    new Promise((resolve, reject) => {
      const seen = { chunks: 0, bytes: 0, lengths: [] as number[] };
      const handler: ResponseHandler = {
        onConnect() {},
        onHeaders: () => true,
        onData(chunk) {
          seen.chunks++;
          seen.bytes += chunk.length;
          return true;
        },
        onBodyLength: (bytes) => seen.lengths.push(bytes),
        onComplete: () => resolve(seen),
        onError: reject,
      };
      origin.send(handler, { spec: { method, keepBody }, path, headers: [], body: undefined });
    });
  try {
    // The same connection serves each in turn: the parser's body callback goes off and on again.
    assert.deepEqual(await counted('GET', '/', false), { chunks: 0, bytes: 0, lengths: [10] });
    assert.deepEqual(await counted('GET', '/chunked', false), { chunks: 2, bytes: 7, lengths: [] });
    assert.deepEqual(await counted('GET', '/', true), { chunks: 1, bytes: 10, lengths: [] });
    assert.deepEqual(await counted('GET', '/', false), { chunks: 0, bytes: 0, lengths: [10] });
    assert.deepEqual(await counted('HEAD', '/', false), { chunks: 0, bytes: 0, lengths: [] });
    assert.deepEqual(await counted('GET', '/empty', false), { chunks: 0, bytes: 0, lengths: [] });
    assert.deepEqual(await counted('GET', '/chunked', false), { chunks: 2, bytes: 7, lengths: [] });
  } finally {
    origin.destroy(new Error('done'));
    await close(server);
  }
});

// Warming the request path before the run's clock starts. A fresh worker runs its code in V8's
// interpreter until the hot functions are compiled; at 10,000-20,000 arrivals/s that made the
// first few hundred ms several times slower than the rest, the backlog passed `@max-users` and
// arrivals were dropped (docs/performance-history.md). So, before it reports ready, a worker of a
// fast open model sends a few thousand requests through the same code (client, transport, parser,
// timeouts, histogram) to a server inside this worker on loopback. Nothing reaches the target,
// and nothing is counted: the metrics of the warm-up go to a recorder that is thrown away.

import { createServer, type Server, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { MetricsRecorder } from '../core/metrics/recorder';
import { Deadlines } from './deadlines';
import { UserCookies } from './cookie-jar';
import { HttpClient, type Exchange, type ExchangeOwner, type SendSpec } from './http-client';

/** Below this rate (arrivals/s in the first second) a cold worker keeps up: no warm-up. */
export const WARM_UP_MIN_RATE = 2000;
/**
 * Exchanges of a warm-up: enough for V8 to optimize the hot path (measured:
 * docs/performance-history.md).
 */
export const WARM_UP_EXCHANGES = 10_000;
const WARM_UP_CONCURRENCY = 16;
/** A warm-up never delays the start by more than this. */
const WARM_UP_LIMIT_MS = 2000;
const RESPONSE = Buffer.from('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 2\r\n\r\nok', 'latin1');
const END_OF_HEAD = [13, 10, 13, 10];

/** Answers every request head (the warm-up sends no bodies) with RESPONSE, in order. */
function answerEveryHead(socket: Socket): void {
  let matched = 0;
  socket.on('data', (chunk: Buffer) => {
    let heads = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i] as number;
      matched = byte === END_OF_HEAD[matched] ? matched + 1 : byte === 13 ? 1 : 0;
      if (matched === 4) {
        heads++;
        matched = 0;
      }
    }
    for (let i = 0; i < heads; i++) socket.write(RESPONSE);
  });
  socket.on('error', () => socket.destroy());
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

const SPEC: SendSpec = {
  method: 'GET',
  timeoutMs: WARM_UP_LIMIT_MS,
  timeoutText: 'timeout',
  expect: undefined,
  keepBody: false,
  keepHeaders: false,
  followRedirects: true,
};

/** Runs `exchanges` requests, `WARM_UP_CONCURRENCY` at a time, against an in-worker server. */
export async function warmUp(exchanges: number): Promise<void> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    answerEveryHead(socket);
  });
  const port = await listen(server);
  const now = (): number => performance.now();
  const deadlines = new Deadlines(now);
  const client = new HttpClient({ insecure: false, longestTimeoutMs: WARM_UP_LIMIT_MS }, deadlines);
  const recorder = new MetricsRecorder(1);
  const origin = `http://127.0.0.1:${port}`;
  const cookies = new UserCookies();
  const until = now() + WARM_UP_LIMIT_MS;
  let started = 0;
  let ended = 0;
  await new Promise<void>((resolve) => {
    const owner: ExchangeOwner = {
      onExchangeEnd(exchange: Exchange): void {
        recorder.record(0, (exchange.endedAt - exchange.dueAt) * 1000, exchange.contentBytes, exchange.failure);
        ended++;
        if (started < exchanges && now() < until) next();
        else if (ended === started) resolve();
      },
    };
    const next = (): void => {
      started++;
      const at = now();
      // A jar as a user has one (empty: this server sets no cookie), so the path warmed is the users' path.
      client.send({ owner, spec: SPEC, origin, path: '/', headers: [], body: undefined, dueAt: at, sentAt: at, cookies });
    };
    for (let i = 0; i < WARM_UP_CONCURRENCY && i < exchanges; i++) next();
    if (exchanges <= 0) resolve();
  });
  recorder.takePartial({ users: 0, inFlight: 0, dropped: 0 });
  deadlines.close();
  await client.destroy();
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

// What a worker does before the run's clock starts (src/engine/preconnect.ts, warm-up.ts): it opens
// the first second's connections, and a fast open model warms its request path on a server of its
// own. Neither sends a request to the target, and the schedule starts only after both.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { ResolvedLoadModel } from '../../src/core/metrics/result';
import { Http1Origin } from '../../src/engine/http1-transport';
import { ASSUMED_LATENCY_MS, connectionsToOpen, MAX_PRECONNECT } from '../../src/engine/preconnect';
import { warmUp } from '../../src/engine/warm-up';
import { closeServer, listening, nodeHttp1Parser, runScenario } from './helpers';

/** A server that counts connections and requests, and how many connections existed at the first request. */
async function countingServer(): Promise<{ url: string; server: Server; connections(): number; requests(): number; connectionsAtFirstRequest(): number }> {
  let connections = 0;
  let requests = 0;
  let atFirst = -1;
  const server = createServer((_req, res) => {
    if (requests++ === 0) atFirst = connections;
    res.end('ok');
  });
  server.on('connection', (_socket: Socket) => connections++);
  const port = await listening(server);
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    connections: () => connections,
    requests: () => requests,
    connectionsAtFirstRequest: () => atFirst,
  };
}

const whole = (total: number): number => total;

/** Waits (up to 2 s) for `condition`: the server's side of a connection is seen a turn later. */
async function until(condition: () => boolean): Promise<void> {
  const end = Date.now() + 2000;
  while (!condition() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 5));
}

function tcpHandles(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === 'TCPSocketWrap' || kind === 'TCPServerWrap').length;
}

test('connections to open: the first second of users, or of arrivals times the assumed latency, capped', () => {
  const users: ResolvedLoadModel = { kind: 'users', users: 50 };
  assert.equal(connectionsToOpen(users, whole), 50);
  // A spawn rate of 10/s starts users 0..10 in the first second (the first at once).
  assert.equal(connectionsToOpen({ kind: 'users', users: 10_000, spawnRate: 10 }, whole), 11);
  assert.equal(connectionsToOpen({ kind: 'users', users: 100_000 }, whole), MAX_PRECONNECT);
  const rate: ResolvedLoadModel = { kind: 'rate', rate: 20_000, maxUsers: 10_000 };
  assert.equal(connectionsToOpen(rate, whole), (20_000 * ASSUMED_LATENCY_MS) / 1000);
  assert.equal(connectionsToOpen({ kind: 'rate', rate: 1, maxUsers: 1000 }, whole), 1);
  // Never more than @max-users, and each worker opens its own share.
  assert.equal(connectionsToOpen({ kind: 'rate', rate: 20_000, maxUsers: 3 }, whole), 3);
  assert.equal(connectionsToOpen(users, (total) => Math.ceil(total / 2)), 25);
  // A ramp from 0 counts the rate it reaches in the first second.
  const ramp: ResolvedLoadModel = { kind: 'stages', target: 'rate', maxUsers: 1000, stages: [{ durationMs: 10_000, target: 10_000 }] };
  assert.equal(connectionsToOpen(ramp, whole), Math.ceil((1000 * ASSUMED_LATENCY_MS) / 1000));
});

test('preconnect: opens the connections without a request, and requests then reuse them', async () => {
  const target = await countingServer();
  const origin = new Http1Origin(target.url, () => performance.now(), nodeHttp1Parser());
  try {
    await origin.preconnect(40);
    await until(() => target.connections() >= 40);
    assert.equal(target.connections(), 40);
    assert.equal(target.requests(), 0);
    const done = Array.from({ length: 10 }, () => sendOne(origin));
    await Promise.all(done);
    assert.equal(target.requests(), 10);
    assert.equal(target.connections(), 40, 'no new connection while pre-opened ones are idle');
  } finally {
    origin.destroy(new Error('test over'));
    await closeServer(target.server);
  }
});

test('preconnect to a port where nothing listens: resolves, and a request still reports the refusal', async () => {
  const probe = createServer();
  const port = await listening(probe);
  await closeServer(probe);
  const origin = new Http1Origin(`http://127.0.0.1:${port}`, () => performance.now(), nodeHttp1Parser());
  await origin.preconnect(5);
  const error = await sendOne(origin).then(() => undefined, (failure: Error) => failure);
  assert.equal((error as NodeJS.ErrnoException | undefined)?.code, 'ECONNREFUSED');
  origin.destroy(new Error('test over'));
});

test('warm-up: thousands of exchanges against its own server, then nothing of it is left open', async () => {
  const before = tcpHandles();
  await warmUp(2000);
  await until(() => tcpHandles() <= before);
  assert.ok(tcpHandles() <= before, JSON.stringify(process.getActiveResourcesInfo()));
});

test('a fast open model starts its schedule after preconnect and warm-up: the target sees only planned requests, on open connections', async () => {
  const target = await countingServer();
  try {
    // 2,000/s: warm-up on (WARM_UP_MIN_RATE), 2000 x 25 ms = 50 connections opened first.
    const text = `# @host ${target.url}\n# @rate 2000/s\n# @run-time 1s\n# @stop-timeout 2s\n\n###\nGET /\n`;
    const { result } = await runScenario(text);
    const sent = result.aggregate.requests;
    assert.equal(target.requests(), sent, 'every request the target saw is counted, and no other');
    assert.ok(sent + result.dropped <= 2000, `${sent} sent + ${result.dropped} dropped for 2,000 planned`);
    assert.ok(target.connectionsAtFirstRequest() >= 50, `${target.connectionsAtFirstRequest()} connections at the first request`);
  } finally {
    await closeServer(target.server);
  }
});

function sendOne(origin: Http1Origin): Promise<void> {
  return new Promise((resolve, reject) => {
    origin.send(
      {
        onConnect() {},
        onHeaders: () => true,
        onData: () => true,
        onComplete: () => resolve(),
        onError: reject,
      },
      { spec: { method: 'GET' }, path: '/', headers: [], body: undefined },
    );
  });
}

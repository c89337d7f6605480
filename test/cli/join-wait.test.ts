// A shard waits as long as the other shards take to join: the coordinator holds its join until
// the last one comes, and a held request can be cut on the way (Node's fetch gives up on an
// answer after 300 s; a proxy may cut sooner). A shard that had reached its coordinator asks
// again, however long that takes; only a coordinator it never reaches makes it give up (60 s).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SHARD_PROTOCOL_VERSION } from '../../src/core/protocol/shard';
import { ensureBuilt, startCli } from './helpers';

test('a shard whose held join is cut after the give-up time asks again and runs', { timeout: 120_000 }, async () => {
  ensureBuilt();
  let hits = 0;
  const target = createServer((req, res) => {
    hits++;
    res.end('ok');
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  const scenario = `# @host http://127.0.0.1:${(target.address() as AddressInfo).port}\n# @rate 5/s\n# @run-time 1s\n\n### hit\nGET /hit\n`;
  // A stand-in coordinator: for 65 s (beyond the shard's 60 s give-up time) it cuts every join
  // after holding it a second, as a timeout on the way would; then it answers as a coordinator.
  const answerFrom = Date.now() + 65_000;
  let joins = 0;
  let finished = false;
  const coordinator = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const reply = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.url?.endsWith('/join')) {
        joins++;
        if (Date.now() < answerFrom) return void setTimeout(() => req.socket.destroy(), 1000);
        return reply({ protocolVersion: SHARD_PROTOCOL_VERSION, runId: 'r', shard: { index: 1, count: 1 }, scenarioName: 'a.load.http', scenarioText: scenario, files: [], options: {}, startAt: Date.now() + 3000 });
      }
      if (req.url?.endsWith('/finished')) finished = true;
      reply({ stop: false });
    });
  });
  await new Promise<void>((resolve) => coordinator.listen(0, '127.0.0.1', resolve));
  try {
    const shard = startCli(['run', '--join', `http://127.0.0.1:${(coordinator.address() as AddressInfo).port}`], { timeoutMs: 110_000 });
    const outcome = await shard.done;
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.doesNotMatch(outcome.stderr, /could not reach the coordinator/);
    assert.match(outcome.stderr, /Joined as shard 1\/1/);
    assert.ok(joins > 10, `the shard asked ${joins} times`);
    assert.equal(finished, true, 'the shard handed in its result');
    // How many of its 5 arrivals a shard that is slow to start still sends is not the point here.
    assert.ok(hits >= 1, 'the shard ran its load');
  } finally {
    coordinator.closeAllConnections();
    coordinator.close();
    target.close();
  }
});

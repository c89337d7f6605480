// Who may join a coordinated run, and what a shard accepts from a coordinator
// (docs/security.md, Scale-out): the attacks each defence stops, kept in the suite.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHARD_PROTOCOL_VERSION } from '../../src/core/protocol/shard';
import { ensureBuilt, runCli, startCli, tempDir } from './helpers';

const SCENARIO = '# @host http://127.0.0.1:9\n# @rate 1/s\n# @run-time 1s\n\n### hit\nGET /\n';

test('listening beyond loopback without a shared token is refused: anyone could take the scenario', async () => {
  ensureBuilt();
  const dir = tempDir();
  try {
    const outcome = await runCli(['coordinate', dir.file('a.load.http', SCENARIO), '--shards', '2', '--listen', '0.0.0.0:0'], { env: { LOADLENS_SHARD_TOKEN: '' } });
    assert.equal(outcome.code, 2);
    assert.match(outcome.stderr, /set LOADLENS_SHARD_TOKEN/);
  } finally {
    dir.remove();
  }
});

test('a shard without the coordinator\'s token gets nothing: exit 2, no scenario', async () => {
  ensureBuilt();
  const dir = tempDir();
  const coordinator = startCli(['coordinate', dir.file('a.load.http', SCENARIO), '--shards', '1', '--listen', '127.0.0.1:0'], { env: { LOADLENS_SHARD_TOKEN: 'right-token' } });
  try {
    await coordinator.waitFor(/--join (http:\S+)/);
    const url = /--join (http:\S+)/.exec(coordinator.text())?.[1] as string;
    const intruder = await runCli(['run', '--join', url], { env: { LOADLENS_SHARD_TOKEN: 'wrong-token' } });
    assert.equal(intruder.code, 2, intruder.stderr);
    assert.match(intruder.stderr, /token is missing or wrong/);
    assert.doesNotMatch(intruder.stdout + intruder.stderr, /Joined as shard/);
  } finally {
    coordinator.kill('SIGINT');
    await coordinator.done;
    dir.remove();
  }
});

test('a coordinator that sends a file outside the shard\'s folder is refused: nothing is written there', async () => {
  ensureBuilt();
  const escaped = join(tmpdir(), `loadlens-escape-${process.pid}.txt`);
  const fake = createServer((req, res) => {
    req.resume();
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({
      protocolVersion: SHARD_PROTOCOL_VERSION, runId: 'r', shard: { index: 1, count: 1 }, scenarioName: 'a.load.http', scenarioText: SCENARIO,
      files: [{ path: `../${escaped.split('/').pop()}`, base64: Buffer.from('owned').toString('base64') }], options: {}, startAt: Date.now() + 1000,
    }));
  });
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  try {
    const outcome = await runCli(['run', '--join', `http://127.0.0.1:${(fake.address() as AddressInfo).port}`]);
    assert.equal(outcome.code, 3, outcome.stderr);
    assert.match(outcome.stderr, /outside the run's folder/);
    assert.equal(existsSync(escaped), false);
  } finally {
    fake.closeAllConnections();
    fake.close();
  }
});

test('a shard that cannot reach its coordinator says so (it gives up after 60 s with exit 3)', async () => {
  ensureBuilt();
  const shard = startCli(['run', '--join', 'http://127.0.0.1:9'], { timeoutMs: 10_000 });
  await shard.waitFor(/Waiting for the coordinator at http:\/\/127\.0\.0\.1:9/);
  shard.kill('SIGKILL');
  await shard.done;
});

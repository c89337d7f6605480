// Who may join a coordinated run, and what a shard accepts from a coordinator
// (docs/security.md, Scale-out): the attacks each defence stops, kept in the suite.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHARD_PATH_PREFIX, SHARD_PROTOCOL_VERSION } from '../../src/core/protocol/shard';
import { createShardServer } from '../../src/cli/coordinator/shard-server';
import { resultJson } from '../../src/core/report';
import { ensureBuilt, runCli, startCli, tempDir } from './helpers';
import { result as resultFixture } from './result-fixture';

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

test('a hostile shard message is a 400 with the reason, and the coordinator and its run go on', { timeout: 60_000 }, async () => {
  ensureBuilt();
  const dir = tempDir();
  const coordinator = startCli(['coordinate', dir.file('a.load.http', SCENARIO), '--shards', '1', '--listen', '127.0.0.1:0', '--json', `${dir.path}/joined.json`], { timeoutMs: 50_000 });
  try {
    await coordinator.waitFor(/--join (http:\S+)/);
    const url = /--join (http:\S+)/.exec(coordinator.text())?.[1] as string;
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${url}${SHARD_PATH_PREFIX}/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: response.status, body: (await response.json()) as { error?: string; runId?: string; startAt?: number } };
    };
    const joined = await post('join', { protocolVersion: SHARD_PROTOCOL_VERSION, name: 'attacker' });
    assert.equal(joined.status, 200);
    const { runId, startAt } = joined.body as { runId: string; startAt: number };
    const partial = { endpoints: [{ requests: 0, failures: 0, contentBytes: 0, sumMicros: 0, minMicros: null, maxMicros: 0, histogram: '' }], failures: [], users: 1, inFlight: 0, dropped: 0 };
    const interval = (second: number, extra: Record<string, unknown>) => ({ time: startAt + second * 1000, elapsedMs: second * 1000, intervalMs: 1000, partials: [{ ...partial, ...extra }] });
    const report = (second: number, extra: Record<string, unknown>) => ({ protocolVersion: SHARD_PROTOCOL_VERSION, runId, shard: 1, interval: interval(second, extra) });
    for (const [second, extra] of [[1, { redirects: 5 }], [2, { redirects: [5] }], [3, { checks: 'x' }], [4, { redirects: [[7, 1, 1]] }]] as const) {
      const answer = await post('interval', report(second, extra));
      assert.equal(answer.status, 400, JSON.stringify(extra));
      assert.match(answer.body.error ?? '', /partials that do not match/);
    }
    const result = { workers: 'many', outcome: 'completed', startTime: startAt, endTime: startAt + 1000, thresholds: [], shard: { index: 1, count: 1, intervals: [] } };
    const finished = await post('finished', { protocolVersion: SHARD_PROTOCOL_VERSION, runId, shard: 1, result });
    assert.equal(finished.status, 400);
    assert.match(finished.body.error ?? '', /`workers` is not a count/);
    const badOutcome = await post('finished', { protocolVersion: SHARD_PROTOCOL_VERSION, runId, shard: 1, result: { ...result, workers: 1, outcome: 'pwned' } });
    assert.equal(badOutcome.status, 400);
    assert.match(badOutcome.body.error ?? '', /`outcome` is not/);
    // The run goes on: a good second is taken, a good result ends the run and the reports are written.
    assert.equal((await post('interval', report(1, {}))).status, 200);
    const good = await post('finished', { protocolVersion: SHARD_PROTOCOL_VERSION, runId, shard: 1, result: { ...result, workers: 1, shard: { index: 1, count: 1, intervals: [interval(1, {})] } } });
    assert.equal(good.status, 200);
    const outcome = await coordinator.done;
    assert.doesNotMatch(outcome.stderr, /TypeError|at .+\.js:\d+/);
    assert.ok([0, 1].includes(outcome.code ?? -1), `exit ${outcome.code}: ${outcome.stderr}`);
    assert.equal((JSON.parse(readFileSync(`${dir.path}/joined.json`, 'utf8')) as { workers: number }).workers, 1);
  } finally {
    coordinator.kill('SIGKILL');
    await coordinator.done;
    dir.remove();
  }
});

test('a route that trips on a body answers 400 and the coordinator keeps serving', async () => {
  const server = createShardServer({ boom: (body) => (body as { deep: { field: string } }).deep.field.length as unknown as void }, undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${SHARD_PATH_PREFIX}/boom`;
    for (let i = 0; i < 2; i++) {
      const response = await fetch(base, { method: 'POST', body: '{}' });
      assert.equal(response.status, 400);
      assert.match(((await response.json()) as { error: string }).error, /does not match this Loadlens's shard protocol/);
    }
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

test('`loadlens merge` of a crafted shard result: exit 2, the file and what is wrong, no stack trace', async () => {
  ensureBuilt();
  const dir = tempDir();
  try {
    const partial = { endpoints: [0, 1].map(() => ({ requests: 0, failures: 0, contentBytes: 0, sumMicros: 0, minMicros: null, maxMicros: 0, histogram: '' })), failures: [], users: 1, inFlight: 0, dropped: 0, redirects: [[9, 1, 1]] };
    const crafted = resultFixture({ shard: { index: 1, count: 1, intervals: [{ time: 1_001_000, elapsedMs: 1000, intervalMs: 1000, partials: [partial as never] }] } });
    const file = join(dir.path, 'evil.json');
    writeFileSync(file, resultJson(crafted));
    const outcome = await runCli(['merge', file, '--json', join(dir.path, 'merged.json')]);
    assert.equal(outcome.code, 2, outcome.stderr);
    assert.match(outcome.stderr, /evil\.json: an interval has partials that do not match the requests/);
    assert.doesNotMatch(outcome.stderr, /TypeError|at .+\.js:\d+/);
    assert.equal(existsSync(join(dir.path, 'merged.json')), false);
  } finally {
    dir.remove();
  }
});

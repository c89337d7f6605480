// `loadlens coordinate` with shards started as `loadlens run --join URL`: real processes on
// loopback against one counting server. The joined run counts what the server counted, its live
// progress shows the sum, an `abort` rule broken on the joined numbers stops every shard, and a
// shard killed mid-run is named in the result with the seconds it is missing.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunResult } from '../../src/core/metrics/result';
import { ensureBuilt, runCli, startCli, tempDir, type RunningCli } from './helpers';

let server: Server;
let url = '';
const hits = new Map<string, number>();
const total = () => [...hits.values()].reduce((a, b) => a + b, 0);

before(async () => {
  ensureBuilt();
  server = createServer((req, res) => {
    const shard = new URL(req.url ?? '/', 'http://x').searchParams.get('shard') ?? '?';
    hits.set(shard, (hits.get(shard) ?? 0) + 1);
    // The shard started with SLOW=1 hits a slow endpoint.
    if (req.url?.startsWith('/slow')) setTimeout(() => res.end('slow'), 400);
    else res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

const JOIN_URL = /--join (http:\/\/127\.0\.0\.1:\d+)/;

async function coordinated(scenarioText: string, shards: number, env: (i: number) => Record<string, string>) {
  hits.clear();
  const dir = tempDir();
  const scenario = dir.file('joined.load.http', scenarioText);
  const coordinator = startCli(['coordinate', scenario, '--shards', String(shards), '--listen', '127.0.0.1:0', '--json', `${dir.path}/joined.json`, '--html', `${dir.path}/joined.html`], { timeoutMs: 90_000 });
  await coordinator.waitFor(JOIN_URL);
  const joinUrl = JOIN_URL.exec(coordinator.text())?.[1] as string;
  const running: RunningCli[] = Array.from({ length: shards }, (_, i) =>
    startCli(['run', '--join', joinUrl, '--json', `${dir.path}/shard${i + 1}.json`], { env: { SHARD: String(i + 1), ...env(i + 1) }, timeoutMs: 90_000 }),
  );
  const read = (name: string) => JSON.parse(readFileSync(`${dir.path}/${name}`, 'utf8')) as RunResult;
  return { dir, coordinator, running, read };
}

/** The shard number the coordinator gave a process (shards are numbered in the order they join). */
function shardOf(cli: RunningCli): number {
  return Number(/Joined as shard (\d+)\//.exec(cli.text())?.[1]);
}

test('3 shards and a coordinator: the joined run counts what the server counted; live progress shows the sum', { timeout: 90_000 }, async () => {
  const rate = 60;
  const { dir, coordinator, running, read } = await coordinated(`# @host ${url}\n# @rate ${rate}/s\n# @run-time 4s\n# @stop-timeout 3s\n\n### hit\nGET /hit?shard={{$processEnv SHARD}}\n`, 3, () => ({}));
  try {
    const [outcome, ...shards] = await Promise.all([coordinator.done, ...running.map((shard) => shard.done)]);
    assert.equal(outcome?.code, 0, `${outcome?.stdout}${outcome?.stderr}`);
    for (const shard of shards) assert.equal(shard.code, 0, shard.stderr);
    const joined = read('joined.json');
    assert.equal(joined.aggregate.requests, total(), 'the joined run counts every request the server got');
    assert.equal(total(), rate * 4, 'the three shards together sent the whole plan');
    for (let i = 1; i <= 3; i++) assert.equal(hits.get(String(i)), rate * 4 / 3, `shard process ${i} sent its third`);
    assert.deepEqual(joined.joined, { shards: 3, missing: [] });
    // The live line of the joined run: about the whole rate, not one shard's third.
    const live = [...(outcome?.stderr ?? '').matchAll(/\| ([\d.]+) req\/s \|/g)].map((match) => Number(match[1]));
    assert.ok(live.length >= 3, outcome?.stderr);
    assert.ok(live.slice(0, 3).some((rps) => rps >= rate * 0.8), `live req/s ${live.join(', ')} should show the sum (${rate}/s)`);
    assert.match(outcome?.stdout ?? '', new RegExp(`Aggregated\\s+${total()}\\b`));
  } finally {
    dir.remove();
  }
});

test('an abort rule broken by one shard\'s slow endpoint stops every shard', { timeout: 90_000 }, async () => {
  const text = `# @host ${url}\n# @rate 30/s\n# @run-time 40s\n# @stop-timeout 2s\n# @threshold p95 < 200ms error abort\n\n### hit\nGET /{{$processEnv KIND}}?shard={{$processEnv SHARD}}\n`;
  const { dir, coordinator, running, read } = await coordinated(text, 3, (i) => ({ KIND: i === 2 ? 'slow' : 'hit' }));
  try {
    const [outcome, ...shards] = await Promise.all([coordinator.done, ...running.map((shard) => shard.done)]);
    assert.equal(outcome?.code, 1, `${outcome?.stdout}${outcome?.stderr}`);
    assert.match(outcome?.stderr ?? '', /Threshold `p95 < 200ms error abort` broken for 10 s on \S+ of the joined run: stopping every shard/);
    const joined = read('joined.json');
    assert.equal(joined.outcome, 'aborted');
    assert.equal(joined.abortedBy, 'p95 < 200ms error abort');
    for (const [i, shard] of shards.entries()) {
      assert.equal(shard.code, 0, shard.stderr);
      const own = read(`shard${i + 1}.json`);
      // Every shard stopped long before its 40 s: the fast ones too.
      assert.equal(own.outcome, 'stopped', `shard process ${i + 1}`);
      assert.ok(own.endTime - own.startTime < 25_000, `shard process ${i + 1} ran ${own.endTime - own.startTime} ms`);
    }
  } finally {
    dir.remove();
  }
});

test('a shard killed mid-run is named in the result with the seconds it is missing; exit 3', { timeout: 90_000 }, async () => {
  const { dir, coordinator, running, read } = await coordinated(`# @host ${url}\n# @rate 30/s\n# @run-time 6s\n# @stop-timeout 2s\n\n### hit\nGET /hit?shard={{$processEnv SHARD}}\n`, 3, () => ({}));
  try {
    const victim = running[1] as RunningCli;
    await victim.waitFor(/Joined as shard/);
    // Two seconds into the load (it starts 5 s after the last join).
    await new Promise((resolve) => setTimeout(resolve, 7000));
    const index = shardOf(victim);
    victim.kill('SIGKILL');
    const [outcome] = await Promise.all([coordinator.done, ...running.map((shard) => shard.done)]);
    assert.equal(outcome?.code, 3, `${outcome?.stdout}${outcome?.stderr}`);
    assert.match(outcome?.stderr ?? '', new RegExp(`Shard ${index}/3 \\(.+\\) lost: no numbers from second \\d+ on`));
    const joined = read('joined.json');
    const missing = joined.joined?.missing ?? [];
    assert.equal(missing.length, 1);
    assert.equal(missing[0]?.shard, index);
    const gap = missing[0];
    assert.ok((gap?.fromSecond ?? 0) >= 1 && (gap?.fromSecond ?? 9) <= 4, `missing from second ${gap?.fromSecond}`);
    // The seconds it is missing: from there to the joined run's last second (the others ran all 6).
    assert.ok((gap?.toSecond ?? 0) >= 6 && (gap?.toSecond ?? 99) <= 7, `to second ${gap?.toSecond}`);
    assert.equal(gap?.seconds, (gap?.toSecond ?? 0) - (gap?.fromSecond ?? 0) + 1);
    assert.equal(joined.intervals.length, gap?.toSecond);
    assert.match(outcome?.stdout ?? '', new RegExp(`missing: shard ${index}/3 from second ${gap?.fromSecond} to ${gap?.toSecond} \\(${gap?.seconds} s missing\\): .+: no numbers for \\d+ s`));
    const html = readFileSync(`${dir.path}/joined.html`, 'utf8');
    assert.match(html, /<div class="label">Shards<\/div><div class="value">2 of 3 \(1 missing\)<\/div>/);
    assert.match(html, new RegExp(`<tr><td class="text">${index}/3</td><td>${gap?.fromSecond}</td><td>${gap?.toSecond}</td><td>${gap?.seconds} s</td>`));
    // The others' load is all there.
    assert.ok(joined.aggregate.requests >= 2 * 60, `joined ${joined.aggregate.requests}`);
  } finally {
    dir.remove();
  }
});

test('Indexed Job pods are the shards of their JOB_COMPLETION_INDEX; a duplicate, an out-of-range index and a pod back after the start are refused', { timeout: 90_000 }, async () => {
  hits.clear();
  const dir = tempDir();
  const rate = 30;
  const scenario = dir.file('indexed.load.http', `# @host ${url}\n# @rate ${rate}/s\n# @run-time 3s\n# @stop-timeout 2s\n\n### hit\nGET /hit?shard={{$processEnv SHARD}}\n`);
  const coordinator = startCli(['coordinate', scenario, '--shards', '3', '--listen', '127.0.0.1:0', '--json', `${dir.path}/joined.json`], { timeoutMs: 60_000 });
  const pod = (index: number, tag: string) =>
    startCli(['run', '--join', joinUrl, '--json', `${dir.path}/pod${tag}.json`], { env: { JOB_COMPLETION_INDEX: String(index), SHARD: tag }, timeoutMs: 60_000 });
  let joinUrl = '';
  try {
    await coordinator.waitFor(JOIN_URL);
    joinUrl = JOIN_URL.exec(coordinator.text())?.[1] as string;
    // The last pod joins first: it is still shard 3.
    const last = pod(2, 'c');
    await coordinator.waitFor(/Shard 3\/3 joined/);
    const twin = await pod(2, 'twin').done;
    assert.equal(twin.code, 2, twin.stderr);
    assert.match(twin.stderr, /refused this shard \(JOB_COMPLETION_INDEX=2\): shard 3\/3 has already joined \(.+\): every shard needs its own number/);
    const beyond = await pod(3, 'beyond').done;
    assert.equal(beyond.code, 2, beyond.stderr);
    assert.match(beyond.stderr, /refused this shard \(JOB_COMPLETION_INDEX=3\): there is no shard 4: this run has 3 shards, numbered 1 to 3/);
    const other = await runCli(['run', '--join', joinUrl, '--shard', '1/4']);
    assert.equal(other.code, 2, other.stderr);
    assert.match(other.stderr, /started as 1\/4, but the run has 3 shards/);
    // A pod that dies while it waits leaves its number to the pod Kubernetes starts in its place.
    const dead = pod(1, 'dead');
    await coordinator.waitFor(/Shard 2\/3 joined/);
    dead.kill('SIGKILL');
    await dead.done;
    await coordinator.waitFor(/Shard 2\/3 \(.+\) left before the start: waiting for a shard to take its place/);
    const second = pod(1, 'b');
    await coordinator.waitFor(/Shard 2\/3 joined: .+, in place of .+, which left before the start/);
    const first = pod(0, 'a');
    await coordinator.waitFor(/All 3 shards joined/);
    const late = await pod(0, 'late').done;
    assert.equal(late.code, 3, late.stderr);
    assert.match(late.stderr, /refused this shard \(JOB_COMPLETION_INDEX=0\): this run started at .+: shard 1\/3 is .+, a shard cannot join a run under way/);
    const [outcome, ...pods] = await Promise.all([coordinator.done, first.done, second.done, last.done]);
    assert.equal(outcome?.code, 0, `${outcome?.stdout}${outcome?.stderr}`);
    for (const [i, tag] of ['a', 'b', 'c'].entries()) {
      assert.equal(pods[i]?.code, 0, pods[i]?.stderr);
      assert.match(pods[i]?.stderr ?? '', new RegExp(`Joined as shard ${i + 1}/3`));
      const own = JSON.parse(readFileSync(`${dir.path}/pod${tag}.json`, 'utf8')) as RunResult;
      assert.deepEqual({ index: own.shard?.index, count: own.shard?.count }, { index: i + 1, count: 3 });
      assert.equal(hits.get(tag), rate, `pod ${tag} sent its third of ${rate * 3}`);
    }
    const joined = JSON.parse(readFileSync(`${dir.path}/joined.json`, 'utf8')) as RunResult;
    assert.equal(joined.aggregate.requests, total());
    assert.equal(total(), rate * 3);
    assert.equal(hits.get('dead'), undefined, 'the pod that died before the start sent nothing');
    assert.deepEqual(joined.joined?.missing, []);
  } finally {
    coordinator.kill('SIGKILL');
    dir.remove();
  }
});

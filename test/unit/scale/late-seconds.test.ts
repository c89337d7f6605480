// A shard's second that reaches the coordinator after that joined second was shown live
// (src/cli/coordinator/joined-run.ts): its requests count in the next second shown, so the live
// totals, the thresholds and `abort` have every request the shards sent; its users (a gauge of a
// second already shown) do not count twice; nothing is held back for good; and the joined result
// puts every request in its own second, as if nothing had been late. Arrival times are given
// explicitly (`now`), never slept.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { JoinedRun } from '../../../src/cli/coordinator/joined-run';
import type { IntervalSnapshot, ShardInterval } from '../../../src/core/metrics';
import { finishedShard, oneUserInterval, requestsOf, SCENARIO_PATH, START, startedRun, usersOf } from './shard-intervals';

const META = { scenarioPath: SCENARIO_PATH, scenarioHash: 'h', host: undefined, engineVersion: 't' };

/** Three seconds of each of two one-user shards: shard 1 makes 10 requests a second, shard 2 makes 7. */
const shard1 = [oneUserInterval(1000, 10), oneUserInterval(2000, 10), oneUserInterval(3000, 10)] as const;
const shard2 = [oneUserInterval(1000, 7), oneUserInterval(2000, 7), oneUserInterval(3000, 7)] as const;
const TOTAL = 51;

/** Shards' intervals reaching the coordinator, each `atMs` after the start, with its tick (twice a second in `coordinate`) before it. */
function arrive(run: JoinedRun, arrivals: ReadonlyArray<readonly [shard: number, interval: ShardInterval, atMs: number]>): void {
  for (const [shard, interval, atMs] of arrivals) {
    run.tick(START + atMs);
    run.addInterval(shard, interval, START + atMs);
  }
}

test('a shard second that comes after it was shown counts in the next second shown, users once', () => {
  const live: IntervalSnapshot[] = [];
  const run = startedRun(2, live);
  arrive(run, [[1, shard1[0], 1050], [2, shard2[0], 1060], [1, shard1[1], 2050]]);
  // Shard 2 stalls: second 2 is shown 2.5 s after it ended, with shard 1's numbers only.
  run.tick(START + 4501);
  assert.deepEqual(live.map((second) => second.aggregate.requests), [17, 10]);
  // Its second 2 arrives now, late, then its second 3 and shard 1's.
  arrive(run, [[2, shard2[1], 4600]]);
  assert.equal(live.length, 2, 'a late second does not show a second of its own while the run goes on');
  arrive(run, [[2, shard2[2], 4700], [1, shard1[2], 4800]]);
  assert.deepEqual(live.map((second) => second.aggregate.requests), [17, 10, 24], 'second 3 shows its 17 requests and the 7 that came late');
  assert.equal(requestsOf(live), TOTAL, 'the live totals have every request the shards sent');
  assert.deepEqual(usersOf(live), [2, 1, 2], 'the late second adds requests, not a third user');
  assert.equal(run.heldIntervals, 0, 'nothing is left waiting');

  run.finish(1, finishedShard(1, 2, shard1), START + 4900);
  run.finish(2, finishedShard(2, 2, shard2), START + 4900);
  const onTime: IntervalSnapshot[] = [];
  const punctual = startedRun(2, onTime);
  arrive(punctual, [[1, shard1[0], 1050], [2, shard2[0], 1060], [1, shard1[1], 2050], [2, shard2[1], 2060], [1, shard1[2], 3050], [2, shard2[2], 3060]]);
  punctual.finish(1, finishedShard(1, 2, shard1), START + 3100);
  punctual.finish(2, finishedShard(2, 2, shard2), START + 3100);
  assert.deepEqual(onTime.map((second) => second.aggregate.requests), [17, 17, 17]);
  const result = run.result(META, START + 3100);
  assert.deepEqual(result, punctual.result(META, START + 3100), 'the joined result is the same as when every second came on time');
  assert.equal(result.aggregate.requests, TOTAL);
  assert.deepEqual(result.intervals.map((second) => second.aggregate.requests), [17, 17, 17], 'the result has each request in its own second');
});

test('a late second still waiting when the last shard finishes is shown, not dropped', () => {
  const live: IntervalSnapshot[] = [];
  const run = startedRun(2, live);
  arrive(run, [[1, shard1[0], 1050], [2, shard2[0], 1060], [1, shard1[1], 2050], [1, shard1[2], 3050]]);
  run.tick(START + 4501);
  run.tick(START + 5501);
  assert.deepEqual(live.map((second) => second.aggregate.requests), [17, 10, 10]);
  // Shard 2's last two seconds come after both were shown; then both shards finish.
  arrive(run, [[2, shard2[1], 5600], [2, shard2[2], 5700]]);
  run.finish(1, finishedShard(1, 2, shard1), START + 5800);
  run.finish(2, finishedShard(2, 2, shard2), START + 5800);
  assert.equal(requestsOf(live), TOTAL, 'the live totals have every request the shards sent');
  assert.deepEqual(live.map((second) => second.aggregate.requests), [17, 10, 10, 14], 'the late requests in a last second of their own');
  assert.equal(live.at(-1)?.users, 0, 'that second has no users: both shards are done');
  assert.equal(run.heldIntervals, 0, 'nothing is left waiting');
});

test('a slow shard holds nothing back for good: every late second is shown', () => {
  const live: IntervalSnapshot[] = [];
  const run = startedRun(2, live);
  // 20 seconds; shard 2 always reports 3.2 s after its second ended, past the grace; shard 1 on time.
  const fast = Array.from({ length: 20 }, (_, i) => oneUserInterval((i + 1) * 1000, 10));
  const slow = Array.from({ length: 20 }, (_, i) => oneUserInterval((i + 1) * 1000, 7));
  const arrivals = [...fast.map((interval) => [1, interval, interval.elapsedMs + 50] as const), ...slow.map((interval) => [2, interval, interval.elapsedMs + 3200] as const)];
  arrive(run, arrivals.sort((a, b) => a[2] - b[2]));
  run.finish(1, finishedShard(1, 2, fast), START + 23_300);
  run.finish(2, finishedShard(2, 2, slow), START + 23_300);
  assert.equal(requestsOf(live), 20 * 17);
  assert.equal(run.heldIntervals, 0);
  assert.ok(Math.max(...usersOf(live)) <= 2, `users per live second: ${usersOf(live).join(', ')}`);
});

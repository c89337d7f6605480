// Users in a joined run (`loadlens coordinate` live, `loadlens merge` and the coordinator's
// result after it): a shard's users are a gauge at the end of each interval, so when two of a
// shard's intervals fall in one joined second (the engine's last, short interval after a full
// one; a shard whose intervals end near the half second) its requests add up, but its users
// count once, as the later interval has them. The times are built, not measured.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IntervalSnapshot } from '../../../src/core/metrics';
import { joinIntervals } from '../../../src/core/scale/merge-results';
import { ENDPOINTS, oneUserInterval as interval, requestsOf as requests, SCENARIO_PATH, START, startedRun, usersOf as users } from './shard-intervals';

/** A stopped run: three full seconds, then the engine's last interval of 4 ms in the third second. */
const stoppedRun = [interval(1000, 10), interval(2000, 10), interval(3000, 10), interval(3004, 1, 4)];
/** A shard ready 500 ms after the start, its interval ends either side of the half second. */
const lateShard = [interval(1510, 10), interval(2490, 10), interval(3500, 10)];

test('merge: a shard of one user is one user in every joined second, its requests all counted', () => {
  for (const [name, shard, total] of [['stopped run', stoppedRun, 31], ['late shard', lateShard, 30]] as const) {
    const history = joinIntervals(ENDPOINTS, [shard], START).history;
    assert.deepEqual(users(history), history.map(() => 1), `${name}: users per joined second`);
    assert.equal(requests(history), total, `${name}: requests`);
  }
});

test('merge: two shards of one user each are two users in a second where one sent two intervals', () => {
  const history = joinIntervals(ENDPOINTS, [stoppedRun, [interval(1000, 5), interval(2000, 5), interval(3000, 5)]], START).history;
  assert.deepEqual(users(history), [2, 2, 2]);
});

test('coordinate: the live seconds and the result of a one-user shard peak at one user', () => {
  const live: IntervalSnapshot[] = [];
  const run = startedRun(1, live);
  // Each interval arrives as it ends: the late shard's first two both belong to second 2.
  for (const shardInterval of lateShard) run.addInterval(1, shardInterval, shardInterval.time);
  // Seconds with nothing from the shard are shown after their grace; the shard is not lost yet.
  run.tick(START + 5000);
  run.tick(START + 6100);
  assert.equal(Math.max(...users(live)), 1, `peak of the live seconds (users ${users(live).join(', ')})`);
  assert.equal(requests(live), 30);
  const result = run.result({ scenarioPath: SCENARIO_PATH, scenarioHash: 'h', host: undefined, engineVersion: 't' }, START + 3500);
  assert.deepEqual(users(result.intervals), result.intervals.map(() => 1), 'the joined result');
});

// The one grouping of shards' intervals by joined second (src/core/scale/shard-joiner.ts,
// addToSecond), used by `loadlens merge` and by the coordinator's live view: each shard's interval
// under its second; two of one shard in one second joined as one, their requests added and their
// users (a gauge at the end of an interval) taken from the later one only, whatever order they come in.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ShardInterval } from '../../../src/core/metrics';
import { addToSecond, type ShardSeconds } from '../../../src/core/scale/shard-joiner';
import { oneUserInterval } from './shard-intervals';

const requests = (interval: ShardInterval | undefined) => interval?.partials.reduce((sum, partial) => sum + (partial.endpoints[0]?.requests ?? 0), 0);
const users = (interval: ShardInterval | undefined) => interval?.partials.reduce((sum, partial) => sum + partial.users, 0);
const inFlight = (interval: ShardInterval | undefined) => interval?.partials.reduce((sum, partial) => sum + partial.inFlight, 0);

test('each shard\'s interval goes under its second, shards apart', () => {
  const seconds: ShardSeconds = new Map();
  const first = oneUserInterval(1000, 10);
  const second = oneUserInterval(2000, 7);
  const other = oneUserInterval(1000, 3);
  addToSecond(seconds, 1, 0, first);
  addToSecond(seconds, 2, 0, second);
  addToSecond(seconds, 1, 1, other);
  assert.deepEqual([...seconds.keys()], [1, 2]);
  assert.equal(seconds.get(1)?.get(0), first, 'one interval of a shard in a second is kept as it came');
  assert.equal(seconds.get(1)?.get(1), other);
  assert.equal(seconds.get(2)?.get(0), second);
  assert.equal(seconds.get(2)?.has(1), false);
});

test('two intervals of one shard in one second: requests added, users and in-flight from the later one', () => {
  // The engine's last, short interval (4 ms) after a full one, both ending in second 3.
  const full = oneUserInterval(3000, 10);
  const last = oneUserInterval(3004, 1, 4);
  for (const order of [[full, last], [last, full]]) {
    const seconds: ShardSeconds = new Map();
    for (const interval of order) addToSecond(seconds, 3, 0, interval);
    const joined = seconds.get(3)?.get(0);
    assert.equal(seconds.get(3)?.size, 1);
    assert.equal(requests(joined), 11);
    assert.equal(users(joined), 1, 'a shard of one user is one user, not two');
    assert.equal(inFlight(joined), 1);
    assert.equal(joined?.time, last.time, 'the joined interval ends when the later one does');
    assert.equal(joined?.intervalMs, 1000);
  }
});

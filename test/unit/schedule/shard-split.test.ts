import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globalIndex, partOfShard, shareOf } from '../../../src/core/schedule/split';
import { parseShard, parseStartAt } from '../../../src/cli/shard-options';

test('the workers of N shards carry exactly the users one machine with N*W workers would', () => {
  for (const [shards, workers, users] of [[2, 1, 7], [4, 2, 13], [3, 3, 100], [5, 1, 3]] as const) {
    const owners = new Map<number, string>();
    let total = 0;
    for (let shard = 1; shard <= shards; shard++) {
      let shardUsers = 0;
      for (let worker = 0; worker < workers; worker++) {
        const part = partOfShard({ index: shard, count: shards }, worker, workers);
        const share = shareOf(users, part.index, part.count);
        shardUsers += share;
        for (let local = 0; local < share; local++) {
          const user = globalIndex(local, part.index, part.count);
          assert.equal(owners.get(user), undefined, `user ${user} owned twice`);
          owners.set(user, `${shard}/${worker}`);
          // Shard I takes users I-1, I-1+N, ...: interleaved, as the spec's open model.
          assert.equal(user % shards, shard - 1);
        }
      }
      // A shard's share is the engine's own split of the whole over N.
      assert.equal(shardUsers, shareOf(users, shard - 1, shards));
      total += shardUsers;
    }
    assert.equal(total, users);
    assert.equal(owners.size, users);
  }
});

test('without a shard a worker keeps its own part', () => {
  assert.deepEqual(partOfShard(undefined, 1, 4), { index: 1, count: 4 });
});

test('--shard takes I/N with 1 <= I <= N and says what is wrong otherwise', () => {
  assert.deepEqual(parseShard('2/4'), { index: 2, count: 4 });
  for (const bad of ['0/4', '5/4', '2', '2/0', 'a/b', '1/1001', '-1/2']) {
    assert.throws(() => parseShard(bad), /--shard needs I\/N/, bad);
  }
});

test('--start-at takes Unix seconds or ISO 8601 with a zone', () => {
  const now = Date.parse('2026-05-01T12:00:00Z');
  assert.equal(parseStartAt('1777636830', now), 1777636830_000);
  assert.equal(parseStartAt('1777636830.5', now), 1777636830_500);
  assert.equal(parseStartAt('2026-05-01T12:00:30Z', now), now + 30_000);
  assert.equal(parseStartAt('2026-05-01T14:00:30+02:00', now), now + 30_000);
  assert.throws(() => parseStartAt('2026-05-01T12:00:30', now), /with its zone/);
  assert.throws(() => parseStartAt('tomorrow', now), /--start-at needs/);
  assert.throws(() => parseStartAt(String(now + 30_000), now), /more than 24 hours ahead/);
});

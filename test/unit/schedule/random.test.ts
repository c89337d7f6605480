import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRandom, pickWeighted, randomInt } from '../../../src/core/schedule';

test('a seed and stream give the same sequence; other streams differ', () => {
  const a = createRandom(42, 1);
  const b = createRandom(42, 1);
  const c = createRandom(42, 2);
  const seqA = Array.from({ length: 5 }, a);
  assert.deepEqual(Array.from({ length: 5 }, b), seqA);
  assert.notDeepEqual(Array.from({ length: 5 }, c), seqA);
  for (const value of seqA) assert.ok(value >= 0 && value < 1);
});

test('randomInt stays in [min, max) and covers it', () => {
  const random = createRandom(7);
  const seen = new Set<number>();
  for (let i = 0; i < 2000; i++) {
    const value = randomInt(random, 3, 8);
    assert.ok(value >= 3 && value < 8);
    seen.add(value);
  }
  assert.deepEqual([...seen].sort(), [3, 4, 5, 6, 7]);
});

test('pickWeighted follows the weights', () => {
  const random = createRandom(1);
  const counts = [0, 0, 0];
  const n = 90_000;
  for (let i = 0; i < n; i++) (counts[pickWeighted(random, [5, 8, 9])] as number)++;
  // weights 5, 3, 1
  assert.ok(Math.abs((counts[0] as number) / n - 5 / 9) < 0.01);
  assert.ok(Math.abs((counts[1] as number) / n - 3 / 9) < 0.01);
  assert.ok(Math.abs((counts[2] as number) / n - 1 / 9) < 0.01);
});

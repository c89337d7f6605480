import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRandom } from '../../src/core/schedule/random.ts';
import { arrivalSpread, freezeTruthMs, thinkLateness } from '../lib/truth.mjs';

test('a server stalling 250 ms of every 1000 ms implies p90 150 ms and p99 240 ms', () => {
  assert.ok(Math.abs(freezeTruthMs(0.9, 1000, 250) - 150) < 1e-9);
  assert.ok(Math.abs(freezeTruthMs(0.99, 1000, 250) - 240) < 1e-9);
  assert.equal(freezeTruthMs(0.5, 1000, 250), 0);
});

test('even arrivals give 1.0x bins; a burst at each second start shows', () => {
  const even = Array.from({ length: 1000 }, (_, k) => k); // 1000/s for 1 s
  const spread = arrivalSpread(even, 1000, 1);
  assert.equal(spread.maxBin, 1);
  assert.equal(spread.secondStart, 1);
  assert.equal(spread.p99OffsetMs, 0);
  const bursty = Array.from({ length: 1000 }, (_, k) => (k < 500 ? k / 10 : k)); // half in the first 50 ms
  assert.ok(arrivalSpread(bursty, 1000, 1).secondStart >= 4);
});

test('think lateness replays each user stream: token draw, then think draw', () => {
  const seed = 7;
  const tokens = [];
  const arrivals = [];
  const finishes = [];
  // Two users, three iterations each; every think honoured 2 ms late, responses take 1 ms.
  for (let user = 0; user < 2; user++) {
    const random = createRandom(seed, user);
    let at = user * 0.5;
    for (let k = 0; k < 3; k++) {
      tokens.push(String(Math.floor(random() * 4294967296)));
      arrivals.push(at);
      finishes.push(at + 1);
      at += 1 + 1000 + random() * 2000 + 2;
    }
  }
  const { values, unmatched } = thinkLateness({ seed, users: 2, tokens, arrivals, finishes });
  assert.equal(unmatched, 0);
  assert.equal(values.length, 4);
  for (const value of values) assert.ok(Math.abs(value - 2) < 1e-6, `lateness ${value}`);
});

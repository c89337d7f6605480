import { test } from 'node:test';
import assert from 'node:assert/strict';
import { discardReason, discardSummary, median, roundOrder, summarize } from '../lib/rounds.mjs';

const quiet = { otherCores: 0.05 };
const busy = { otherCores: 0.9 };
const run = (round, tool, rps, cpu = quiet, extra = {}) => ({ round, tool, rps, p50Ms: 1, p99Ms: 2, requests: 100, errors: 0, cpu, toolCores: 1, ...extra });

test('median of odd and even lists; undefined for none', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([]), undefined);
});

test('the order rotates so each tool leads one round', () => {
  const tools = ['a', 'b', 'c'];
  assert.deepEqual([0, 1, 2, 3].map((round) => roundOrder(tools, round)[0]), ['a', 'b', 'c', 'a']);
});

test('a run is discarded for a busy machine, errors or a failure, with the reason', () => {
  assert.equal(discardReason(run(0, 'a', 10), 0.15), undefined);
  assert.match(discardReason(run(0, 'a', 10, busy), 0.15), /other processes used 0.90 cores/);
  assert.match(discardReason(run(0, 'a', 10, quiet, { errors: 3 }), 0.15), /3 request errors/);
  assert.match(discardReason(run(0, 'a', 10, quiet, { error: 'boom' }), 0.15), /failed: boom/);
});

test('ratios are medians of same-round ratios between kept runs only', () => {
  const runs = [
    run(0, 'engine', 120),
    run(0, 'ref', 100),
    run(1, 'engine', 60),
    run(1, 'ref', 40, busy), // discarded: round 1 gives no pair
    run(2, 'engine', 260),
    run(2, 'ref', 200),
  ];
  for (const r of runs) r.discarded = discardReason(r, 0.15);
  const [engine, ref] = summarize(runs, ['engine', 'ref'], ['ref']);
  assert.equal(engine.kept, 3);
  assert.equal(engine.rps, 120);
  assert.deepEqual(engine.ratios.ref, { ratio: 1.25, pairs: 2 });
  assert.equal(ref.kept, 2);
  assert.equal(discardSummary(runs), '5 of 6 runs kept; discarded: 1 machine busy');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { discardReason, discardSummary, efficiency, median, roundOrder, summarize } from '../lib/rounds.mjs';
import { efficiencyTable, throughputTable } from '../lib/table.mjs';

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
  assert.deepEqual(engine.ratios.ref, { ratio: 1.25, pairs: 2, min: 1.2, max: 1.3, each: [1.2, 1.3] });
  assert.equal(ref.kept, 2);
  assert.equal(discardSummary(runs), '5 of 6 runs kept; discarded: 1 machine busy');
});

test('the throughput table shows each ratio with its spread over the rounds', () => {
  const runs = [run(0, 'engine', 130), run(0, 'ref', 100), run(1, 'engine', 120), run(1, 'ref', 100), run(2, 'engine', 150), run(2, 'ref', 100)];
  for (const r of runs) r.discarded = discardReason(r, 0.15);
  const table = throughputTable(summarize(runs, ['engine', 'ref'], ['ref']), ['ref']);
  assert.match(table.split('\n')[2], /^engine .* 1\.30x \(1\.20-1\.50\)/);
});

test('efficiency: requests per CPU-second of the engine and of the target, kept runs only', () => {
  const measured = (round, tool, requests, engineCpuS, targetCpuS, otherCores = 0.05) => ({
    ...run(round, tool, requests / 5, { otherCores }),
    requests,
    wallS: 5,
    engineCpuS,
    targetCpuS,
  });
  const runs = [
    measured(0, 'w1', 50_000, 4, 3),
    measured(1, 'w1', 45_000, 5, 3),
    measured(0, 'w2', 60_000, 6, 4),
    measured(1, 'w2', 5, 1, 1, 0.9), // discarded: busy
  ];
  for (const r of runs) r.discarded = discardReason(r, 0.15);
  const [one, two] = efficiency(runs, ['w1', 'w2']);
  assert.equal(one.kept, 2);
  assert.equal(one.perEngineCpuS, (12_500 + 9_000) / 2);
  assert.equal(one.engineCores, 0.9);
  assert.equal(two.kept, 1);
  assert.equal(two.perEngineCpuS, 10_000);
  assert.equal(two.perTargetCpuS, 15_000);
  assert.match(efficiencyTable([one, two]), /w2 +1\/2 +12,000 +1\.20 +0\.80 +10,000 +15,000/);
});

// The main thread's per-name histograms are sparse (src/core/metrics/sparse-histogram.ts): they must
// answer exactly what a dense hdr-histogram-js histogram of the same samples answers (percentiles,
// encoded text), add and subtract exactly, and hold memory by the buckets used, not by the width.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as hdr from 'hdr-histogram-js';
import { createHistogram, encodeHistogram, PERCENTILES, recordMicros } from '../../../src/core/metrics';
import { SparseHistogram } from '../../../src/core/metrics/sparse-histogram';
import { createRandom } from '../../../src/core/schedule';

function denseOf(samples: readonly number[]): hdr.Histogram {
  const histogram = createHistogram();
  for (const micros of samples) recordMicros(histogram, micros);
  return histogram;
}

function assertSameAsDense(sparse: SparseHistogram, dense: hdr.Histogram, what: string): void {
  assert.equal(sparse.totalCount, dense.totalCount, `${what}: count`);
  const set = sparse.percentileSet();
  for (const percentile of PERCENTILES) {
    const expected = dense.totalCount === 0 ? 0 : dense.getValueAtPercentile(percentile) / 1000;
    assert.equal(set[String(percentile)], expected, `${what}: p${percentile}`);
  }
  for (const percentile of [0, 0.1, 1, 10, 33, 99.5]) {
    const expected = dense.totalCount === 0 ? 0 : dense.getValueAtPercentile(percentile) / 1000;
    assert.equal(sparse.percentileMs(percentile), expected, `${what}: p${percentile}`);
  }
  assert.equal(sparse.encode(), encodeHistogram(dense), `${what}: encoded text`);
}

/**
 * Adds each round's samples to a sparse and a dense histogram and, as the window does, subtracts
 * the round that is `window` rounds old; both must answer the same after every step. Returns the
 * sparse histogram and the rounds still in it.
 */
function windowed(rounds: number, window: number, samplesOf: (round: number) => number[]): { sparse: SparseHistogram; inside: hdr.Histogram[] } {
  const sparse = new SparseHistogram();
  const expected = createHistogram();
  const parts: hdr.Histogram[] = [];
  for (let round = 0; round < rounds; round++) {
    const part = denseOf(samplesOf(round));
    parts.push(part);
    sparse.add(part);
    expected.add(part);
    assertSameAsDense(sparse, expected, `after adding round ${round}`);
    if (round >= window) {
      const leaving = parts[round - window] as hdr.Histogram;
      sparse.subtract(leaving);
      expected.subtract(leaving);
      assertSameAsDense(sparse, expected, `after subtracting round ${round - window}`);
    }
  }
  return { sparse, inside: parts.slice(-window) };
}

test('a sparse histogram answers what a dense one of the same samples answers, through adds and subtracts', () => {
  const random = createRandom(5);
  // Some rounds few samples, some many; latencies from 1 µs to 40 s, so buckets far apart.
  const { sparse, inside } = windowed(40, 10, (round) => {
    const count = round % 5 === 0 ? 1 : Math.floor(random() * 300);
    return Array.from({ length: count }, () => (random() < 0.1 ? random() * 5 : 20 + random() ** 6 * 40_000_000));
  });
  assert.equal(sparse.isDense, false);
  for (const part of inside) sparse.subtract(part);
  assert.equal(sparse.totalCount, 0);
  assert.equal(sparse.bucketsHeld, 0);
  assert.equal(sparse.encode(), '');
  assert.equal(sparse.percentileSet()['99'], 0);
});

test('a sparse histogram holds the buckets it was given, however wide apart they are', () => {
  const sparse = new SparseHistogram();
  // Three samples from 5 µs to 50 minutes: a dense histogram covers all 23,552 buckets (94 KB).
  sparse.add(denseOf([5, 80_000, 3_000_000_000]));
  assert.equal(sparse.bucketsHeld, 3);
  sparse.add(denseOf([5, 5, 81_000]));
  assert.equal(sparse.bucketsHeld, 4);
  assert.equal(sparse.totalCount, 6);
  assert.equal(sparse.isDense, false);
});

test('a histogram whose buckets come close together turns dense, and stays exact through adds and subtracts', () => {
  const random = createRandom(9);
  // 3,000 samples a round between 1 and 3 ms: most of those 1,500 buckets fill, a dense histogram (2,048 buckets) is smaller.
  const { sparse, inside } = windowed(12, 10, () => Array.from({ length: 3000 }, () => 1000 + random() * 2000));
  assert.equal(sparse.isDense, true);
  assert.equal(sparse.bucketsHeld, 0);
  for (const part of inside) sparse.subtract(part);
  assert.equal(sparse.totalCount, 0);
  assert.equal(sparse.isDense, false, 'an emptied histogram lets its dense counts go');
});

// A histogram read from outside the engine (a shard's message to `coordinate`, a result file given
// to `loadlens merge`) may have been written at another precision than the shared one
// (src/core/metrics/histogram.ts): its bucket indexes then mean other values. The per-name rows
// (sparse, bucket by bucket) must give what the aggregate row (dense, by value) gives for it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as hdr from 'hdr-histogram-js';
import { decodeHistogram, percentileSet, RunAggregator, WINDOW_INTERVALS, type IntervalPartial } from '../../../src/core/metrics';

/** 1 ms, 5 ms, 200 ms and 3 s (in µs), encoded by a histogram of `digits` significant digits. */
function encodedAt(digits: number): string {
  const histogram = hdr.build({ bitBucketSize: 32, autoResize: true, lowestDiscernibleValue: 1, highestTrackableValue: 2, numberOfSignificantValueDigits: digits as 1 | 2 | 3 | 4 | 5 });
  for (const micros of [1_000, 5_000, 200_000, 3_000_000]) histogram.recordValue(micros);
  return hdr.encodeIntoCompressedBase64(histogram);
}

function partial(histograms: readonly string[]): IntervalPartial {
  return {
    endpoints: histograms.map((histogram) => ({
      requests: histogram === '' ? 0 : 4,
      failures: 0,
      contentBytes: 0,
      sumMicros: histogram === '' ? 0 : 3_206_000,
      minMicros: histogram === '' ? Infinity : 1_000,
      maxMicros: histogram === '' ? 0 : 3_000_000,
      histogram,
    })),
    failures: [],
    users: 1,
    inFlight: 0,
    dropped: 0,
  };
}

test('histograms of 2 and 5 significant digits give each name the percentiles the aggregate row gives', () => {
  const names = [
    { method: 'GET', name: 'two-digits' },
    { method: 'GET', name: 'five-digits' },
  ];
  const encoded = [encodedAt(2), encodedAt(5)];
  const aggregator = new RunAggregator(names);
  // One name per second, so that each second's aggregate row holds that name's samples only.
  const seconds = [partial([encoded[0] as string, '']), partial(['', encoded[1] as string])];
  seconds.forEach((one, at) => {
    const snapshot = aggregator.addInterval([one], { time: at * 1000, elapsedMs: (at + 1) * 1000, intervalMs: 1000 });
    const row = snapshot.endpoints.find((endpoint) => endpoint.name === names[at]?.name);
    assert.deepEqual(row?.window, percentileSet(decodeHistogram(encoded[at] as string)), `${names[at]?.name}: window`);
    // In the first second the window, the name's and the aggregate's, holds that name's samples only.
    if (at === 0) assert.deepEqual(row?.window, snapshot.aggregate.window, `${names[at]?.name}: window against the aggregate's`);
  });
  const stats = aggregator.stats(2000);
  names.forEach((name, index) => {
    // decodeHistogram records another precision's samples by value into the shared one, as hdr does.
    const dense = percentileSet(decodeHistogram(encoded[index] as string));
    assert.deepEqual(stats.endpoints[index]?.percentiles, dense, `${name.name}: percentiles over the run`);
    assert.ok(Math.abs((stats.endpoints[index]?.percentiles['50'] ?? 0) - 5) < 0.01, `${name.name}: p50 about 5 ms`);
    assert.ok(Math.abs((stats.endpoints[index]?.percentiles['99'] ?? 0) - 3000) < 3, `${name.name}: p99 about 3 s`);
    assert.equal(decodeHistogram(stats.endpoints[index]?.histogram ?? '').totalCount, 4, `${name.name}: samples kept`);
  });
  // The aggregate row over the run: both names' samples, by value.
  const both = decodeHistogram(encoded[0] as string);
  both.add(decodeHistogram(encoded[1] as string));
  assert.deepEqual(stats.aggregate.percentiles, percentileSet(both), 'aggregate over the run');
  // When the foreign seconds leave the window, subtracting them (decoded again) empties it exactly.
  let last = aggregator.addInterval([partial(['', ''])], { time: 2000, elapsedMs: 3000, intervalMs: 1000 });
  for (let second = 3; second <= WINDOW_INTERVALS + 2; second++) {
    last = aggregator.addInterval([partial(['', ''])], { time: second * 1000, elapsedMs: (second + 1) * 1000, intervalMs: 1000 });
  }
  for (const row of last.endpoints) assert.deepEqual(row.window, percentileSet(undefined), `${row.name}: window after its samples left`);
});

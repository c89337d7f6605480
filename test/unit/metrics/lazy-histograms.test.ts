// Histograms are made on a name's first sample and sized to what it records (src/core/metrics/
// histogram.ts): merged across workers and intervals they must give exactly what one full-size
// histogram of every sample gives, bucket for bucket.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as hdr from 'hdr-histogram-js';
import { createHistogram, decodeHistogram, encodeHistogram, HIGHEST_TRACKABLE_US, MetricsRecorder, PERCENTILES, recordMicros, RunAggregator, WINDOW_INTERVALS } from '../../../src/core/metrics';
import type { IntervalSnapshot } from '../../../src/core/metrics/result';
import { createRandom } from '../../../src/core/schedule';

/** The shape every histogram had before they were sized lazily: the whole hour from the start. */
function fullSize(): hdr.Histogram {
  return hdr.build({ bitBucketSize: 32, autoResize: false, lowestDiscernibleValue: 1, highestTrackableValue: HIGHEST_TRACKABLE_US, numberOfSignificantValueDigits: 3 });
}

function record(histogram: hdr.Histogram, micros: number): void {
  histogram.recordValue(Math.max(1, Math.min(HIGHEST_TRACKABLE_US, Math.round(micros))));
}

function assertSameBuckets(actual: hdr.Histogram, expected: hdr.Histogram, what: string): void {
  assert.equal(actual.totalCount, expected.totalCount, `${what}: count`);
  for (const percentile of [...PERCENTILES, 0.1, 1, 10, 33, 99.5]) {
    assert.equal(actual.getValueAtPercentile(percentile), expected.getValueAtPercentile(percentile), `${what}: p${percentile}`);
  }
  const counts = (histogram: hdr.Histogram): Array<[number, number]> => {
    const found: Array<[number, number]> = [];
    const iterator = (histogram as unknown as { recordedValuesIterator: { reset(): void; hasNext(): boolean; next(): { valueIteratedTo: number; countAtValueIteratedTo: number } } }).recordedValuesIterator;
    iterator.reset();
    while (iterator.hasNext()) {
      const value = iterator.next();
      found.push([value.valueIteratedTo, value.countAtValueIteratedTo]);
    }
    return found;
  };
  assert.deepEqual(counts(actual), counts(expected), `${what}: buckets`);
}

test('lazily made, differently sized histograms of two workers merge exactly, over the run and over the window', () => {
  const random = createRandom(11);
  const names = [
    { method: 'GET', name: 'fast' },
    { method: 'GET', name: 'slow' },
    { method: 'GET', name: 'now-and-then' },
    { method: 'GET', name: 'never' },
  ];
  const workers = [new MetricsRecorder(names.length), new MetricsRecorder(names.length)];
  const aggregator = new RunAggregator(names);
  const runTotal = names.map(() => fullSize());
  const runAggregate = fullSize();
  const perInterval: hdr.Histogram[][] = [];
  const intervals = 3 * WINDOW_INTERVALS;
  let last: IntervalSnapshot | undefined;
  for (let second = 0; second < intervals; second++) {
    const these = names.map(() => fullSize());
    for (let i = 0; i < 400; i++) {
      const worker = workers[i % 2] as MetricsRecorder;
      // fast: 20 µs .. 3 ms; slow: up to 40 s (histograms grow in steps); now-and-then: some seconds only.
      const fast = 20 + random() ** 3 * 3000;
      const slow = 1000 + random() ** 6 * 40_000_000;
      const picks: Array<[number, number]> = [[0, fast], [1, slow]];
      if (second % 7 < 2 && i % 10 === 0) picks.push([2, slow / 3 + fast]);
      for (const [index, micros] of picks) {
        worker.record(index, micros, 1, undefined);
        record(runTotal[index] as hdr.Histogram, micros);
        record(these[index] as hdr.Histogram, micros);
        record(runAggregate, micros);
      }
    }
    perInterval.push(these);
    last = aggregator.addInterval(
      workers.map((worker) => worker.takePartial({ users: 1, inFlight: 0, dropped: 0 })),
      { time: second * 1000, elapsedMs: (second + 1) * 1000, intervalMs: 1000 },
    );
  }
  const stats = aggregator.stats(intervals * 1000);
  names.forEach((name, index) => assertSameBuckets(decodeHistogram(stats.endpoints[index]?.histogram ?? ''), runTotal[index] as hdr.Histogram, `${name.name} over the run`));
  assertSameBuckets(decodeHistogram(stats.aggregate.histogram), runAggregate, 'aggregate over the run');
  // The window: the last WINDOW_INTERVALS intervals, as a full-size histogram would hold them.
  assert.ok(last);
  names.slice(0, 3).forEach((name, index) => {
    const window = fullSize();
    for (const these of perInterval.slice(-WINDOW_INTERVALS)) window.add(these[index] as hdr.Histogram);
    const row = last?.endpoints.find((endpoint) => endpoint.name === name.name);
    for (const percentile of PERCENTILES) {
      const expected = window.totalCount === 0 ? 0 : window.getValueAtPercentile(percentile) / 1000;
      assert.equal(row?.window[String(percentile)], expected, `${name.name} window p${percentile}`);
    }
  });
  // A name never requested has no interval row and holds no histogram.
  assert.equal(last.endpoints.some((endpoint) => endpoint.name === 'never'), false);
  assert.equal(stats.endpoints[3]?.requests, 0);
  assert.equal(stats.endpoints[3]?.histogram, '');
});

test('idle names hold no histograms: in the workers after an idle interval, in the aggregator ever, in the window once it has passed', () => {
  const names = Array.from({ length: 1000 }, (_, index) => ({ method: 'GET', name: `n${index}` }));
  const recorder = new MetricsRecorder(names.length);
  const aggregator = new RunAggregator(names);
  const gauges = { users: 1, inFlight: 0, dropped: 0 };
  // Two names busy for a second; then all idle for a window.
  recorder.record(0, 500, 0, undefined);
  recorder.record(1, 700, 0, undefined);
  aggregator.addInterval([recorder.takePartial(gauges)], { time: 0, elapsedMs: 1000, intervalMs: 1000 });
  // The two busy names: cumulative and window each; the aggregate: cumulative, window; plus the interval's own.
  assert.equal(aggregator.histogramsHeld, 2 * 2 + 2 + 1);
  for (let second = 2; second <= WINDOW_INTERVALS + 2; second++) {
    aggregator.addInterval([recorder.takePartial(gauges)], { time: 0, elapsedMs: second * 1000, intervalMs: 1000 });
  }
  // Once their samples have left the window, the windows are let go: the cumulative ones stay.
  assert.equal(aggregator.histogramsHeld, 2 + 1 + 1, 'a thousand idle names add none, and the emptied windows are let go');
  // The recorder let go of the two histograms after an interval without samples: a new sample makes one again.
  recorder.record(0, 900, 0, undefined);
  const partial = recorder.takePartial(gauges);
  assert.equal(partial.endpoints[0]?.requests, 1);
  assert.equal(decodeHistogram(partial.endpoints[0]?.histogram ?? '').totalCount, 1);
});

test('a name switching between its buffer and its own histogram encodes each interval as a dense histogram of its samples', () => {
  // src/core/metrics/recorder.ts: past SAMPLES_BEFORE_HISTOGRAM (256) samples the buffered ones move
  // into the name's own histogram, kept while the name stays that busy, let go when it is quieter.
  const random = createRandom(29);
  const recorder = new MetricsRecorder(1);
  const gauges = { users: 1, inFlight: 0, dropped: 0 };
  [300, 300, 10, 0, 257, 256, 255, 3].forEach((samples, interval) => {
    const dense = createHistogram();
    for (let sample = 0; sample < samples; sample++) {
      // 0.3 µs .. past the hour, fractions included: the buffer bounds and rounds as recordMicros does.
      const micros = sample === 0 ? 0.3 : sample === 1 ? 2 * HIGHEST_TRACKABLE_US : 1 + random() ** 5 * 40_000_000;
      recorder.record(0, micros, 0, undefined);
      recordMicros(dense, micros);
    }
    const partial = recorder.takePartial(gauges);
    assert.equal(partial.endpoints[0]?.requests, samples);
    assert.equal(partial.endpoints[0]?.histogram, encodeHistogram(dense), `interval ${interval + 1}, of ${samples} samples`);
  });
});

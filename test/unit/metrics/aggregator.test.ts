import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHistogram, decodeHistogram, MetricsRecorder, PROTOCOL_BITS, protocolNames, recordMicros, RunAggregator, WINDOW_INTERVALS, type IntervalPartial } from '../../../src/core/metrics';

const endpoints = [
  { method: 'GET', name: 'home' },
  { method: 'POST', name: 'create' },
];
const gauges = { users: 5, inFlight: 2, dropped: 1 };

test('the protocols that answered merge across workers and intervals, per name and for the aggregate', () => {
  const a = new MetricsRecorder(2);
  const b = new MetricsRecorder(2);
  a.record(0, 1000, 0, undefined);
  a.recordProtocol(0, PROTOCOL_BITS['HTTP/2']);
  b.record(0, 1000, 0, undefined);
  b.recordProtocol(0, PROTOCOL_BITS['HTTP/1.1']);
  b.record(1, 1000, 0, 'ECONNREFUSED');
  const aggregator = new RunAggregator(endpoints);
  const first = [a.takePartial(gauges), b.takePartial(gauges)];
  assert.equal(first[1]?.endpoints[1]?.protocols, undefined, 'no answer, no protocol');
  aggregator.addInterval(first, { time: 1000, elapsedMs: 1000, intervalMs: 1000 });
  // The next interval starts from nothing: a name's set is the union over the run.
  assert.equal(a.takePartial(gauges).endpoints[0]?.protocols, undefined);
  aggregator.addInterval([a.takePartial(gauges)], { time: 2000, elapsedMs: 2000, intervalMs: 1000 });
  const stats = aggregator.stats(2000);
  assert.deepEqual(stats.endpoints[0]?.protocols, ['HTTP/1.1', 'HTTP/2']);
  assert.equal(stats.endpoints[1]?.protocols, undefined);
  assert.deepEqual(stats.aggregate.protocols, ['HTTP/1.1', 'HTTP/2']);
  assert.deepEqual(protocolNames(PROTOCOL_BITS['HTTP/2']), ['HTTP/2']);
});

test('partials of two workers merge into one interval: counts summed, histograms added', () => {
  const a = new MetricsRecorder(2);
  const b = new MetricsRecorder(2);
  for (let i = 0; i < 100; i++) a.record(0, 1000 + i, 10, undefined);
  for (let i = 0; i < 50; i++) b.record(0, 3000 + i, 20, i < 5 ? 'HTTP 503' : undefined);
  b.record(1, 500, 0, 'ECONNREFUSED');
  a.recordUnsent(1, 'capture x.response.body.$.id: no value');
  const aggregator = new RunAggregator(endpoints);
  const snapshot = aggregator.addInterval([a.takePartial(gauges), b.takePartial(gauges)], { time: 1000, elapsedMs: 1000, intervalMs: 1000 });
  assert.equal(snapshot.users, 10);
  assert.equal(snapshot.inFlight, 4);
  assert.equal(snapshot.dropped, 2);
  const [home, create] = snapshot.endpoints;
  assert.equal(home?.requests, 150);
  assert.equal(home?.failures, 5);
  assert.equal(home?.rps, 150);
  assert.equal(create?.requests, 2);
  assert.equal(create?.failures, 2);
  assert.equal(snapshot.aggregate.requests, 152);
  assert.equal(snapshot.aggregate.failures, 7);
  assert.ok(Math.abs((home?.total.minMs ?? 0) - 1) < 1e-9);
  assert.ok(Math.abs((home?.total.maxMs ?? 0) - 3.049) < 1e-9);
  assert.ok(Math.abs((home?.total.avgContentBytes ?? 0) - 2000 / 150) < 1e-9);
  const stats = aggregator.stats(2000);
  assert.equal(stats.endpoints[0]?.rps, 75);
  assert.equal(stats.aggregate.requests, 152);
  assert.equal(decodeHistogram(stats.aggregate.histogram).totalCount, 151, 'the unsent request has no latency');
  assert.deepEqual(
    aggregator.failures().map((f) => [f.name, f.error, f.occurrences]),
    [
      ['home', 'HTTP 503', 5],
      ['create', 'ECONNREFUSED', 1],
      ['create', 'capture x.response.body.$.id: no value', 1],
    ],
  );
  assert.equal(aggregator.dropped, 2);
});

test('recorder resets after each partial', () => {
  const r = new MetricsRecorder(1);
  r.record(0, 100, 1, undefined);
  assert.equal(r.takePartial(gauges).endpoints[0]?.requests, 1);
  const second = r.takePartial(gauges);
  assert.equal(second.endpoints[0]?.requests, 0);
  assert.equal(second.endpoints[0]?.histogram, '');
  assert.deepEqual(second.failures, []);
});

function partialWith(micros: number, count: number): IntervalPartial {
  const r = new MetricsRecorder(2);
  for (let i = 0; i < count; i++) r.record(0, micros, 0, undefined);
  return r.takePartial({ users: 1, inFlight: 0, dropped: 0 });
}

test('window percentiles cover exactly the last 10 intervals; totals cover the run', () => {
  const aggregator = new RunAggregator(endpoints);
  let last;
  // 10 intervals at 1 ms, then 10 at 100 ms: the window forgets the first ten.
  for (let i = 0; i < 2 * WINDOW_INTERVALS; i++) {
    last = aggregator.addInterval([partialWith(i < WINDOW_INTERVALS ? 1000 : 100_000, 10)], { time: i, elapsedMs: i * 1000, intervalMs: 1000 });
    if (i === WINDOW_INTERVALS) {
      // 10 at 100 ms among 100 at 1 ms: p95 is 100 ms, p50 is 1 ms.
      assert.ok(Math.abs((last.aggregate.window['50'] as number) - 1) < 0.01);
      assert.ok(Math.abs((last.aggregate.window['95'] as number) - 100) < 0.1);
    }
  }
  assert.ok(last);
  assert.ok(Math.abs((last.aggregate.window['50'] as number) - 100) < 0.1);
  assert.ok(Math.abs((last.aggregate.window['66'] as number) - 100) < 0.1);
  assert.equal(last.aggregate.total.requests, 200);
  assert.ok(Math.abs(last.aggregate.total.meanMs - 50.5) < 1e-9);
  // The window equals a histogram built from its own samples.
  const direct = createHistogram();
  for (let i = 0; i < 100; i++) recordMicros(direct, 100_000);
  assert.equal(last.endpoints[0]?.window['99'], direct.getValueAtPercentile(99) / 1000);
});

test('a long run keeps no more state than a short one: histograms and failure rows stay bounded', () => {
  const recorder = new MetricsRecorder(2);
  const aggregator = new RunAggregator(endpoints);
  const oneInterval = (second: number): void => {
    for (let i = 0; i < 20; i++) recorder.record(i % 2, 500 + ((i * 37 + second) % 3000), 2, i % 5 === 0 ? `HTTP 50${i % 3}` : undefined);
    aggregator.addInterval([recorder.takePartial(gauges)], { time: second * 1000, elapsedMs: second * 1000, intervalMs: 1000 });
  };
  for (let second = 1; second <= WINDOW_INTERVALS + 2; second++) oneInterval(second);
  const histograms = aggregator.histogramsHeld;
  const failureRows = aggregator.failures().length;
  for (let second = WINDOW_INTERVALS + 3; second <= 600; second++) oneInterval(second);
  assert.equal(aggregator.histogramsHeld, histograms, 'histograms held after 600 intervals');
  assert.equal(aggregator.failures().length, failureRows);
  // Per name: cumulative + window (the ring keeps the intervals encoded), plus the interval's own.
  assert.ok(histograms <= (endpoints.length + 1) * (2 + WINDOW_INTERVALS + 1), `${histograms} histograms`);
  assert.equal(aggregator.stats(600_000).aggregate.requests, 20 * 600);
});

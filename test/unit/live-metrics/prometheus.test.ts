import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as protobuf from 'protobufjs';
import { uncompress, compress } from 'snappyjs';
import { splitCredentials } from '../../../src/cli/live-metrics/credentials';
import { encodeWriteRequest } from '../../../src/cli/live-metrics/prometheus';
import { finalBatch, intervalBatch, LIVE_METRICS } from '../../../src/core/metrics/live-samples';
import { buildRunResult } from '../../fixtures/results';

// Prometheus' prompb messages, written independently of the code under test (prompb/types.proto).
const PROMPB = `
syntax = "proto3";
package prometheus;
message WriteRequest { repeated TimeSeries timeseries = 1; }
message TimeSeries { repeated Label labels = 1; repeated Sample samples = 2; }
message Label { string name = 1; string value = 2; }
message Sample { double value = 1; int64 timestamp = 2; }
`;
const WriteRequest = protobuf.parse(PROMPB).root.lookupType('prometheus.WriteRequest');

interface Decoded {
  timeseries: Array<{ labels: Array<{ name: string; value: string }>; samples: Array<{ value: number; timestamp: number }> }>;
}

describe('live samples and the remote-write encoding', () => {
  const result = buildRunResult({ durationS: 12 });
  const snapshot = result.intervals[11]!;

  it('an interval: users, then per name (aggregate first) counters, rps and three quantiles in seconds', () => {
    const batch = intervalBatch(snapshot, 'hospital.load.http');
    assert.equal(batch.timeMs, snapshot.time);
    const aggregate = batch.samples.filter((s) => s.labels.name === 'Aggregated');
    assert.deepEqual(aggregate.map((s) => [s.metric, s.labels.quantile ?? '']), [
      [LIVE_METRICS.requests, ''],
      [LIVE_METRICS.failures, ''],
      [LIVE_METRICS.rps, ''],
      [LIVE_METRICS.responseTime, '0.5'],
      [LIVE_METRICS.responseTime, '0.95'],
      [LIVE_METRICS.responseTime, '0.99'],
    ]);
    assert.equal(aggregate[0]?.value, snapshot.aggregate.total.requests);
    assert.equal(aggregate[4]?.value, (snapshot.aggregate.window['95'] as number) / 1000);
    assert.deepEqual(batch.samples[0], { metric: LIVE_METRICS.users, labels: { scenario: 'hospital.load.http' }, value: snapshot.users });
    assert.equal(batch.samples.filter((s) => s.metric === LIVE_METRICS.requests).length, 1 + snapshot.endpoints.length);
  });

  it('the final batch carries the result\'s totals after the last interval', () => {
    const batch = finalBatch(result, 's', result.endTime + 5);
    assert.equal(batch.timeMs, result.endTime + 6);
    assert.equal(batch.samples.find((s) => s.metric === LIVE_METRICS.requests && s.labels.name === 'Aggregated')?.value, result.aggregate.requests);
  });

  it('encodes a snappy-compressed WriteRequest Prometheus can read: sorted labels, __name__ first, no empty ones', () => {
    const batch = intervalBatch(snapshot, 'hospital.load.http');
    const decoded = WriteRequest.toObject(WriteRequest.decode(uncompress(compress(encodeWriteRequest(batch)))), { longs: Number }) as Decoded;
    assert.equal(decoded.timeseries.length, batch.samples.length);
    const requests = decoded.timeseries.find((series) => series.labels.some((l) => l.value === 'Aggregated') && series.labels[0]?.value === LIVE_METRICS.requests);
    assert.deepEqual(requests?.labels, [
      { name: '__name__', value: 'loadlens_requests_total' },
      { name: 'name', value: 'Aggregated' },
      { name: 'scenario', value: 'hospital.load.http' },
    ]);
    assert.deepEqual(requests?.samples, [{ value: snapshot.aggregate.total.requests, timestamp: snapshot.time }]);
    for (const series of decoded.timeseries) {
      const names = series.labels.map((l) => l.name);
      assert.deepEqual(names, [...names].sort());
    }
  });
});

describe('credentials in an --out URL', () => {
  it('become a basic Authorization header, and leave the URL', () => {
    assert.deepEqual(splitCredentials('https://user%40x:t%3Aok@example.invalid/api/v1/write'), {
      url: 'https://example.invalid/api/v1/write',
      headers: { Authorization: `Basic ${Buffer.from('user@x:t:ok').toString('base64')}` },
    });
    assert.deepEqual(splitCredentials('http://127.0.0.1:9090/api/v1/write'), { url: 'http://127.0.0.1:9090/api/v1/write', headers: {} });
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { failuresCsv, historyCsv, statsCsv } from '../../../src/core/report';
import type { EndpointStats, IntervalSnapshot, IntervalStats, RunResult } from '../../../src/core/metrics/result';
import { buildRunResult } from '../../fixtures/results';

const STATS_HEADER =
  'Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%\r\n';
const FAILURES_HEADER = 'Method,Name,Error,Occurrences\r\n';
const HISTORY_HEADER =
  'Timestamp,User Count,Type,Name,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%,Total Request Count,Total Failure Count,Total Median Response Time,Total Average Response Time,Total Min Response Time,Total Max Response Time,Total Average Content Size\r\n';

function percentiles(values: number[]): Record<string, number> {
  const keys = ['50', '66', '75', '80', '90', '95', '98', '99', '99.9', '99.99', '100'];
  return Object.fromEntries(keys.map((key, i) => [key, values[Math.min(i, values.length - 1)] ?? 0]));
}

function stats(overrides: Partial<EndpointStats>): EndpointStats {
  return { method: 'GET', name: 'Home', requests: 0, failures: 0, minMs: 0, maxMs: 0, meanMs: 0, medianMs: 0, contentBytes: 0, rps: 0, failuresPerSec: 0, percentiles: {}, histogram: '', ...overrides };
}

const home = stats({
  requests: 3,
  failures: 1,
  minMs: 0.42,
  maxMs: 147.3,
  meanMs: 50.5,
  medianMs: 3.6,
  contentBytes: 3768,
  rps: 0.5,
  failuresPerSec: 1 / 6,
  percentiles: percentiles([3.6, 3.6, 147.3]),
});
const idle = stats({ method: 'POST', name: 'Idle' });
const slow = stats({ name: 'Search "a, b"', requests: 2, minMs: 12000.5, maxMs: 123456.7, meanMs: 67728.6, medianMs: 12000.5, contentBytes: 10, rps: 1 / 3, percentiles: percentiles([12000.5, 123456.7]) });
const aggregate = stats({ method: '', name: 'Aggregated', requests: 5, failures: 1, minMs: 0.42, maxMs: 123456.7, meanMs: 27391.74, medianMs: 147.3, contentBytes: 3778, rps: 5 / 6, failuresPerSec: 1 / 6, percentiles: percentiles([147.3, 12000.5, 12000.5, 12000.5, 123456.7]) });

function result(overrides: Partial<RunResult> = {}): RunResult {
  return { ...buildRunResult({ durationS: 2 }), endpoints: [slow, idle, home], aggregate, failures: [], ...overrides };
}

describe('statsCsv', () => {
  it('writes Locust 2.x\'s header row byte for byte', () => {
    assert.ok(statsCsv(result()).startsWith(STATS_HEADER));
  });

  it('writes each request name sorted by name, then the Aggregated row with an empty Type', () => {
    assert.equal(
      statsCsv(result()),
      STATS_HEADER +
        'GET,Home,3,1,4,50.5,0.42,147.3,1256.0,0.5,0.16666666666666666,4,4,150,150,150,150,150,150,150,150,150\r\n' +
        'POST,Idle,0,0,0,0.0,0,0,0,0.0,0.0,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A\r\n' +
        'GET,"Search ""a, b""",2,0,12000.5,67728.6,12000.5,123456.7,5.0,0.3333333333333333,0.0,12000,123000,123000,123000,123000,123000,123000,123000,123000,123000,123000\r\n' +
        ',Aggregated,5,1,150,27391.74,0.42,123456.7,755.6,0.8333333333333334,0.16666666666666666,150,12000,12000,12000,123000,123000,123000,123000,123000,123000,123000\r\n',
    );
  });

  it('holds the bucketed median between min and max, showing the exact float then', () => {
    const one = stats({ requests: 1, minMs: 147.3, maxMs: 147.3, meanMs: 147.3, medianMs: 147.3, contentBytes: 5, rps: 1, percentiles: percentiles([147.3]) });
    const row = statsCsv(result({ endpoints: [one] })).split('\r\n')[1];
    assert.equal(row, 'GET,Home,1,0,147.3,147.3,147.3,147.3,5.0,1.0,0.0,150,150,150,150,150,150,150,150,150,150,150');
  });

  it('writes 0.0 as the average size of requests with empty bodies, as Python divides', () => {
    const empty = stats({ method: 'HEAD', requests: 2, minMs: 1.5, maxMs: 2.5, meanMs: 2, medianMs: 2, rps: 1, percentiles: percentiles([2]) });
    assert.equal(statsCsv(result({ endpoints: [empty] })).split('\r\n')[1], 'HEAD,Home,2,0,2,2.0,1.5,2.5,0.0,1.0,0.0,2,2,2,2,2,2,2,2,2,2,2');
  });

  it('reads back as a table: every row has the header\'s column count', () => {
    const rows = statsCsv(buildRunResult({ durationS: 3 })).trimEnd().split('\r\n');
    for (const row of rows) assert.equal(row.split(',').length, 22, row);
  });
});

describe('failuresCsv', () => {
  it('writes the header and one row per error, quoting as csv.writer does', () => {
    const failures = [
      { method: 'POST', name: 'POST /patient', error: 'HTTP 503', occurrences: 12 },
      { method: 'GET', name: 'GET /', error: 'capture hospital.response.body.$.id: no value, "x"', occurrences: 1 },
    ];
    assert.equal(failuresCsv(result({ failures })), FAILURES_HEADER + 'POST,POST /patient,HTTP 503,12\r\n' + 'GET,GET /,"capture hospital.response.body.$.id: no value, ""x""",1\r\n');
  });

  it('is only the header when nothing failed', () => {
    assert.equal(failuresCsv(result()), FAILURES_HEADER);
  });
});

function intervalStats(name: string, overrides: Partial<IntervalStats>, total: Partial<IntervalStats['total']>): IntervalStats {
  return {
    method: name === 'Aggregated' ? '' : 'GET',
    name,
    requests: 0,
    failures: 0,
    rps: 0,
    failuresPerSec: 0,
    window: {},
    ...overrides,
    total: { requests: 0, failures: 0, medianMs: 0, meanMs: 0, minMs: 0, maxMs: 0, avgContentBytes: 0, ...total },
  };
}

describe('historyCsv', () => {
  const start = Date.UTC(2026, 10, 26, 9, 30, 0);
  const intervals: IntervalSnapshot[] = [
    { time: start + 1000, elapsedMs: 1000, users: 0, inFlight: 0, dropped: 0, aggregate: intervalStats('Aggregated', {}, {}), endpoints: [intervalStats('Home', {}, {}), intervalStats('About', {}, {})] },
    {
      time: start + 2500,
      elapsedMs: 2500,
      users: 5,
      inFlight: 2,
      dropped: 0,
      aggregate: intervalStats('Aggregated', { requests: 8, failures: 1, rps: 8, failuresPerSec: 1, window: percentiles([45.2, 52, 61, 61, 98.6, 120, 120]) }, { requests: 8, failures: 1, medianMs: 45.2, meanMs: 58.125, minMs: 30.5, maxMs: 120.25, avgContentBytes: 1256 }),
      endpoints: [
        intervalStats('Home', { requests: 8, failures: 1, rps: 8, failuresPerSec: 1, window: percentiles([45.2, 52, 61, 61, 98.6, 120, 120]) }, { requests: 8, failures: 1, medianMs: 45.2, meanMs: 58.125, minMs: 30.5, maxMs: 120.25, avgContentBytes: 1256 }),
        intervalStats('About', {}, {}),
      ],
    },
  ];
  const seconds = Math.floor(start / 1000);

  it('writes one aggregate row per interval: Unix seconds, N/A before the first request, window percentiles, cumulative totals', () => {
    assert.equal(
      historyCsv(result({ intervals }), false),
      HISTORY_HEADER +
        `${seconds + 1},0,,Aggregated,0.000000,0.000000,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,0,0,0,0.0,0,0,0\r\n` +
        `${seconds + 2},5,,Aggregated,8.000000,1.000000,45,52,61,61,99,120,120,120,120,120,120,8,1,45,58.125,30.5,120.25,1256.0\r\n`,
    );
  });

  it('with full history, first one row per request name already requested, sorted by name', () => {
    const lines = historyCsv(result({ intervals }), true).split('\r\n');
    assert.deepEqual(lines.map((line) => line.split(',').slice(2, 4).join(',')), ['Type,Name', ',Aggregated', 'GET,Home', ',Aggregated', '']);
  });
});

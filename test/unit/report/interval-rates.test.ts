// The charts' rates over time: the run's last interval, cut short by the end of the run, has no
// rate (a gap) instead of a cliff or a spike; in the HTML report's RPS chart and its peak too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IntervalSnapshot } from '../../../src/core/metrics/result';
import { htmlReport } from '../../../src/core/report';
import { intervalRates, MIN_RATE_INTERVAL_MS, ratesOverTime } from '../../../src/core/report/interval-rates';
import { buildRunResult } from '../../fixtures/results';

/** An interval of `requests` that ended `elapsedMs` into the run, its rate over `durationMs` as the engine computes it. */
function interval(elapsedMs: number, durationMs: number, requests: number, failures = 0): IntervalSnapshot {
  const seconds = durationMs / 1000;
  const aggregate = { method: '', name: 'Aggregated', requests, failures, rps: requests / seconds, failuresPerSec: failures / seconds, window: {}, total: { requests, failures, medianMs: 0, meanMs: 0, minMs: 0, maxMs: 0, avgContentBytes: 0 } };
  return { time: 1_700_000_000_000 + elapsedMs, elapsedMs, users: 5, inFlight: 0, dropped: 0, aggregate, endpoints: [] };
}

test('full intervals keep the rate the engine measured over their own duration', () => {
  const run = [interval(1003, 1003, 117, 2), interval(2000, 997, 205), interval(2700, 700, 140, 7)];
  assert.deepEqual(
    ratesOverTime(run).map((rates) => rates && { rps: Math.round(rates.rps), failuresPerSec: Math.round(rates.failuresPerSec) }),
    [
      { rps: 117, failuresPerSec: 2 },
      { rps: 206, failuresPerSec: 0 },
      { rps: 200, failuresPerSec: 10 },
    ],
    'a stopped run’s last 0.7 s is long enough: 140 requests in 0.7 s is 200/s, not 140/s',
  );
});

test('a final sliver of an interval has no rate: neither the cliff (0/s) nor the spike (1 request in 4 ms = 250/s)', () => {
  const full = [interval(1000, 1000, 380), interval(2000, 1000, 381), interval(3000, 1000, 379)];
  assert.deepEqual(ratesOverTime([...full, interval(3004, 4, 1)]).map((rates) => rates?.rps), [380, 381, 379, undefined]);
  assert.deepEqual(ratesOverTime([...full, interval(3002, 2, 0)]).map((rates) => rates?.rps), [380, 381, 379, undefined]);
  assert.equal(intervalRates(interval(3000 + MIN_RATE_INTERVAL_MS - 1, MIN_RATE_INTERVAL_MS - 1, 10), full[2]), undefined);
  assert.ok(intervalRates(interval(3000 + MIN_RATE_INTERVAL_MS, MIN_RATE_INTERVAL_MS, 10), full[2]));
});

test('the first interval is always drawn: a run stopped within its first second, and Locust histories starting at 0', () => {
  assert.equal(intervalRates(interval(300, 300, 30), undefined)?.rps, 100);
  assert.equal(intervalRates(interval(0, 1000, 12), undefined)?.rps, 12);
});

test('the HTML report ends its RPS line at the last full interval and its peak ignores the sliver', () => {
  const result = buildRunResult({ durationS: 5, endpoints: [{ method: 'GET', name: 'GET /', perSecond: () => 40, latencyMs: () => 5 }] });
  const last = result.intervals.at(-1) as IntervalSnapshot;
  // The engine's closing interval: 3 ms after the last tick, one request: "1000 rps".
  result.intervals.push({ ...last, time: last.time + 3, elapsedMs: last.elapsedMs + 3, aggregate: { ...last.aggregate, requests: 1, rps: 1000 / 3 } });
  const html = htmlReport(result);
  const rpsPath = /<path class="line c1" d="([^"]+)"><title>Requests\/s<\/title>/.exec(html)?.[1] ?? '';
  assert.equal(rpsPath.match(/[ML]/g)?.length, 5, 'five points: the 3 ms interval is left out');
  const usersPath = /<path class="line c1" d="([^"]+)"><title>Users<\/title>/.exec(html)?.[1] ?? '';
  assert.equal(usersPath.match(/[ML]/g)?.length, 6, 'the users line still reaches the end of the run');
  assert.match(html, /<div class="label">RPS \(peak\)<\/div><div class="value">[^<]*\(40\)<\/div>/);
});

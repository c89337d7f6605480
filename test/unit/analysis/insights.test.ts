import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deriveInsights } from '../../../src/core/analysis';
import type { Insight, RunResult } from '../../../src/core/metrics/result';
import { buildRunResult, statsOf, type EndpointSpec, type Sample } from '../../fixtures/results';

const steady = (name: string, latencyMs: EndpointSpec['latencyMs'], perSecond = 20): EndpointSpec => ({ method: 'GET', name, perSecond: () => perSecond, latencyMs });

function ofKind(insights: Insight[], kind: Insight['kind']): Insight[] {
  return insights.filter((i) => i.kind === kind);
}

/** A result whose aggregate has `failures` of `requests` failed (intervals irrelevant). */
function withErrors(requests: number, failures: number, errors: Array<[string, number]> = []): RunResult {
  const result = buildRunResult({ durationS: 5, endpoints: [steady('Home', () => 20)] });
  const samples: Sample[] = Array.from({ length: requests }, (_, i) => ({ ms: 20, bytes: 10, ...(i < failures ? { error: 'HTTP 503' } : {}) }));
  result.aggregate = statsOf('', 'Aggregated', samples, 5);
  result.endpoints = [statsOf('GET', 'Home', samples, 5)];
  result.failures = errors.map(([error, occurrences]) => ({ method: 'GET', name: 'Home', error, occurrences }));
  return result;
}

describe('deriveInsights: tail ratio', () => {
  it('warns when an endpoint\'s p95 is 3× its median or more, with both numbers', () => {
    // 90% at about 20 ms, 10% at about 200 ms: p95 ~ 200 ms, median ~ 20 ms.
    const spiky = steady('List hospitals', (_s, _u, r) => (r < 0.9 ? 20 + r : 200 + r));
    const fine = steady('Home page', (_s, _u, r) => 40 + r * 20);
    const insights = ofKind(deriveInsights(buildRunResult({ durationS: 20, endpoints: [spiky, fine] })), 'tail-ratio');
    assert.equal(insights.length, 1);
    const [insight] = insights;
    assert.equal(insight?.severity, 'warning');
    assert.equal(insight?.target, 'List hospitals');
    assert.match(insight?.message ?? '', /^List hospitals: p95 \(20\d ms\) is 9\.\d× the median \(2\d ms\)\. Unstable performance: GC pauses, contention\.$/);
  });

  it('says nothing when the whole tail is fast (p95 under 10 ms)', () => {
    const fast = steady('Fast', (_s, _u, r) => (r < 0.9 ? 0.5 : 5));
    assert.deepEqual(ofKind(deriveInsights(buildRunResult({ durationS: 10, endpoints: [fast] })), 'tail-ratio'), []);
  });
});

describe('deriveInsights: latency and load', () => {
  it('is critical when latency grows as users grow', () => {
    const ramp = (second: number): number => Math.min(100, second * 2);
    const slowing = steady('Home', (_s, users, r) => 20 + users * 4 + r * 10);
    const result = buildRunResult({ durationS: 60, users: ramp, endpoints: [slowing], load: { kind: 'stages', target: 'users', stages: [{ durationMs: 50_000, target: 100 }, { durationMs: 10_000, target: 100 }], maxUsers: 1000 } });
    const [insight, ...rest] = ofKind(deriveInsights(result), 'latency-grows-with-users');
    assert.equal(rest.length, 0);
    assert.equal(insight?.severity, 'critical');
    assert.match(insight?.message ?? '', /^Latency grows with load: p95 rose from \d+ ms at ~\d+ users to \d+ ms at ~\d+ users \(correlation (?:0\.\d\d|1\.00)\)\. A bottleneck in the code or the database\.$/);
  });

  it('stays quiet when latency holds while users grow', () => {
    const ramp = (second: number): number => Math.min(100, second * 2);
    const result = buildRunResult({ durationS: 60, users: ramp, endpoints: [steady('Home', (_s, _u, r) => 40 + r * 10)] });
    assert.deepEqual(ofKind(deriveInsights(result), 'latency-grows-with-users'), []);
  });

  it('warns when latency creeps up over a steady stretch', () => {
    const creeping = steady('Home', (second, _u, r) => 50 + second * 3 + r * 5);
    const result = buildRunResult({ durationS: 90, users: (s) => (s < 5 ? s * 10 : 50), endpoints: [creeping] });
    const insights = deriveInsights(result);
    const [drift] = ofKind(insights, 'latency-drift');
    assert.equal(drift?.severity, 'warning');
    assert.match(drift?.message ?? '', /^Latency creeps up under steady load: p95 went from \d+ ms to \d+ ms over 1m\d+s at ~50 users\. A leak or data that keeps growing\.$/);
    // Users did not change over the stretch, so this is not "latency grows with users".
    assert.deepEqual(ofKind(insights, 'latency-grows-with-users'), []);
  });

  it('finds no drift in a flat run', () => {
    const result = buildRunResult({ durationS: 90, users: (s) => (s < 5 ? s * 10 : 50), endpoints: [steady('Home', (_s, _u, r) => 50 + r * 30)] });
    assert.deepEqual(ofKind(deriveInsights(result), 'latency-drift'), []);
  });
});

describe('deriveInsights: errors', () => {
  const band = (requests: number, failures: number): Insight | undefined => ofKind(deriveInsights(withErrors(requests, failures)), 'error-rate').find((i) => i.target === undefined);

  it('places the error rate in its bands', () => {
    assert.deepEqual(band(10_000, 5), { kind: 'error-rate', severity: 'info', message: 'Error rate 0.05% (5 of 10,000 requests): excellent.' });
    assert.equal(band(1000, 1)?.message, 'Error rate 0.1% (1 of 1,000 requests): acceptable.');
    assert.equal(band(1000, 10)?.severity, 'info');
    assert.equal(band(1000, 11)?.severity, 'warning');
    assert.match(band(1000, 11)?.message ?? '', /1\.1% .*a problem that needs optimisation/);
    assert.equal(band(1000, 50)?.severity, 'warning');
    assert.equal(band(1000, 51)?.severity, 'critical');
    assert.match(band(1000, 51)?.message ?? '', /5\.1% \(51 of 1,000 requests\): critical, the system is not coping/);
  });

  it('names the most common errors and the endpoint that fails', () => {
    const insights = deriveInsights(withErrors(1000, 80, [['HTTP 503', 70], ['ECONNREFUSED', 10]]));
    const forHome = insights.find((i) => i.kind === 'error-rate' && i.target === 'Home');
    assert.equal(forHome?.severity, 'critical');
    assert.equal(forHome?.message, 'Home: error rate 8% (80 of 1,000 requests): critical, the system is not coping. Most common: HTTP 503 ×70, ECONNREFUSED ×10.');
  });

  it('reports timeouts as critical, per request name', () => {
    const insights = deriveInsights(withErrors(1000, 12, [['timeout after 5s', 12]]));
    const [timeout, ...rest] = ofKind(insights, 'timeouts');
    assert.equal(rest.length, 0);
    assert.deepEqual(timeout, { kind: 'timeouts', severity: 'critical', target: 'Home', message: 'Home: 12 requests timed out (timeout after 5s). The server is not answering in time.' });
  });

  it('counts timeout exceptions of imported Locust runs, not server messages that mention a timeout', () => {
    const insights = deriveInsights(withErrors(1000, 5, [['ReadTimeout(ReadTimeoutError("Read timed out. (read timeout=30)"))', 2], ["CatchResponseError('got 500: redis timeout')", 3]]));
    assert.deepEqual(ofKind(insights, 'timeouts').map((i) => i.message), ['Home: 2 requests timed out (ReadTimeout(ReadTimeoutError("Read timed out. (read timeout=30)"))). The server is not answering in time.']);
  });

  it('orders critical before warning before info', () => {
    const insights = deriveInsights(withErrors(1000, 80, [['timeout after 5s', 80]]));
    const order = insights.map((i) => i.severity);
    assert.deepEqual([...order].sort((a, b) => ['critical', 'warning', 'info'].indexOf(a) - ['critical', 'warning', 'info'].indexOf(b)), order);
    assert.equal(order[0], 'critical');
  });
});

describe('deriveInsights: dropped arrivals', () => {
  it('warns with the count, the cap and when it started', () => {
    const result = buildRunResult({ durationS: 20, load: { kind: 'rate', rate: 200, runTimeMs: 20_000, maxUsers: 100 }, endpoints: [steady('Home', () => 30)], dropped: (s) => (s >= 12 ? 50 : 0) });
    const [dropped] = ofKind(deriveInsights(result), 'dropped-arrivals');
    assert.deepEqual(dropped, {
      kind: 'dropped-arrivals',
      severity: 'warning',
      message: '450 arrivals were dropped because all 100 concurrent iterations (@max-users) were busy, the first after 12s. The target could not keep up with the planned rate: the load it got was lower than planned.',
    });
  });

  it('says nothing when nothing was dropped', () => {
    assert.deepEqual(ofKind(deriveInsights(buildRunResult({ durationS: 5 })), 'dropped-arrivals'), []);
  });
});

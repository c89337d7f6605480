import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareResults, designEffect, histogramBuckets, percentileShift, type Buckets, type MetricChange, type RowComparison } from '../../../src/core/comparison';
import { createRandom } from '../../../src/core/schedule/random';
import { comparisonMarkdown } from '../../../src/core/comparison/markdown';
import { compactComparisonCells } from '../../../src/core/comparison/cells';
import { buildRunResult, HOSPITAL_ENDPOINTS, type EndpointSpec } from '../../fixtures/results';

const metric = (row: RowComparison, name: MetricChange['metric']): MetricChange => row.metrics.find((m) => m.metric === name) as MetricChange;

/** The hospital endpoints with List hospitals `factor` times slower. */
function slowerList(factor: number): EndpointSpec[] {
  return HOSPITAL_ENDPOINTS.map((e) => (e.name === 'List hospitals' ? { ...e, latencyMs: (s, u, r) => e.latencyMs(s, u, r) * factor } : e));
}

describe('compareResults', () => {
  const base = buildRunResult({ seed: 1 });

  it('two runs of the same service (different random draws): no significant change anywhere', () => {
    const again = buildRunResult({ seed: 2 });
    const comparison = compareResults(base, again);
    assert.equal(comparison.sameScenario, true);
    const flagged = [...comparison.rows, comparison.aggregate].flatMap((row) => row.metrics.filter((m) => m.significant).map((m) => `${row.name} ${m.metric}`));
    assert.deepEqual(flagged, []);
  });

  it('a 40% slower request: its median, p95 and p99 are worse, the others are not', () => {
    const comparison = compareResults(base, buildRunResult({ seed: 2, endpoints: slowerList(1.4) }));
    const list = comparison.rows.find((row) => row.name === 'List hospitals') as RowComparison;
    for (const name of ['median', 'p95', 'p99'] as const) {
      const change = metric(list, name);
      assert.equal(change.verdict, 'worse', `${name}: ${JSON.stringify(change)}`);
      assert.ok((change.relative as number) > 0.3 && (change.relative as number) < 0.5, `${name} ${change.relative}`);
    }
    const home = comparison.rows.find((row) => row.name === 'Home page') as RowComparison;
    assert.equal(metric(home, 'p95').significant, false);
    assert.equal(metric(list, 'max').significant, undefined, 'a maximum is one sample: not tested');
    assert.equal(metric(list, 'requests').significant, undefined);
  });

  it('names only one run has are rows of their own; values it lacks are missing, not zero', () => {
    const fewer = buildRunResult({ seed: 2, endpoints: HOSPITAL_ENDPOINTS.slice(0, 2) });
    const comparison = compareResults(base, fewer);
    const gone = comparison.rows.find((row) => row.name === 'POST /patient') as RowComparison;
    assert.equal(gone.onlyIn, 'base');
    assert.equal(metric(gone, 'p95').next, undefined);
    assert.equal(metric(gone, 'p95').change, undefined);
    assert.match(compactComparisonCells([gone])[0]?.[1] ?? '', /only in base/);
  });

  it('is deterministic: the same inputs give the same comparison', () => {
    const next = buildRunResult({ seed: 3, endpoints: slowerList(1.1) });
    assert.deepEqual(compareResults(base, next), compareResults(base, next));
  });

  it('Markdown escapes names from the scenario', () => {
    const evil = buildRunResult({ seed: 2, endpoints: [{ ...(HOSPITAL_ENDPOINTS[0] as EndpointSpec), name: 'x | <img src=x onerror=alert(1)> [a](javascript:b)' }] });
    const markdown = comparisonMarkdown({ comparison: compareResults(base, evil), thresholds: [], warnings: [] });
    assert.doesNotMatch(markdown, /(?<!\\)<img/, 'every < of a name is escaped');
    assert.ok(markdown.includes('x \\| \\<img src=x onerror=alert(1)\\> \\[a\\](javascript:b)'));
  });
});

describe('designEffect: how clustered a run\'s slow requests are', () => {
  it('is about 1 for a steady run and large when whole seconds are slow', () => {
    const steady = buildRunResult({ seed: 4, durationS: 30 });
    const steadyEffect = designEffect(steady.intervals, undefined, histogramBuckets(steady.aggregate.histogram) as Buckets);
    assert.ok(steadyEffect < 2, `steady: ${steadyEffect}`);
    // Every fifth second the server stalls: all requests of that second are 5 times slower.
    const stalls = HOSPITAL_ENDPOINTS.map((e) => ({ ...e, latencyMs: (s: number, u: number, r: number) => e.latencyMs(s, u, r) * (s % 5 === 0 ? 5 : 1) }));
    const bursty = buildRunResult({ seed: 4, durationS: 30, endpoints: stalls });
    const burstyEffect = designEffect(bursty.intervals, undefined, histogramBuckets(bursty.aggregate.histogram) as Buckets);
    assert.ok(burstyEffect > 10, `bursty: ${burstyEffect}`);
    // Two seconds cannot estimate a variance.
    const short = buildRunResult({ seed: 4, durationS: 2, endpoints: stalls });
    assert.equal(designEffect(short.intervals, undefined, histogramBuckets(short.aggregate.histogram) as Buckets), 1);
  });

  it('widens the bootstrap enough that two runs whose stalls differ are not called different', () => {
    // The same service in both runs, 500 requests a second; every tenth second the machine stalls
    // (3 times slower), a little worse in the second run. Its p95 lies in the stalled seconds.
    const stalls = (factor: number): EndpointSpec[] => [
      { method: 'GET', name: 'Home', perSecond: () => 500, latencyMs: (s: number, _u: number, r: number) => (20 + r * 20) * (s % 10 === 0 ? factor : 1) },
    ];
    const base = buildRunResult({ seed: 1, endpoints: stalls(3) });
    const next = buildRunResult({ seed: 2, endpoints: stalls(3.6) });
    const baseBuckets = histogramBuckets(base.aggregate.histogram) as Buckets;
    const nextBuckets = histogramBuckets(next.aggregate.histogram) as Buckets;
    const inflation = { base: designEffect(base.intervals, undefined, baseBuckets), next: designEffect(next.intervals, undefined, nextBuckets) };
    const plain = percentileShift(baseBuckets, nextBuckets, 95, { random: createRandom(1), minimumChange: 0 });
    const widened = percentileShift(baseBuckets, nextBuckets, 95, { random: createRandom(1), minimumChange: 0, inflation });
    assert.equal(plain.significant, true, `independent draws call it a change: ${JSON.stringify(plain)}`);
    assert.equal(widened.significant, false, `widened by ${JSON.stringify(inflation)}: ${JSON.stringify(widened)}`);
  });
});

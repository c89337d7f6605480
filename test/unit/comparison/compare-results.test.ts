import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareResults, type MetricChange, type RowComparison } from '../../../src/core/comparison';
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

  it('a 30% slower request: its median, p95 and p99 are worse, the others are not', () => {
    const comparison = compareResults(base, buildRunResult({ seed: 2, endpoints: slowerList(1.3) }));
    const list = comparison.rows.find((row) => row.name === 'List hospitals') as RowComparison;
    for (const name of ['median', 'p95', 'p99'] as const) {
      const change = metric(list, name);
      assert.equal(change.verdict, 'worse', `${name}: ${JSON.stringify(change)}`);
      assert.ok((change.relative as number) > 0.2 && (change.relative as number) < 0.4, `${name} ${change.relative}`);
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

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applicableThresholds, evaluateThresholds } from '../../../src/core/analysis';
import type { EndpointStats, ThresholdVerdict } from '../../../src/core/metrics/result';
import { statsOf, type Sample } from '../../fixtures/results';
import { parseScenario } from '../../../src/core/scenario';
import { scenario } from './scenario-builder';

/** 1 ms, 2 ms ... `count` ms; the first `failures` of them failed. */
function samples(count: number, failures = 0): Sample[] {
  return Array.from({ length: count }, (_, i) => ({ ms: i + 1, bytes: 10, ...(i < failures ? { error: 'HTTP 500' } : {}) }));
}

const home = statsOf('GET', 'Home', samples(100, 2), 10); // 10 req/s, 2% errors, avg 50.5 ms
const list = statsOf('GET', 'List', samples(200), 10); // 20 req/s, 0% errors
const aggregate = statsOf('', 'Aggregated', [...samples(100, 2), ...samples(200)], 10);
const stats = { endpoints: [home, list], aggregate };
const requests = [
  { method: 'GET' as const, statsName: 'Home' },
  { method: 'GET' as const, statsName: 'List' },
];

function only(verdicts: ThresholdVerdict[], target: string): ThresholdVerdict {
  const found = verdicts.filter((v) => v.target === target);
  assert.equal(found.length, 1, `one verdict for ${target}: ${JSON.stringify(found)}`);
  return found[0] as ThresholdVerdict;
}

function judge(ruleText: string, target: EndpointStats = home): ThresholdVerdict {
  return only(evaluateThresholds(scenario([ruleText], requests), { endpoints: [home, list], aggregate }, []), target === home ? 'Home' : target.name);
}

describe('applicableThresholds', () => {
  it('returns the header rules and every request rule, in file order', () => {
    const s = scenario(['p95 < 500ms', 'errors < 1%'], [{ method: 'GET', statsName: 'Home', rules: ['p95 < 300ms'] }, { method: 'GET', statsName: 'List' }]);
    assert.deepEqual(applicableThresholds(s, ['p95 < 1s']).map((r) => [r.text, r.scope]), [
      ['p95 < 500ms', 'header'],
      ['errors < 1%', 'header'],
      ['p95 < 300ms', 0],
    ]);
  });

  it('uses the defaults only when the file has no threshold at all', () => {
    const none = scenario([], requests);
    const rules = applicableThresholds(none, ['p95 < 500ms warn', 'errors < 5% error', 'nonsense']);
    assert.deepEqual(rules.map((r) => [r.text, r.severity, r.scope, r.range]), [
      ['p95 < 500ms warn', 'warn', 'header', undefined],
      ['errors < 5% error', 'error', 'header', undefined],
    ]);
    const withRequestRule = scenario([], [{ method: 'GET', statsName: 'Home', rules: ['max < 2s'] }]);
    assert.deepEqual(applicableThresholds(withRequestRule, ['p95 < 500ms warn']).map((r) => r.text), ['max < 2s']);
  });
});

describe('evaluateThresholds: metrics', () => {
  it('avg, min and max come from the stats, in ms', () => {
    assert.equal(judge('avg < 50ms').actual, 50.5);
    assert.equal(judge('avg < 50ms').passed, false);
    assert.equal(judge('min <= 1ms').actual, 1);
    assert.equal(judge('min <= 1ms').passed, true);
    assert.equal(judge('max > 99ms').actual, 100);
    assert.equal(judge('max > 99ms').passed, true);
  });

  it('median and p50 are the same metric, read from Locust\'s percentiles', () => {
    assert.equal(judge('median < 60ms').actual, home.percentiles['50']);
    assert.equal(judge('p50 < 60ms').actual, home.percentiles['50']);
    assert.equal(judge('p95 < 90ms').actual, home.percentiles['95']);
    assert.equal(judge('p95 < 90ms').passed, false);
    assert.equal(judge('p99.9 < 1s').actual, home.percentiles['99.9']);
  });

  it('any other percentile is read from the histogram', () => {
    const p97 = judge('p97 < 1s').actual;
    assert.ok(p97 >= 96.9 && p97 <= 97.2, `p97 of 1..100 ms is about 97 ms, got ${p97}`);
    const p12 = judge('p12.5 < 1s').actual;
    assert.ok(p12 >= 12.4 && p12 <= 13.1, `p12.5 about 13 ms, got ${p12}`);
  });

  it('an unknown percentile without a histogram is interpolated between known ones', () => {
    const noHistogram = { ...home, histogram: '', percentiles: { '90': 90, '95': 100 } };
    const verdict = only(evaluateThresholds(scenario(['p92 < 1s'], requests), { endpoints: [noHistogram, list], aggregate }, []), 'Home');
    assert.equal(verdict.actual, 94);
  });

  it('errors is the failed share in percent, rps the requests per second', () => {
    assert.equal(judge('errors < 1%').actual, 2);
    assert.equal(judge('errors < 1%').passed, false);
    assert.equal(judge('errors < 5%').passed, true);
    assert.equal(judge('rps > 5').actual, 10);
    assert.equal(judge('rps > 5').passed, true);
    assert.equal(judge('rps >= 20', list).passed, true);
  });

  it('each operator is strict or not at the boundary', () => {
    assert.equal(judge('max < 100ms').passed, false);
    assert.equal(judge('max <= 100ms').passed, true);
    assert.equal(judge('max > 100ms').passed, false);
    assert.equal(judge('max >= 100ms').passed, true);
  });

  it('carries severity, abort, the rule line, the request index and the request count', () => {
    const s = scenario(['p95 < 50ms warn abort', 'errors < 1%'], requests);
    const verdicts = evaluateThresholds(s, stats, []);
    const warn = verdicts.find((v) => v.rule === 'p95 < 50ms warn abort' && v.target === 'List');
    assert.deepEqual(warn && { ...warn, actual: 0 }, {
      rule: 'p95 < 50ms warn abort',
      severity: 'warn',
      abort: true,
      target: 'List',
      requestIndex: 1,
      ruleLine: 1,
      actual: 0,
      requests: 200,
      passed: false,
      isDefault: false,
    });
    const error = verdicts.find((v) => v.rule === 'errors < 1%' && v.target === 'aggregate');
    assert.equal(error?.severity, 'error');
    assert.equal(error?.abort, false);
    assert.equal(error?.requestIndex, undefined);
    assert.equal(error?.ruleLine, 2);
    assert.equal(error?.requests, 300);
  });

  it('marks default rules and gives them no rule line', () => {
    const verdicts = evaluateThresholds(scenario([], requests), stats, ['p95 < 500ms warn']);
    assert.equal(verdicts.length, 3);
    for (const verdict of verdicts) {
      assert.equal(verdict.isDefault, true);
      assert.equal(verdict.ruleLine, undefined);
    }
  });
});

describe('evaluateThresholds: targets', () => {
  it('checks a header rule on every request and on the aggregate', () => {
    const verdicts = evaluateThresholds(scenario(['p95 < 500ms'], requests), stats, []);
    assert.deepEqual(verdicts.map((v) => [v.target, v.requestIndex]), [
      ['Home', 0],
      ['List', 1],
      ['aggregate', undefined],
    ]);
  });

  it('a request rule replaces the header rule on the same metric for that request only', () => {
    const s = scenario(['p95 < 500ms', 'p95 < 1s warn', 'errors < 1%'], [{ method: 'GET', statsName: 'Home', rules: ['p95 < 90ms'] }, { method: 'GET', statsName: 'List' }]);
    const verdicts = evaluateThresholds(s, stats, []);
    const forHome = verdicts.filter((v) => v.target === 'Home').map((v) => v.rule);
    assert.deepEqual(forHome, ['errors < 1%', 'p95 < 90ms']);
    assert.deepEqual(verdicts.filter((v) => v.target === 'List').map((v) => v.rule), ['p95 < 500ms', 'p95 < 1s warn', 'errors < 1%']);
    assert.deepEqual(verdicts.filter((v) => v.target === 'aggregate').map((v) => v.rule), ['p95 < 500ms', 'p95 < 1s warn', 'errors < 1%']);
  });

  it('treats median and p50 as the same metric when replacing', () => {
    const s = scenario(['median < 500ms'], [{ method: 'GET', statsName: 'Home', rules: ['p50 < 40ms'] }, { method: 'GET', statsName: 'List' }]);
    assert.deepEqual(evaluateThresholds(s, stats, []).filter((v) => v.target === 'Home').map((v) => v.rule), ['p50 < 40ms']);
  });

  it('gives a request with no request no latency or error verdict, but judges its rps', () => {
    const idle = statsOf('POST', 'Idle', [], 10);
    const s = scenario(['p95 < 500ms', 'errors < 1%', 'rps > 1'], [...requests, { method: 'POST', statsName: 'Idle' }, { method: 'DELETE', statsName: 'Never reported' }]);
    const verdicts = evaluateThresholds(s, { endpoints: [home, list, idle], aggregate }, []);
    for (const target of ['Idle', 'Never reported']) {
      const own = verdicts.filter((v) => v.target === target);
      assert.deepEqual(own.map((v) => [v.rule, v.actual, v.passed, v.requests]), [['rps > 1', 0, false, 0]]);
    }
  });
});

describe('evaluateThresholds on a parsed scenario', () => {
  it('puts each verdict on the rule\'s line and the request it judges', () => {
    const parsed = parseScenario(
      ['# @host http://localhost:8888', '# @users 10', '# @threshold p95 < 500ms', '# @threshold errors < 1%', '', '### Home', 'GET /', '', '### List', '# @threshold p95 < 100ms warn', 'GET /hospital', ''].join('\n'),
    );
    const verdicts = evaluateThresholds(parsed, stats, ['p99 < 1s']);
    assert.deepEqual(verdicts.map((v) => [v.rule, v.target, v.requestIndex, v.ruleLine, v.passed]), [
      ['p95 < 500ms', 'Home', 0, 2, true],
      ['p95 < 500ms', 'aggregate', undefined, 2, true],
      ['errors < 1%', 'Home', 0, 3, false],
      ['errors < 1%', 'List', 1, 3, true],
      ['errors < 1%', 'aggregate', undefined, 3, true],
      ['p95 < 100ms warn', 'List', 1, 9, false],
    ]);
  });
});

describe('evaluateThresholds: rules relative to a baseline', () => {
  // The baseline run: Home 1..50 ms (p95 ~48 ms, 2% errors, 5 req/s), List 1..100 ms.
  const baseHome = statsOf('GET', 'Home', samples(50, 1), 10);
  const baseList = statsOf('GET', 'List', samples(100), 10);
  const baseAggregate = statsOf('', 'Aggregated', [...samples(50, 1), ...samples(100)], 10);
  const baseline = { endpoints: [baseHome, baseList], aggregate: baseAggregate };

  function against(ruleText: string, target: string, base = baseline): ThresholdVerdict {
    return only(evaluateThresholds(scenario([ruleText], requests), stats, [], base), target);
  }

  it('resolves the limit from the baseline\'s value for each target', () => {
    // Home's p95 is ~95 ms now, ~48 ms in the baseline (HDR's 3 digits): + 10% allows ~52.8 ms.
    const home10 = against('p95 < baseline + 10%', 'Home');
    const baseP95 = baseHome.percentiles['95'] as number;
    assert.ok(Math.abs(baseP95 - 48) < 0.1, String(baseP95));
    assert.equal(home10.baseline, baseP95);
    assert.ok(Math.abs((home10.limit as number) - baseP95 * 1.1) < 1e-9);
    assert.equal(home10.passed, false);
    // + 50 ms allows ~98 ms, above the ~95 ms measured.
    const home50 = against('p95 < baseline + 50ms', 'Home');
    assert.deepEqual([home50.limit, home50.passed], [baseP95 + 50, true]);
    // The aggregate is judged against the baseline's aggregate.
    assert.equal(against('p95 < baseline + 10%', 'aggregate').baseline, baseAggregate.percentiles['95']);
  });

  it('errors in percentage points and rps as a share of the baseline', () => {
    // Home: 2% errors now and in the baseline (1 of 50).
    assert.deepEqual([against('errors < baseline + 0.5%', 'Home').limit, against('errors < baseline + 0.5%', 'Home').passed], [2.5, true]);
    assert.equal(against('errors < baseline', 'Home').passed, false);
    // Home 10 req/s now, 5 req/s in the baseline (50 requests over 10 s).
    const rps = against('rps > baseline - 5%', 'Home');
    assert.deepEqual([rps.baseline, rps.limit, rps.passed], [5, 4.75, true]);
  });

  it('gives no verdict without a baseline, or for a target the baseline did not measure', () => {
    const verdicts = evaluateThresholds(scenario(['p95 < baseline + 10%', 'p95 < 1s'], requests), stats, []);
    assert.deepEqual(verdicts.map((v) => v.rule), ['p95 < 1s', 'p95 < 1s', 'p95 < 1s']);
    const withoutList = { endpoints: [baseHome], aggregate: baseAggregate };
    const targets = evaluateThresholds(scenario(['p95 < baseline + 10%'], requests), stats, [], withoutList).map((v) => v.target);
    assert.deepEqual(targets, ['Home', 'aggregate']);
  });

  it('leaves plain rules as they were: no limit or baseline on their verdicts', () => {
    const plain = evaluateThresholds(scenario(['p95 < 1s'], requests), stats, [], baseline)[0] as ThresholdVerdict;
    assert.deepEqual([plain.limit, plain.baseline, plain.passed], [undefined, undefined, true]);
  });
});

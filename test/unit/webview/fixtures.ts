// Small, hand-checked results and intervals for the panel's state tests.
import type { EndpointStats, IntervalSnapshot, IntervalStats, RunResult, ThresholdVerdict } from '../../../src/core/metrics/result';

export function endpoint(name: string, method: string, overrides: Partial<EndpointStats> = {}): EndpointStats {
  return {
    method,
    name,
    requests: 100,
    failures: 1,
    minMs: 2,
    maxMs: 90,
    meanMs: 20,
    medianMs: 15,
    contentBytes: 12_000,
    rps: 10,
    failuresPerSec: 0.1,
    percentiles: { '50': 15, '95': 60, '99': 85, '100': 90 },
    histogram: '',
    ...overrides,
  };
}

export function intervalStats(name: string, method: string, requests: number, failures: number, p95: number): IntervalStats {
  return {
    method,
    name,
    requests,
    failures,
    rps: requests,
    failuresPerSec: failures,
    window: { '50': p95 / 3, '95': p95, '99': p95 * 1.2 },
    total: { requests: requests * 10, failures: failures * 10, medianMs: p95 / 3, meanMs: p95 / 2, minMs: 1, maxMs: p95 * 2, avgContentBytes: 120 },
  };
}

export function snapshot(second: number, users: number, perEndpoint: Array<[string, number, number]>): IntervalSnapshot {
  const endpoints = perEndpoint.map(([name, requests, failures]) => intervalStats(name, 'GET', requests, failures, 100 + second));
  const requests = perEndpoint.reduce((sum, [, r]) => sum + r, 0);
  const failures = perEndpoint.reduce((sum, [, , f]) => sum + f, 0);
  return {
    time: 1_700_000_000_000 + second * 1000,
    elapsedMs: second * 1000,
    users,
    inFlight: 0,
    dropped: 0,
    aggregate: { ...intervalStats('Aggregated', '', requests, failures, 100 + second), method: '' },
    endpoints,
  };
}

export function verdict(overrides: Partial<ThresholdVerdict> = {}): ThresholdVerdict {
  return {
    rule: 'p95 < 500ms',
    severity: 'error',
    abort: false,
    target: 'List hospitals',
    requestIndex: 1,
    ruleLine: 7,
    actual: 812,
    requests: 4812,
    passed: false,
    isDefault: false,
    ...overrides,
  };
}

export function result(overrides: Partial<RunResult> = {}): RunResult {
  const endpoints = [endpoint('Home page', 'GET', { requests: 300, rps: 30 }), endpoint('List hospitals', 'GET', { medianMs: 40, percentiles: { '50': 40, '95': 812, '99': 900 } })];
  return {
    formatVersion: 1,
    engineVersion: '0.1.0',
    scenario: { path: '/work/hospital.load.http', hash: 'abc' },
    host: 'http://127.0.0.1:8888',
    load: { kind: 'users', users: 50, spawnRate: 5, runTimeMs: 120_000 },
    startTime: 1_700_000_000_000,
    endTime: 1_700_000_120_000,
    outcome: 'completed',
    workers: 1,
    endpoints,
    aggregate: endpoint('Aggregated', '', { requests: 400, failures: 2, rps: 40 }),
    intervals: [snapshot(1, 5, [['Home page', 3, 0], ['List hospitals', 1, 0]]), snapshot(2, 10, [['Home page', 6, 0], ['List hospitals', 2, 1]])],
    failures: [{ method: 'GET', name: 'List hospitals', error: 'HTTP 503', occurrences: 2 }],
    dropped: 0,
    thresholds: [verdict(), verdict({ target: 'Home page', requestIndex: 0, actual: 60, requests: 300, passed: true })],
    insights: [],
    ...overrides,
  };
}

// A small, hand-made RunResult for the unit tests of the summary and progress output.

import type { EndpointStats, IntervalSnapshot, RunResult, ThresholdVerdict } from '../../src/core/metrics/result';

export function endpoint(method: string, name: string, requests: number, failures: number, medianMs: number): EndpointStats {
  return {
    method,
    name,
    requests,
    failures,
    minMs: medianMs / 2,
    maxMs: medianMs * 10,
    meanMs: medianMs * 1.2,
    medianMs,
    contentBytes: requests * 100,
    rps: requests / 10,
    failuresPerSec: failures / 10,
    percentiles: { '50': medianMs, '95': medianMs * 3, '99': medianMs * 5 },
    histogram: '',
  };
}

export function verdict(rule: string, target: string, actual: number, passed: boolean, severity: 'error' | 'warn' = 'error'): ThresholdVerdict {
  return { rule, severity, abort: false, target, actual, requests: 10, passed, isDefault: false };
}

export function snapshot(elapsedMs: number, users: number, rps: number, p95: number, totalRequests: number, totalFailures: number): IntervalSnapshot {
  const stats = {
    method: '',
    name: 'Aggregated',
    requests: rps,
    failures: 0,
    rps,
    failuresPerSec: 0,
    window: { '95': p95 },
    total: { requests: totalRequests, failures: totalFailures, medianMs: 1, meanMs: 1, minMs: 1, maxMs: 1, avgContentBytes: 1 },
  };
  return { time: 0, elapsedMs, users, inFlight: 0, dropped: 0, aggregate: stats, endpoints: [] };
}

export function result(overrides: Partial<RunResult> = {}): RunResult {
  const endpoints = [endpoint('GET', '/', 900, 0, 4.2), endpoint('POST', 'Create a hospital', 120, 3, 87)];
  return {
    formatVersion: 1,
    engineVersion: '0.1.0',
    scenario: { path: '/tmp/x.load.http', hash: 'abc' },
    host: 'http://127.0.0.1:8888',
    load: { kind: 'users', users: 5, runTimeMs: 10_000 },
    startTime: 1_000_000,
    endTime: 1_010_000,
    outcome: 'completed',
    workers: 1,
    endpoints,
    aggregate: endpoint('', 'Aggregated', 1020, 3, 5),
    intervals: [snapshot(1000, 5, 100, 10, 100, 0)],
    failures: [{ method: 'POST', name: 'Create a hospital', error: 'HTTP 500', occurrences: 3 }],
    dropped: 0,
    thresholds: [],
    insights: [],
    ...overrides,
  };
}

// A recorded 30-second run as the host sends it to the panel, with a failure text that looks like
// HTML (a server's error page can say anything), for render-panel.ts.
import type { HostMessage } from '../../../src/core/protocol/webview';
import { endpoint, result, snapshot, verdict } from './fixtures';

const NAMES = ['Home page', 'List hospitals', 'Create a hospital', 'Admit a patient'];

export function recordedRun(): { live: HostMessage[]; finished: HostMessage[] } {
  const started: HostMessage = {
    type: 'run/started',
    runId: 'run-1',
    heading: { title: 'hospital.load.http', plan: '50 users · spawn 5/s · 1m · 4 tasks', host: 'http://127.0.0.1:8888' },
    startTime: 1_700_000_000_000,
    load: { kind: 'users', users: 50, spawnRate: 5, runTimeMs: 60_000 },
    plannedDurationMs: 60_000,
    requestNames: NAMES,
  };
  const intervals: HostMessage[] = [];
  for (let second = 1; second <= 30; second++) {
    const users = Math.min(50, second * 5);
    const wave = Math.sin(second / 3) * 0.15 + 1;
    const s = snapshot(second, users, [
      [NAMES[0]!, Math.round(users * 4 * wave), 0],
      [NAMES[1]!, Math.round(users * 2.4 * wave), second > 20 ? 2 : 0],
      [NAMES[2]!, Math.round(users * 0.8 * wave), 0],
      [NAMES[3]!, Math.round(users * 0.8 * wave), second % 7 === 0 ? 1 : 0],
    ]);
    s.aggregate.window = { '50': 40 + users, '95': 120 + users * 6 * wave, '99': 200 + users * 9 * wave };
    intervals.push({ type: 'run/interval', runId: 'run-1', snapshot: s });
  }
  const done = result({
    endTime: 1_700_000_060_000,
    endpoints: [
      endpoint(NAMES[0]!, 'GET', { requests: 9100, failures: 0, medianMs: 38, meanMs: 45, percentiles: { '50': 38, '95': 180, '99': 260 }, rps: 151.7, failuresPerSec: 0 }),
      endpoint(NAMES[1]!, 'GET', { requests: 4812, failures: 21, medianMs: 120, meanMs: 210, maxMs: 1900, percentiles: { '50': 120, '95': 812, '99': 1400 }, rps: 80.2, failuresPerSec: 0.35 }),
      endpoint(NAMES[2]!, 'POST', { requests: 1830, failures: 0, percentiles: { '50': 55, '95': 240, '99': 330 }, rps: 30.5 }),
      endpoint(NAMES[3]!, 'POST', { requests: 1790, failures: 4, percentiles: { '50': 61, '95': 300, '99': 410 }, rps: 29.8, failuresPerSec: 0.07 }),
    ],
    aggregate: endpoint('Aggregated', '', { requests: 17532, failures: 25, medianMs: 52, meanMs: 98, maxMs: 1900, percentiles: { '50': 52, '95': 520, '99': 1100 }, rps: 292.2, failuresPerSec: 0.42 }),
    intervals: intervals.map((message) => (message.type === 'run/interval' ? message.snapshot : snapshot(0, 0, []))),
    failures: [
      { method: 'GET', name: NAMES[1]!, error: 'HTTP 503', occurrences: 15 },
      { method: 'GET', name: NAMES[1]!, error: 'DEPTH_ZERO_SELF_SIGNED_CERT', occurrences: 2 },
      { method: 'GET', name: NAMES[1]!, error: 'timeout after 5s', occurrences: 4 },
      { method: 'POST', name: NAMES[3]!, error: '<img src=x onerror=window.__pwned=1>', occurrences: 4 },
    ],
    thresholds: [
      verdict({ rule: 'p95 < 300ms', ruleLine: 12, target: NAMES[1]!, requestIndex: 1, actual: 812, requests: 4812, passed: false }),
      verdict({ rule: 'p95 < 500ms', ruleLine: 4, target: NAMES[0]!, requestIndex: 0, actual: 180, requests: 9100, passed: true }),
      verdict({ rule: 'p95 < 500ms', ruleLine: 4, target: 'aggregate', requestIndex: undefined, actual: 520, requests: 17532, passed: false }),
      verdict({ rule: 'errors < 1% warn', ruleLine: 5, severity: 'warn', target: 'aggregate', requestIndex: undefined, actual: 0.14, requests: 17532, passed: true }),
    ],
    insights: [{ kind: 'tail-ratio', severity: 'warning', target: NAMES[1], message: 'p95 (812 ms) is 6.8× the median (120 ms): unstable latency (GC pauses, lock contention).' }],
  });
  return { live: [started, ...intervals], finished: [{ type: 'run/finished', runId: 'run-1', result: done }] };
}

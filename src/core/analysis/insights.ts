// The warning signs of a run (docs/reports.md, Insights), as plain messages with numbers.
import type { EndpointStats, FailureRow, Insight, RunResult } from '../metrics/result';
import { formatCount, formatMs, formatPercent, shorten } from '../present';
import { generatorSaturated } from './generator-insight';
import { latencyDrift, latencyGrowsWithLoad } from './latency-trends';
import { errorPercent, statsPercentileMs } from './measure';

/** Fewer requests than this make a tail ratio noise. */
const MIN_TAIL_REQUESTS = 20;
/** A p95 under 10 ms is fast whatever the median: not worth a warning. */
const MIN_TAIL_P95_MS = 10;
const TAIL_RATIO = 3;
const SEVERITY_ORDER: Record<Insight['severity'], number> = { critical: 0, warning: 1, info: 2 };

export function deriveInsights(result: Omit<RunResult, 'insights'>): Insight[] {
  const insights: Insight[] = [];
  const push = (insight: Insight | undefined): void => {
    if (insight) insights.push(insight);
  };
  push(latencyGrowsWithLoad(result.load, result.intervals));
  push(latencyDrift(result.load, result.intervals));
  // A mix of fast and slow endpoints makes any aggregate look "unstable": judge each endpoint.
  const tailTargets = result.endpoints.length > 0 ? result.endpoints : [result.aggregate];
  for (const endpoint of tailTargets) push(tailRatio(endpoint));
  push(errorRate(result.aggregate, result.failures, undefined));
  for (const endpoint of result.endpoints) {
    const percent = errorPercent(endpoint);
    if (percent !== undefined && percent > 1) push(errorRate(endpoint, failuresOf(endpoint, result.failures), endpoint.name));
  }
  insights.push(...timeouts(result.failures));
  push(droppedArrivals(result));
  push(generatorSaturated(result.intervals));
  return insights
    .map((insight, order) => ({ insight, order }))
    .sort((a, b) => SEVERITY_ORDER[a.insight.severity] - SEVERITY_ORDER[b.insight.severity] || a.order - b.order)
    .map(({ insight }) => insight);
}

function tailRatio(stats: EndpointStats): Insight | undefined {
  if (stats.requests < MIN_TAIL_REQUESTS) return undefined;
  const medianMs = statsPercentileMs(stats, 50) ?? 0;
  const p95 = statsPercentileMs(stats, 95) ?? 0;
  if (medianMs <= 0 || p95 < MIN_TAIL_P95_MS || p95 < TAIL_RATIO * medianMs) return undefined;
  return {
    kind: 'tail-ratio',
    severity: 'warning',
    target: stats.name,
    message:
      `${stats.name}: p95 (${formatMs(p95)}) is ${(p95 / medianMs).toFixed(1)}× the median (${formatMs(medianMs)}). ` +
      'Unstable performance: GC pauses, contention.',
  };
}

/** The error-rate bands: < 0.1% excellent, 0.1–1% acceptable, 1–5% a problem, > 5% critical. */
function errorRate(stats: EndpointStats, failures: FailureRow[], target: string | undefined): Insight | undefined {
  const percent = errorPercent(stats);
  if (percent === undefined) return undefined;
  const band =
    percent < 0.1
      ? { severity: 'info' as const, words: 'excellent' }
      : percent <= 1
        ? { severity: 'info' as const, words: 'acceptable' }
        : percent <= 5
          ? { severity: 'warning' as const, words: 'a problem that needs optimisation' }
          : { severity: 'critical' as const, words: 'critical, the system is not coping' };
  const subject = target === undefined ? 'Error rate' : `${target}: error rate`;
  const common = mostCommon(failures);
  const insight: Insight = {
    kind: 'error-rate',
    severity: band.severity,
    message:
      `${subject} ${formatPercent(percent)} (${formatCount(stats.failures)} of ${formatCount(stats.requests)} requests): ${band.words}.` +
      (common && percent >= 0.1 ? ` Most common: ${common}.` : ''),
  };
  if (target !== undefined) insight.target = target;
  return insight;
}

function failuresOf(stats: EndpointStats, failures: FailureRow[]): FailureRow[] {
  return failures.filter((f) => f.name === stats.name && f.method === stats.method);
}

/** `HTTP 503 ×120, ECONNREFUSED ×12` (at most three, the errors summed over requests). */
function mostCommon(failures: FailureRow[]): string {
  const byError = new Map<string, number>();
  for (const failure of failures) byError.set(failure.error, (byError.get(failure.error) ?? 0) + failure.occurrences);
  return [...byError.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([error, count]) => `${shorten(error)} ×${formatCount(count)}`)
    .join(', ');
}

/**
 * Timeouts: our `timeout after 5s`, and in imported Locust runs the timeout exceptions
 * (`ReadTimeout(...)`, `ConnectTimeout(...)`, `TimeoutError(...)`), but not a server's own
 * message that mentions one (`got 500: redis timeout`). One insight per request name.
 */
const TIMEOUT_ERROR = /^(?:timeout\b|[\w.]*Timeout(?:Error)?\()/i;

function timeouts(failures: FailureRow[]): Insight[] {
  const byTarget = new Map<string, { count: number; errors: Set<string> }>();
  for (const failure of failures) {
    if (!TIMEOUT_ERROR.test(failure.error)) continue;
    const entry = byTarget.get(failure.name) ?? { count: 0, errors: new Set<string>() };
    entry.count += failure.occurrences;
    entry.errors.add(failure.error);
    byTarget.set(failure.name, entry);
  }
  return [...byTarget.entries()].map(([target, { count, errors }]) => ({
    kind: 'timeouts' as const,
    severity: 'critical' as const,
    target,
    message:
      `${target}: ${formatCount(count)} request${count === 1 ? '' : 's'} timed out (${[...errors].map((e) => shorten(e)).join(', ')}). ` +
      'The server is not answering in time.',
  }));
}

function droppedArrivals(result: Omit<RunResult, 'insights'>): Insight | undefined {
  if (result.dropped <= 0) return undefined;
  const cap = result.load.kind === 'users' ? undefined : result.load.maxUsers;
  const firstDrop = result.intervals.find((interval) => interval.dropped > 0);
  const when = firstDrop ? `, the first after ${Math.round(firstDrop.elapsedMs / 1000)}s` : '';
  return {
    kind: 'dropped-arrivals',
    severity: 'warning',
    message:
      `${formatCount(result.dropped)} arrival${result.dropped === 1 ? ' was' : 's were'} dropped because all ` +
      `${cap === undefined ? '' : `${formatCount(cap)} `}concurrent iterations (@max-users) were busy${when}. ` +
      'The target could not keep up with the planned rate: the load it got was lower than planned.',
  };
}

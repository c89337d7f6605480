// The words of the code lenses and the status bar item. Pure, so that what the user reads is tested.
import type { EndpointStats, IntervalSnapshot, ResolvedLoadModel, RunResult } from '../../../core/metrics/result';
import type { Comparison } from '../../../core/comparison';
import { lensChange } from '../../../core/comparison/cells';
import { errorPercent, formatClock, formatCount, formatMs, formatPercent, formatRate, summarizeVerdicts, verdictText } from '../../../core/present';

export const RUN_LENS_LABEL = '▶ Run load test';
export const STOP_LENS_LABEL = '■ Stop';

/** `▶ Run load test · 50 users · spawn 5/s · 2m · 4 tasks`, or why the plan cannot be made. */
export function runLensTitle(plan: { text: string } | { error: string }): string {
  return 'text' in plan ? `${RUN_LENS_LABEL} · ${plan.text}` : `${RUN_LENS_LABEL} (${plan.error})`;
}

/** `0:42 / 2:00` while running; `0:42` when the run lasts until stopped. */
export function elapsedLensTitle(elapsedMs: number, plannedDurationMs: number | undefined): string {
  return plannedDurationMs === undefined ? formatClock(elapsedMs) : `${formatClock(elapsedMs)} / ${formatClock(plannedDurationMs)}`;
}

/**
 * A request's last numbers: `p95 212 ms · 0.4% errors · 38 rps`; with a comparison (a baseline, or
 * Compare With…) the p95's change follows it: `p95 212 ms ▲18% · …` (src/core/comparison/cells.ts).
 */
export function requestNumbersTitle(stats: EndpointStats, comparison?: Comparison): string {
  if (stats.requests === 0) return 'not run in the last test';
  const p95 = stats.percentiles['95'] ?? 0;
  const row = comparison?.rows.find((candidate) => candidate.name === stats.name && candidate.method === stats.method);
  const change = lensChange(row?.metrics.find((metric) => metric.metric === 'p95'));
  return `p95 ${formatMs(p95)}${change ? ` ${change}` : ''} · ${formatPercent(errorPercent(stats.requests, stats.failures))} errors · ${formatRate(stats.rps)} rps`;
}

function usesArrivals(load: ResolvedLoadModel | undefined): boolean {
  return load?.kind === 'rate' || (load?.kind === 'stages' && load.target === 'rate');
}

/** `$(pulse) 1,234 rps · 50 users · 0.2% err`, every second of a run. */
export function liveStatusText(snapshot: IntervalSnapshot, load: ResolvedLoadModel | undefined): string {
  const aggregate = snapshot.aggregate;
  const errors = formatPercent(errorPercent(aggregate.total.requests, aggregate.total.failures));
  const users = `${formatCount(snapshot.users)} ${usesArrivals(load) ? 'in flight' : snapshot.users === 1 ? 'user' : 'users'}`;
  return `$(pulse) ${formatRate(aggregate.rps)} rps · ${users} · ${errors} err`;
}

/** After a run: the thresholds' verdict, or the totals when there was no rule to judge. */
export function finishedStatusText(result: RunResult): string {
  const verdict = verdictText(summarizeVerdicts(result.thresholds));
  if (verdict) return verdict;
  return `$(check) ${formatCount(result.aggregate.requests)} requests · ${formatPercent(errorPercent(result.aggregate.requests, result.aggregate.failures))} err`;
}

/** The tooltip beside the finished status: how the run ended and what a click does. */
export function finishedStatusTooltip(result: RunResult): string {
  const summary = summarizeVerdicts(result.thresholds);
  const ended = result.outcome === 'completed' ? 'completed' : result.outcome === 'stopped' ? 'was stopped' : `was aborted by ${result.abortedBy ?? 'a threshold'}`;
  const rules = summary.total === 0 ? 'no thresholds' : `${summary.total - summary.broken} of ${summary.total} thresholds passed`;
  return `Load test ${ended}: ${formatCount(result.aggregate.requests)} requests, ${rules}. Click to show the results.`;
}

// The two trend warnings of docs/reports.md (Insights), read from the per-second snapshots (their 10 s window
// percentiles): latency that grows as load grows, and latency creeping up while load holds still.
import type { Insight, IntervalSnapshot, ResolvedLoadModel } from '../metrics/result';
import { formatDuration, formatMs, formatRate } from '../present';
import { correlation, median } from './series';

/** Enough seconds with samples for a trend to mean something. */
const MIN_POINTS = 10;
/** A trend must be strong (correlation), large (ratio) and visible (absolute ms) to be reported. */
const MIN_CORRELATION = 0.7;
const MIN_RATIO = 2;
const MIN_DRIFT_RATIO = 1.5;
const MIN_INCREASE_MS = 20;
/** A steady stretch: load within 5% of where it started, for at least 30 s. */
const STEADY_TOLERANCE = 0.05;
const MIN_STEADY_MS = 30_000;
/** Window percentiles still hold the ramp for this long after load settles. */
const WINDOW_MS = 10_000;

interface Point {
  elapsedMs: number;
  load: number;
  p50: number;
  p95: number;
}

export function isOpenModel(model: ResolvedLoadModel): boolean {
  return model.kind === 'rate' || (model.kind === 'stages' && model.target === 'rate');
}

/** Planned arrivals per second (open models): what the run asked for, whatever the server did. */
export function plannedRateAt(model: ResolvedLoadModel, elapsedMs: number): number {
  if (model.kind === 'rate') return model.rate;
  if (model.kind !== 'stages') return 0;
  let stageStart = 0;
  let from = 0;
  for (const stage of model.stages) {
    if (elapsedMs <= stageStart + stage.durationMs) {
      if (stage.durationMs === 0) return stage.target;
      return from + ((stage.target - from) * (elapsedMs - stageStart)) / stage.durationMs;
    }
    stageStart += stage.durationMs;
    from = stage.target;
  }
  return from;
}

/** Users for closed models, planned arrival rate for open ones: in an open model concurrency follows latency, not the other way round. */
function points(model: ResolvedLoadModel, intervals: IntervalSnapshot[]): Point[] {
  const open = isOpenModel(model);
  return intervals
    .filter((interval) => (interval.aggregate.window['95'] ?? 0) > 0)
    .map((interval) => ({
      elapsedMs: interval.elapsedMs,
      load: open ? plannedRateAt(model, interval.elapsedMs) : interval.users,
      p50: interval.aggregate.window['50'] ?? 0,
      p95: interval.aggregate.window['95'] ?? 0,
    }));
}

function describeLoad(model: ResolvedLoadModel, load: number): string {
  return isOpenModel(model) ? `${formatRate(load)}/s arrivals` : `${Math.round(load)} users`;
}

export function latencyGrowsWithLoad(model: ResolvedLoadModel, intervals: IntervalSnapshot[]): Insight | undefined {
  const series = points(model, intervals);
  if (series.length < MIN_POINTS) return undefined;
  const loads = series.map((p) => p.load);
  const lowest = Math.min(...loads);
  const highest = Math.max(...loads);
  if (highest < 2 * lowest || highest - lowest < 2) return undefined;
  const byLoad = [...series].sort((a, b) => a.load - b.load);
  const third = Math.max(1, Math.floor(byLoad.length / 3));
  const low = byLoad.slice(0, third);
  const high = byLoad.slice(-third);
  for (const metric of ['p95', 'p50'] as const) {
    const r = correlation(loads, series.map((p) => p[metric]));
    const lowMs = median(low.map((p) => p[metric]));
    const highMs = median(high.map((p) => p[metric]));
    if (r >= MIN_CORRELATION && highMs >= MIN_RATIO * lowMs && highMs - lowMs >= MIN_INCREASE_MS) {
      const lowLoad = describeLoad(model, median(low.map((p) => p.load)));
      const highLoad = describeLoad(model, median(high.map((p) => p.load)));
      return {
        kind: 'latency-grows-with-users',
        severity: 'critical',
        message:
          `Latency grows with load: ${metric} rose from ${formatMs(lowMs)} at ~${lowLoad} to ${formatMs(highMs)} ` +
          `at ~${highLoad} (correlation ${r.toFixed(2)}). A bottleneck in the code or the database.`,
      };
    }
  }
  return undefined;
}

/** The longest run of consecutive points whose load stays within the tolerance of its first. */
function longestSteadyStretch(series: Point[]): Point[] {
  let best: Point[] = [];
  let start = 0;
  for (let i = 1; i <= series.length; i++) {
    const first = series[start];
    const point = series[i];
    const steady = first && point && first.load > 0 && Math.abs(point.load - first.load) <= Math.max(1, first.load * STEADY_TOLERANCE) && point.elapsedMs - (series[i - 1]?.elapsedMs ?? 0) <= 2000;
    if (!steady) {
      if (i - start > best.length) best = series.slice(start, i);
      start = i;
    }
  }
  return best;
}

export function latencyDrift(model: ResolvedLoadModel, intervals: IntervalSnapshot[]): Insight | undefined {
  const stretch = longestSteadyStretch(points(model, intervals));
  const first = stretch[0];
  const last = stretch[stretch.length - 1];
  if (!first || !last || last.elapsedMs - first.elapsedMs < MIN_STEADY_MS) return undefined;
  const settled = stretch.filter((p) => p.elapsedMs - first.elapsedMs >= WINDOW_MS);
  if (settled.length < MIN_POINTS) return undefined;
  const quarter = Math.max(1, Math.floor(settled.length / 4));
  const startMs = median(settled.slice(0, quarter).map((p) => p.p95));
  const endMs = median(settled.slice(-quarter).map((p) => p.p95));
  const r = correlation(settled.map((p) => p.elapsedMs), settled.map((p) => p.p95));
  if (r < MIN_CORRELATION || endMs < MIN_DRIFT_RATIO * startMs || endMs - startMs < MIN_INCREASE_MS) return undefined;
  const span = (settled[settled.length - 1]?.elapsedMs ?? 0) - (settled[0]?.elapsedMs ?? 0);
  return {
    kind: 'latency-drift',
    severity: 'warning',
    message:
      `Latency creeps up under steady load: p95 went from ${formatMs(startMs)} to ${formatMs(endMs)} over ` +
      `${formatDuration(span)} at ~${describeLoad(model, first.load)}. A leak or data that keeps growing.`,
  };
}

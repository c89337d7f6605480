// "load generator saturated for 12s of 1m: latencies may be inflated by up to 41 ms": when the engine
// itself was the bottleneck (src/core/metrics/generator-load.ts judges each interval). The
// wording starts with "load generator" so that people and scripts can find it.
import type { Insight, IntervalSnapshot } from '../metrics/result';
import { formatCount, formatDuration, formatPercent } from '../present';

/** One saturated second can be a start-up or a garbage collection: say so from two on. */
const MIN_SATURATED_INTERVALS = 2;

export function generatorSaturated(intervals: readonly IntervalSnapshot[]): Insight | undefined {
  const saturated = intervals.filter((interval) => interval.generator?.saturated);
  if (saturated.length < MIN_SATURATED_INTERVALS) return undefined;
  let seconds = 0;
  let boundMs = 0;
  let busy = 0;
  intervals.forEach((interval, index) => {
    if (!interval.generator?.saturated) return;
    const previous = index > 0 ? intervals[index - 1] : undefined;
    seconds += (interval.elapsedMs - (previous?.elapsedMs ?? 0)) / 1000;
    boundMs = Math.max(boundMs, interval.generator.loopDelayMaxMs);
    busy = Math.max(busy, interval.generator.loopBusy);
  });
  // A timestamp is late by at most how long the worker's loop was away: the largest lateness seen.
  const bound = Math.max(1, Math.ceil(boundMs));
  return {
    kind: 'generator-saturated',
    severity: 'warning',
    message:
      `load generator saturated for ${formatDuration(seconds * 1000)} of ${formatDuration(runSeconds(intervals) * 1000)}: latencies may be inflated by up to ${formatCount(bound)} ms ` +
      `(a worker's event loop was busy up to ${formatPercent(busy * 100)} of the time and woke up to ${formatCount(bound)} ms late). ` +
      'Give the engine more cores (--workers), fewer users per worker, or a machine of its own.',
  };
}

function runSeconds(intervals: readonly IntervalSnapshot[]): number {
  return (intervals.at(-1)?.elapsedMs ?? 0) / 1000;
}

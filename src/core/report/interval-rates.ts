// Requests and failures per second over time, as the charts draw them (the results panel and the
// HTML report). The engine closes an interval every second and one more when the run ends; that
// last one may cover a few milliseconds, mostly spent draining in-flight requests, and its rate
// (a handful of requests over a sliver of time) is noise: a cliff or a spike at the end of every
// finished run. An interval shorter than MIN_RATE_INTERVAL_MS therefore has no rate on a chart
// (a gap), while its users and response times are still drawn and its requests still count in
// every total.
import type { IntervalSnapshot } from '../metrics/result';

/** Half of the engine's one-second interval: shorter, and a rate says more about timing than load. */
export const MIN_RATE_INTERVAL_MS = 500;

export interface IntervalRates {
  rps: number;
  failuresPerSec: number;
}

/**
 * The interval's rates (the engine's count / the interval's own duration), or undefined when it
 * is too short to mean anything. Its duration is measured from `previous`, the interval before
 * it; the first interval of a run has nothing to measure from and is always drawn (imported
 * Locust histories start at elapsed 0, and a run stopped in its first second has only that one).
 */
export function intervalRates(snapshot: IntervalSnapshot, previous: IntervalSnapshot | undefined): IntervalRates | undefined {
  if (previous !== undefined && snapshot.elapsedMs - previous.elapsedMs < MIN_RATE_INTERVAL_MS) return undefined;
  return { rps: snapshot.aggregate.rps, failuresPerSec: snapshot.aggregate.failuresPerSec };
}

/** `intervalRates` for each interval of a run, in order. */
export function ratesOverTime(intervals: readonly IntervalSnapshot[]): Array<IntervalRates | undefined> {
  return intervals.map((snapshot, index) => intervalRates(snapshot, index > 0 ? intervals[index - 1] : undefined));
}

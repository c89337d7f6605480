import type { CheckPartial } from './check-counts';
import type { RedirectPartial } from './redirect-counts';
import type { GeneratorSample } from './generator-load';

// What a worker thread reports for one interval: counts and an encoded histogram per endpoint,
// failures by error text, and its gauges. The engine's main thread merges the partials of all
// workers (exactly) into one interval snapshot.

/** The counters of one interval: what adds up exactly across workers and intervals. */
export interface IntervalCounts {
  /** Requests completed (successes and failures). */
  requests: number;
  failures: number;
  contentBytes: number;
  /** Sum, min and max of the latency samples in µs (exact, unlike the histogram's buckets). */
  sumMicros: number;
  minMicros: number;
  maxMicros: number;
}

/** One endpoint's samples in one interval, from one worker. */
export interface EndpointPartial extends IntervalCounts {
  /** Encoded latency histogram of the samples (`''` when none). */
  histogram: string;
  /** Protocols that answered, as bits (protocols.ts); absent when none did. */
  protocols?: number;
}

export interface IntervalPartial {
  /** Indexed like the run's endpoint list. */
  endpoints: EndpointPartial[];
  /** `[endpoint index, error text, occurrences]` in this interval. */
  failures: Array<[number, string, number]>;
  /** Per `??` check: how often it ran and why it failed; absent when the scenario has no checks. */
  checks?: CheckPartial[];
  /** Redirects followed per request name; absent when none was. */
  redirects?: RedirectPartial[];
  /** Running users (closed model) or concurrent iterations (open model) at the end of the interval. */
  users: number;
  inFlight: number;
  dropped: number;
  /** The worker's own load over the interval (absent from shards recorded before it was measured). */
  generator?: GeneratorSample;
}

export function emptyEndpointPartial(): EndpointPartial {
  return { requests: 0, failures: 0, contentBytes: 0, sumMicros: 0, minMicros: Infinity, maxMicros: 0, histogram: '' };
}

/**
 * A partial that crossed JSON (a shard's result file, the shard protocol): JSON writes an
 * endpoint's `minMicros` of Infinity (no samples) as null, which Math.min would read as 0.
 */
export function revivePartial(partial: IntervalPartial): IntervalPartial {
  return {
    ...partial,
    endpoints: partial.endpoints.map((endpoint) => (endpoint.minMicros === null ? { ...endpoint, minMicros: Infinity } : endpoint)),
  };
}

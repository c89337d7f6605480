// The run result: what the engine reports at the end of a run, what `--json` writes (loss-free,
// histograms included) and what every report, the results panel and run history read.
// Times are milliseconds with sub-millisecond precision unless a name says otherwise.
import type { CheckStats } from './check-counts';
import type { RedirectStats } from './redirect-counts';

import type { GeneratorLoad } from './generator-load';
import type { IntervalPartial } from './partial';
import type { ProtocolName } from './protocols';

export const RESULT_FORMAT_VERSION = 1;

/** Locust's percentile columns, in Locust's order. Values in ms; 0 when there were no samples. */
export const PERCENTILES = [50, 66, 75, 80, 90, 95, 98, 99, 99.9, 99.99, 100] as const;
export type PercentileKey = (typeof PERCENTILES)[number];
/** Keyed by the percentile as a string: '50', '99.9', '100'. */
export type PercentileSet = Record<string, number>;

/** Cumulative statistics of one request name, or of the aggregate (name `Aggregated`). */
export interface EndpointStats {
  /** Locust's Type column: the HTTP method; empty for the aggregate. */
  method: string;
  name: string;
  requests: number;
  failures: number;
  minMs: number;
  maxMs: number;
  meanMs: number;
  medianMs: number;
  /** Response body bytes received, summed. */
  contentBytes: number;
  /** Requests per second over the run's duration. */
  rps: number;
  failuresPerSec: number;
  percentiles: PercentileSet;
  /** hdr-histogram-js compressed base64 (microsecond values), so results merge exactly. */
  histogram: string;
  /**
   * The protocols that answered this name (`HTTP/1.1`, `HTTP/2`), in that order; absent when no
   * request got an answer, and in results written before protocols were recorded.
   */
  protocols?: ProtocolName[];
}

/** Statistics of one request name (or the aggregate) for one 1 s interval. */
export interface IntervalStats {
  method: string;
  name: string;
  /** Completed in this interval. */
  requests: number;
  failures: number;
  rps: number;
  failuresPerSec: number;
  /** Percentiles over the last 10 s (Locust's window for the history CSV and its charts). */
  window: PercentileSet;
  /** Cumulative since the start of the run, as the `Total ...` history columns. */
  total: {
    requests: number;
    failures: number;
    medianMs: number;
    meanMs: number;
    minMs: number;
    maxMs: number;
    avgContentBytes: number;
  };
  /** The protocols that answered this name since the start (as EndpointStats.protocols). */
  protocols?: ProtocolName[];
}

export interface IntervalSnapshot {
  /** Unix time in ms at the end of the interval. */
  time: number;
  /** Since the start of the run. */
  elapsedMs: number;
  /** Running virtual users (closed model) or concurrent iterations (open model). */
  users: number;
  /** Requests in flight at the end of the interval. */
  inFlight: number;
  /** Open model: arrivals dropped in this interval because `@max-users` was full. */
  dropped: number;
  /** Whether the load generator was the bottleneck (absent in results from before it was measured). */
  generator?: GeneratorLoad;
  aggregate: IntervalStats;
  /**
   * Per request name, in the scenario's request order: the names requested so far (a name gets
   * its row from the interval of its first request on).
   */
  endpoints: IntervalStats[];
}

export interface FailureRow {
  method: string;
  name: string;
  /** An error text that groups well: `HTTP 503`, `ECONNREFUSED`, `timeout after 5s`. */
  error: string;
  occurrences: number;
}

export interface ThresholdVerdict {
  /** The rule as written, e.g. `p95 < 500ms`. */
  rule: string;
  severity: 'error' | 'warn';
  abort: boolean;
  /** `aggregate` or a request's stats name. */
  target: string;
  /** The request index for a request target (for diagnostics on its request line). */
  requestIndex?: number;
  /** 0-based line of the rule's directive, when it came from the file. */
  ruleLine?: number;
  /** The measured value, in the rule's unit (ms, %, req/s). */
  actual: number;
  /** Requests the verdict is based on. */
  requests: number;
  passed: boolean;
  /** True for rules from `loadlens.defaultThresholds` rather than the file. */
  isDefault: boolean;
  /** For a rule relative to a baseline (`p95 < baseline + 10%`): the limit it resolved to for this target. */
  limit?: number;
  /** For a rule relative to a baseline: the baseline run's value for this target. */
  baseline?: number;
}

export interface Insight {
  kind: 'tail-ratio' | 'latency-grows-with-users' | 'latency-drift' | 'error-rate' | 'timeouts' | 'dropped-arrivals' | 'generator-saturated';
  severity: 'critical' | 'warning' | 'info';
  /** A request's stats name, or undefined for the whole run. */
  target?: string;
  message: string;
}

/** The load model that was actually run, after CLI flags and settings were applied. */
export type ResolvedLoadModel =
  | { kind: 'users'; users: number; spawnRate?: number; runTimeMs?: number }
  | { kind: 'rate'; rate: number; runTimeMs?: number; maxUsers: number }
  | { kind: 'stages'; target: 'users' | 'rate'; stages: Array<{ durationMs: number; target: number }>; maxUsers: number };

export interface RunResult {
  formatVersion: typeof RESULT_FORMAT_VERSION;
  engineVersion: string;
  scenario: {
    path: string;
    /** sha256 of the scenario text, hex. */
    hash: string;
  };
  host?: string;
  load: ResolvedLoadModel;
  /** Unix ms. */
  startTime: number;
  endTime: number;
  /** How the run ended. */
  outcome: 'completed' | 'stopped' | 'aborted';
  /** For `aborted`: the rule that stopped it. */
  abortedBy?: string;
  workers: number;
  seed?: number;
  /** Per request name, in the scenario's request order. */
  endpoints: EndpointStats[];
  aggregate: EndpointStats;
  intervals: IntervalSnapshot[];
  failures: FailureRow[];
  /** Each `??` check of the scenario: how often it ran and failed, and why; absent without checks. */
  checks?: CheckStats[];
  /** Per request name that followed redirects: how many of its requests were redirected, and the hops; absent when none was. */
  redirects?: RedirectStats[];
  /** Open model: arrivals dropped over the whole run. */
  dropped: number;
  thresholds: ThresholdVerdict[];
  insights: Insight[];
  /** Requests of the scenario that were read but not load-tested (other protocols, `OPTIONS *`). */
  skipped?: Array<{ name: string; line: number; reason: string }>;
  /** A shard's result (`run --shard`): its part, and what `loadlens merge` joins exactly. */
  shard?: ShardRecord;
  /** A run joined from shards (`loadlens merge`, `loadlens coordinate`). */
  joined?: JoinedShards;
}

export interface JoinedShards {
  shards: number;
  /** Shards whose numbers are missing from `fromSecond` (since the start) on: lost, or never joined. */
  missing: MissingShard[];
}

/** A shard lost on the way or never there, and the seconds of the joined run it is missing. */
export interface MissingShard {
  shard: number;
  /** The first second (1-based, since the joined start) without its numbers. */
  fromSecond: number;
  /** The joined run's last second; absent in results written before it was recorded. */
  toSecond?: number;
  /** How many of the joined run's seconds lack its numbers: toSecond - fromSecond + 1, at least 0. */
  seconds?: number;
  reason: string;
}

/**
 * One interval of a shard as its engine merged it: the workers' partials themselves (encoded
 * histograms, counts), so that joining shards is the aggregator's own exact sum.
 */
export interface ShardInterval {
  time: number;
  elapsedMs: number;
  intervalMs: number;
  partials: IntervalPartial[];
}

/** One shard of a run spread over machines: the `index`-th (1-based) of `count` (docs/scale-out.md). */
export interface ShardSpec {
  index: number;
  count: number;
}

export interface ShardRecord extends ShardSpec {
  intervals: ShardInterval[];
}

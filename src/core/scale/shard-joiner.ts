// Shards joined into one run: each second's partials of every shard go through the engine's own
// aggregator (src/core/metrics/aggregator.ts), exactly as the partials of one machine's workers
// do, so a joined run has the counts, histograms and history one machine would have had.
// Used after the fact (`loadlens merge`) and live (`loadlens coordinate`).

import { deriveInsights } from '../analysis';
import type { RunStats } from '../analysis/thresholds';
import { RunAggregator, type EndpointKey } from '../metrics/aggregator';
import type { IntervalPartial } from '../metrics/partial';
import { RESULT_FORMAT_VERSION, type IntervalSnapshot, type JoinedShards, type RunResult, type ShardInterval, type ThresholdVerdict } from '../metrics/result';

/** What the joined result says about the run besides its numbers. */
export type JoinedMeta = Pick<RunResult, 'engineVersion' | 'scenario' | 'host' | 'load' | 'workers' | 'seed' | 'skipped'> & {
  startTime: number;
  endTime: number;
  outcome: RunResult['outcome'];
  abortedBy?: string;
  fullHistory: boolean;
  joined: JoinedShards;
};

export class ShardJoiner {
  private readonly aggregator: RunAggregator;
  private readonly intervals: IntervalSnapshot[] = [];

  constructor(endpoints: readonly EndpointKey[]) {
    this.aggregator = new RunAggregator(endpoints);
  }

  /** One second of the joined run: the partials every shard sent for it. */
  addSecond(partials: readonly IntervalPartial[], at: { time: number; elapsedMs: number; intervalMs: number }): IntervalSnapshot {
    const snapshot = this.aggregator.addInterval(partials, at);
    this.intervals.push(snapshot);
    return snapshot;
  }

  stats(durationMs: number, withHistograms = true): RunStats {
    return this.aggregator.stats(durationMs, withHistograms);
  }

  get history(): readonly IntervalSnapshot[] {
    return this.intervals;
  }

  /** The joined result; `judge` gives the thresholds' verdicts on the joined statistics. */
  result(meta: JoinedMeta, judge: (stats: RunStats) => ThresholdVerdict[]): RunResult {
    const stats = this.stats(meta.endTime - meta.startTime);
    const base: Omit<RunResult, 'insights'> = {
      formatVersion: RESULT_FORMAT_VERSION,
      engineVersion: meta.engineVersion,
      scenario: meta.scenario,
      host: meta.host,
      load: meta.load,
      startTime: meta.startTime,
      endTime: meta.endTime,
      outcome: meta.outcome,
      abortedBy: meta.abortedBy,
      workers: meta.workers,
      seed: meta.seed,
      endpoints: stats.endpoints,
      aggregate: stats.aggregate,
      intervals: meta.fullHistory ? this.intervals : this.intervals.map((interval) => ({ ...interval, endpoints: [] })),
      failures: this.aggregator.failures(),
      dropped: this.aggregator.dropped,
      thresholds: judge(stats),
    };
    const result: RunResult = { ...base, insights: deriveInsights({ ...base, intervals: this.intervals }), joined: this.withMissingSeconds(meta.joined, meta.startTime) };
    if (meta.skipped) result.skipped = meta.skipped;
    const redirects = this.aggregator.redirects();
    if (redirects) result.redirects = redirects;
    return result;
  }

  /** Each missing shard with the seconds of the joined run it lacks: from its first missing second to the last second. */
  private withMissingSeconds(joined: JoinedShards, startTime: number): JoinedShards {
    const last = this.intervals.at(-1);
    const toSecond = last ? secondOf(last.time, startTime) : 0;
    return { ...joined, missing: joined.missing.map((gap) => ({ ...gap, toSecond, seconds: Math.max(0, toSecond - gap.fromSecond + 1) })) };
  }
}

/** The second (1-based, since the joined start) an interval ending at `time` belongs to. */
export function secondOf(time: number, startTime: number): number {
  return Math.max(1, Math.round((time - startTime) / 1000));
}

/** Per joined second, per shard, that shard's numbers for the second. */
export type ShardSeconds = Map<number, Map<number, ShardInterval>>;

/**
 * Puts a shard's interval in joined second `second` of `seconds`; a second interval of that shard
 * in the same second is joined to the first (sameSecond). The one grouping of `loadlens merge` and
 * of the coordinator's live view, so both count a shard's seconds alike.
 */
export function addToSecond(seconds: ShardSeconds, second: number, shard: number, interval: ShardInterval): void {
  const slot = seconds.get(second) ?? new Map<number, ShardInterval>();
  const earlier = slot.get(shard);
  slot.set(shard, earlier ? sameSecond(earlier, interval) : interval);
  seconds.set(second, slot);
}

/**
 * Two intervals of one shard that end in the same joined second (the engine's last, short
 * interval after a full one; a shard whose intervals end near the half second) as one. Their
 * counts add up: the aggregator sums partials. Users and in-flight requests are gauges at the end
 * of an interval, which the aggregator also sums (across workers), so only the later interval's
 * count: added, a shard of one user would read two.
 */
function sameSecond(earlier: ShardInterval, later: ShardInterval): ShardInterval {
  const [first, last] = earlier.time <= later.time ? [earlier, later] : [later, earlier];
  return { ...last, intervalMs: Math.max(first.intervalMs, last.intervalMs), partials: [...countsOnly(first).partials, ...last.partials] };
}

/** An interval's counts without its gauges (users, in-flight requests), for a second that has them from another interval. */
export function countsOnly(interval: ShardInterval): ShardInterval {
  return { ...interval, partials: interval.partials.map((partial) => ({ ...partial, users: 0, inFlight: 0 })) };
}

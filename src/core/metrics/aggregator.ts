// The engine's main thread side of the metrics: each second it merges the partials of every
// worker into one interval snapshot (histograms added, never averaged) and keeps the run's
// cumulative statistics, failures table and dropped count.

import { CheckTotals, type CheckKey, type CheckStats } from './check-counts';
import { addEncoded, createHistogram, type Histogram } from './histogram';
import type { IntervalPartial } from './partial';
import type { EndpointStats, FailureRow, IntervalSnapshot } from './result';
import { addCounts, emptyCounts, StatsSeries } from './series';

export interface EndpointKey {
  method: string;
  name: string;
}

/** The aggregate row's name, as Locust writes it. */
export const AGGREGATE_NAME = 'Aggregated';

export class RunAggregator {
  private readonly series: StatsSeries[];
  private readonly aggregate = new StatsSeries('', AGGREGATE_NAME);
  private readonly failureCounts = new Map<string, { endpoint: number; row: FailureRow }>();
  private readonly spare: Histogram[] = [];
  private droppedTotal = 0;
  private readonly checkTotals: CheckTotals | undefined;

  constructor(endpoints: readonly EndpointKey[], checks: readonly CheckKey[] = []) {
    this.series = endpoints.map((endpoint) => new StatsSeries(endpoint.method, endpoint.name));
    if (checks.length > 0) this.checkTotals = new CheckTotals(checks);
  }

  private histogram(): Histogram {
    return this.spare.pop() ?? createHistogram();
  }

  private keep(recycled: Histogram | undefined): void {
    if (recycled) this.spare.push(recycled);
  }

  /** Merges one interval's partials (one per worker) into a snapshot. */
  addInterval(partials: readonly IntervalPartial[], at: { time: number; elapsedMs: number; intervalMs: number }): IntervalSnapshot {
    const aggregateHistogram = this.histogram();
    const aggregateCounts = emptyCounts();
    const endpoints = this.series.map((series, index) => {
      const histogram = this.histogram();
      const counts = emptyCounts();
      for (const partial of partials) {
        const part = partial.endpoints[index];
        if (!part) continue;
        addCounts(counts, part);
        addEncoded(histogram, part.histogram);
      }
      aggregateHistogram.add(histogram);
      addCounts(aggregateCounts, counts);
      const { stats, recycled } = series.addInterval(histogram, counts, at.intervalMs);
      this.keep(recycled);
      return stats;
    });
    const { stats: aggregate, recycled } = this.aggregate.addInterval(aggregateHistogram, aggregateCounts, at.intervalMs);
    this.keep(recycled);
    let users = 0;
    let inFlight = 0;
    let dropped = 0;
    for (const partial of partials) {
      users += partial.users;
      inFlight += partial.inFlight;
      dropped += partial.dropped;
      for (const [index, error, occurrences] of partial.failures) this.countFailure(index, error, occurrences);
      this.checkTotals?.add(partial.checks);
    }
    this.droppedTotal += dropped;
    return { time: at.time, elapsedMs: at.elapsedMs, users, inFlight, dropped, aggregate, endpoints };
  }

  private countFailure(index: number, error: string, occurrences: number): void {
    const series = this.series[index];
    if (!series) return;
    const key = `${index}\u0000${error}`;
    const found = this.failureCounts.get(key);
    if (found) found.row.occurrences += occurrences;
    else this.failureCounts.set(key, { endpoint: index, row: { method: series.method, name: series.name, error, occurrences } });
  }

  /** Cumulative statistics per endpoint and for the aggregate, over a run of `durationMs`. */
  stats(durationMs: number, withHistograms = true): { endpoints: EndpointStats[]; aggregate: EndpointStats } {
    return {
      endpoints: this.series.map((series) => series.summarize(durationMs, withHistograms)),
      aggregate: this.aggregate.summarize(durationMs, withHistograms),
    };
  }

  /** Failures grouped by request name and error text: most frequent first, then in request order. */
  failures(): FailureRow[] {
    return [...this.failureCounts.values()]
      .sort((a, b) => b.row.occurrences - a.row.occurrences || a.endpoint - b.endpoint || (a.row.error < b.row.error ? -1 : 1))
      .map((entry) => ({ ...entry.row }));
  }

  /** Each `??` check's counts over the run; undefined when the scenario has none. */
  checks(): CheckStats[] | undefined {
    return this.checkTotals?.stats();
  }

  /**
   * Histograms held by the run's statistics, spares for reuse included. A long run must not
   * keep more than a short one: the state is per name and per window slot, never per interval.
   */
  get histogramsHeld(): number {
    return this.series.reduce((sum, series) => sum + series.histogramsHeld, this.aggregate.histogramsHeld + this.spare.length);
  }

  get dropped(): number {
    return this.droppedTotal;
  }
}

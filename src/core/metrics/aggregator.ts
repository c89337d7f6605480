// The engine's main thread side of the metrics: each second it merges the partials of every
// worker into one interval snapshot (histograms added, never averaged) and keeps the run's
// cumulative statistics, failures table and dropped count.

import { CheckTotals, type CheckKey, type CheckStats } from './check-counts';
import { generatorLoad } from './generator-load';
import { createHistogram, decodeSamples, encodeHistogram, type Histogram } from './histogram';
import { RedirectCounter, type RedirectStats } from './redirect-counts';
import type { IntervalPartial } from './partial';
import { protocolNames } from './protocols';
import type { EndpointStats, FailureRow, IntervalSnapshot, IntervalStats } from './result';
import { addCounts, emptyCounts, StatsSeries, type IntervalSamples } from './series';

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
  /** The aggregate's samples of the interval being merged (reset after each). */
  private readonly intervalHistogram: Histogram = createHistogram();
  private droppedTotal = 0;
  /** Per endpoint, the protocols that answered it so far (bits of protocols.ts). */
  private readonly protocolBits: number[];
  private readonly checkTotals: CheckTotals | undefined;
  private readonly redirectTotals = new RedirectCounter();

  constructor(endpoints: readonly EndpointKey[], checks: readonly CheckKey[] = []) {
    this.series = endpoints.map((endpoint) => new StatsSeries(endpoint.method, endpoint.name));
    this.protocolBits = endpoints.map(() => 0);
    if (checks.length > 0) this.checkTotals = new CheckTotals(checks);
  }

  /** Merges one interval's partials (one per worker) into a snapshot. */
  addInterval(partials: readonly IntervalPartial[], at: { time: number; elapsedMs: number; intervalMs: number }): IntervalSnapshot {
    const aggregateHistogram = this.intervalHistogram;
    const aggregateCounts = emptyCounts();
    const endpoints: IntervalStats[] = [];
    this.series.forEach((series, index) => {
      // A name without samples in this interval decodes nothing: idle names cost counters only.
      const samples: IntervalSamples[] = [];
      const counts = emptyCounts();
      for (const partial of partials) {
        const part = partial.endpoints[index];
        if (!part) continue;
        addCounts(counts, part);
        if (part.protocols) this.protocolBits[index] = (this.protocolBits[index] ?? 0) | part.protocols;
        if (part.histogram === '') continue;
        const histogram = decodeSamples(part.histogram);
        aggregateHistogram.add(histogram);
        samples.push({ encoded: part.histogram, histogram });
      }
      addCounts(aggregateCounts, counts);
      const stats = series.addInterval(samples, counts, at.intervalMs);
      // A name not requested yet has no row: a scenario imported with thousands of requests sends
      // and keeps rows only for those that ran (docs/reports.md, intervals).
      if (stats.total.requests === 0) return;
      const bits = this.protocolBits[index] ?? 0;
      if (bits !== 0) stats.protocols = protocolNames(bits);
      endpoints.push(stats);
    });
    const encoded = encodeHistogram(aggregateHistogram);
    const aggregate = this.aggregate.addInterval(encoded === '' ? [] : [{ encoded, histogram: aggregateHistogram }], aggregateCounts, at.intervalMs);
    aggregateHistogram.reset();
    let users = 0;
    let inFlight = 0;
    let dropped = 0;
    for (const partial of partials) {
      users += partial.users;
      inFlight += partial.inFlight;
      dropped += partial.dropped;
      for (const [index, error, occurrences] of partial.failures) this.countFailure(index, error, occurrences);
      this.checkTotals?.add(partial.checks);
      this.redirectTotals.add(partial.redirects);
    }
    this.droppedTotal += dropped;
    const snapshot: IntervalSnapshot = { time: at.time, elapsedMs: at.elapsedMs, users, inFlight, dropped, aggregate, endpoints };
    const generator = generatorLoad(partials.map((partial) => partial.generator));
    if (generator) snapshot.generator = generator;
    return snapshot;
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
    let all = 0;
    const endpoints = this.series.map((series, index) => {
      const stats = series.summarize(durationMs, withHistograms);
      const bits = this.protocolBits[index] ?? 0;
      all |= bits;
      if (bits !== 0) stats.protocols = protocolNames(bits);
      return stats;
    });
    const aggregate = this.aggregate.summarize(durationMs, withHistograms);
    if (all !== 0) aggregate.protocols = protocolNames(all);
    return { endpoints, aggregate };
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

  /** Redirects followed per request name over the run; undefined when no request was redirected. */
  redirects(): RedirectStats[] | undefined {
    return this.redirectTotals.stats(this.series);
  }

  /**
   * Histograms held by the run's statistics, the interval's own included. A long run must not
   * keep more than a short one: the state is per name and per window slot, never per interval.
   */
  get histogramsHeld(): number {
    return this.series.reduce((sum, series) => sum + series.histogramsHeld, this.aggregate.histogramsHeld + 1);
  }

  get dropped(): number {
    return this.droppedTotal;
  }
}

// The hot path of the metrics: a histogram and a few counters per endpoint; a sample is a bucket
// increment and three comparisons. `takePartial` hands over the interval and resets. A name's
// histogram is made on its first sample and kept (reset) while the name is busy; after an
// interval without samples it is let go, so that thousands of idle names cost counters only.

import { createHistogram, encodeHistogram, recordMicros, type Histogram } from './histogram';
import { CheckCounter } from './check-counts';
import { RedirectCounter } from './redirect-counts';
import type { EndpointPartial, IntervalPartial } from './partial';

class EndpointCounters {
  /** Undefined until a sample comes, and again after an interval without one. */
  private histogram: Histogram | undefined;
  requests = 0;
  failures = 0;
  contentBytes = 0;
  sumMicros = 0;
  minMicros = Infinity;
  maxMicros = 0;
  /** Protocols that answered in this interval, as bits (protocols.ts). */
  protocols = 0;
  /** Failures of this interval by error text. */
  readonly errors = new Map<string, number>();

  recordLatency(micros: number): void {
    recordMicros((this.histogram ??= createHistogram()), micros);
  }

  take(): EndpointPartial {
    const partial: EndpointPartial = {
      requests: this.requests,
      failures: this.failures,
      contentBytes: this.contentBytes,
      sumMicros: this.sumMicros,
      minMicros: this.minMicros,
      maxMicros: this.maxMicros,
      histogram: this.histogram ? encodeHistogram(this.histogram) : '',
    };
    if (this.protocols !== 0) partial.protocols = this.protocols;
    this.protocols = 0;
    if (this.histogram?.totalCount === 0) this.histogram = undefined;
    else this.histogram?.reset();
    this.requests = this.failures = this.contentBytes = this.sumMicros = this.maxMicros = 0;
    this.minMicros = Infinity;
    return partial;
  }
}

export class MetricsRecorder {
  private readonly endpoints: EndpointCounters[];
  /** Undefined when the scenario has no `??` checks. */
  readonly checks: CheckCounter | undefined;
  private readonly redirects = new RedirectCounter();

  constructor(endpointCount: number, checkCount = 0) {
    this.endpoints = Array.from({ length: endpointCount }, () => new EndpointCounters());
    if (checkCount > 0) this.checks = new CheckCounter(checkCount);
  }

  /** A request that got an answer or an error; `error` undefined means success. */
  record(endpoint: number, micros: number, contentBytes: number, error: string | undefined): void {
    const counters = this.endpoints[endpoint];
    if (!counters) return;
    counters.requests++;
    counters.contentBytes += contentBytes;
    counters.sumMicros += micros;
    if (micros < counters.minMicros) counters.minMicros = micros;
    if (micros > counters.maxMicros) counters.maxMicros = micros;
    counters.recordLatency(micros);
    if (error !== undefined) this.countError(counters, error);
  }

  /** A request that followed `hops` redirects (counted besides its `record`). */
  recordRedirects(endpoint: number, hops: number): void {
    this.redirects.count(endpoint, hops);
  }

  /** The protocol (a bit of protocols.ts) that answered a request of `endpoint`. */
  recordProtocol(endpoint: number, protocol: number): void {
    const counters = this.endpoints[endpoint];
    if (counters) counters.protocols |= protocol;
  }

  /** A request that failed before it could be sent (a capture found nothing): no latency sample. */
  recordUnsent(endpoint: number, error: string): void {
    const counters = this.endpoints[endpoint];
    if (!counters) return;
    counters.requests++;
    this.countError(counters, error);
  }

  private countError(counters: EndpointCounters, error: string): void {
    counters.failures++;
    counters.errors.set(error, (counters.errors.get(error) ?? 0) + 1);
  }

  /** The interval so far; the counters start again from zero. */
  takePartial(gauges: { users: number; inFlight: number; dropped: number }): IntervalPartial {
    const failures: Array<[number, string, number]> = [];
    this.endpoints.forEach((counters, index) => {
      for (const [error, count] of counters.errors) failures.push([index, error, count]);
      counters.errors.clear();
    });
    const partial: IntervalPartial = { endpoints: this.endpoints.map((counters) => counters.take()), failures, ...gauges };
    if (this.checks) partial.checks = this.checks.take();
    const redirects = this.redirects.take();
    if (redirects) partial.redirects = redirects;
    return partial;
  }
}

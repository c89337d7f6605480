// The hot path of the metrics: a few counters per endpoint and its latencies of the interval;
// `takePartial` hands over the interval and resets.
//
// A name's latencies of an interval are kept as they came (4 bytes each, in a buffer that grows
// to at most SAMPLES_BEFORE_HISTOGRAM) and encoded at the interval's end through one histogram
// the whole recorder shares: thousands of names that each get a few requests a second cost a few
// hundred bytes each, not a histogram as wide as their slowest response (8-94 KB). A name that
// fills its buffer gets its own histogram, kept (reset) while it stays that busy: then a sample
// is a bucket increment, as before, and the names that can be that busy are few (requests a
// second / SAMPLES_BEFORE_HISTOGRAM). docs/performance-memory.md has the numbers.

import { boundedMicros, createHistogram, encodeHistogram, recordBounded, recordMicros, type Histogram } from './histogram';
import { CheckCounter } from './check-counts';
import { RedirectCounter } from './redirect-counts';
import type { EndpointPartial, IntervalPartial } from './partial';

/** Latencies a name keeps as they came, per interval, before it gets a histogram of its own. */
export const SAMPLES_BEFORE_HISTOGRAM = 256;
const FIRST_BUFFER_LENGTH = 8;
const NO_SAMPLES = new Uint32Array(0);

class EndpointCounters {
  /** The interval's latencies in µs (rounded and bounded as recordMicros does), while no histogram. */
  private samples: Uint32Array = NO_SAMPLES;
  private sampleCount = 0;
  /** Only for a name past SAMPLES_BEFORE_HISTOGRAM samples in an interval; let go when it is quieter. */
  private histogram: Histogram | undefined;
  requests = 0;
  failures = 0;
  contentBytes = 0;
  sumMicros = 0;
  minMicros = Infinity;
  maxMicros = 0;
  /** Protocols that answered in this interval, as bits (protocols.ts). */
  protocols = 0;
  /** Failures of this interval by error text; made on the first. */
  errors: Map<string, number> | undefined;

  recordLatency(micros: number): void {
    if (this.histogram) recordMicros(this.histogram, micros);
    else if (this.sampleCount < this.samples.length) this.samples[this.sampleCount++] = boundedMicros(micros);
    else this.growSamples(micros);
  }

  private growSamples(micros: number): void {
    if (this.sampleCount < SAMPLES_BEFORE_HISTOGRAM) {
      const grown = new Uint32Array(Math.min(SAMPLES_BEFORE_HISTOGRAM, Math.max(FIRST_BUFFER_LENGTH, this.samples.length * 2)));
      grown.set(this.samples);
      this.samples = grown;
      this.samples[this.sampleCount++] = boundedMicros(micros);
      return;
    }
    const histogram = createHistogram();
    for (let at = 0; at < this.sampleCount; at++) recordBounded(histogram, this.samples[at] as number);
    recordMicros(histogram, micros);
    this.histogram = histogram;
    this.samples = NO_SAMPLES;
    this.sampleCount = 0;
  }

  /** The interval's latencies, encoded (through `shared` unless the name has its own histogram). */
  private takeHistogram(shared: Histogram): string {
    const own = this.histogram;
    if (own) {
      const encoded = encodeHistogram(own);
      // Still as busy: keep it (reset); quieter: back to a buffer, the histogram let go.
      if (own.totalCount >= SAMPLES_BEFORE_HISTOGRAM) own.reset();
      else this.histogram = undefined;
      return encoded;
    }
    if (this.sampleCount === 0) {
      // A second without samples gives the buffer back: an idle name holds none.
      this.samples = NO_SAMPLES;
      return '';
    }
    try {
      for (let at = 0; at < this.sampleCount; at++) recordBounded(shared, this.samples[at] as number);
      return encodeHistogram(shared);
    } finally {
      shared.reset();
      this.sampleCount = 0;
    }
  }

  take(shared: Histogram): EndpointPartial {
    const partial: EndpointPartial = {
      requests: this.requests,
      failures: this.failures,
      contentBytes: this.contentBytes,
      sumMicros: this.sumMicros,
      minMicros: this.minMicros,
      maxMicros: this.maxMicros,
      histogram: this.takeHistogram(shared),
    };
    if (this.protocols !== 0) partial.protocols = this.protocols;
    this.protocols = 0;
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
  /** Encodes each name's buffered latencies at the interval's end (then reset): one for all names. */
  private readonly shared = createHistogram();

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
    const errors = (counters.errors ??= new Map());
    errors.set(error, (errors.get(error) ?? 0) + 1);
  }

  /** The interval so far; the counters start again from zero. */
  takePartial(gauges: { users: number; inFlight: number; dropped: number }): IntervalPartial {
    const failures: Array<[number, string, number]> = [];
    this.endpoints.forEach((counters, index) => {
      if (!counters.errors) return;
      for (const [error, count] of counters.errors) failures.push([index, error, count]);
      counters.errors = undefined;
    });
    const partial: IntervalPartial = { endpoints: this.endpoints.map((counters) => counters.take(this.shared)), failures, ...gauges };
    if (this.checks) partial.checks = this.checks.take();
    const redirects = this.redirects.take();
    if (redirects) partial.redirects = redirects;
    return partial;
  }
}

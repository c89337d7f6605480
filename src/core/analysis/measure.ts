// The value of a threshold metric for one set of statistics, in the rule's unit:
// ms for latency metrics, percent for `errors`, requests per second for `rps`.
import type { EndpointStats } from '../metrics/result';
import type { ThresholdMetric } from '../scenario/model';
import { histogramPercentileMs } from './histogram';

/**
 * The latency below which `percentile` % of the requests fell, in ms. Locust's percentiles come
 * straight from the stats; any other one is read from the histogram; if that is missing (a result
 * imported without one) it is interpolated between the neighbouring known percentiles.
 */
export function statsPercentileMs(stats: EndpointStats, percentile: number): number | undefined {
  if (stats.requests === 0) return undefined;
  const known = stats.percentiles[String(percentile)];
  if (known !== undefined) return known;
  if (percentile === 50) return stats.medianMs;
  return histogramPercentileMs(stats.histogram, percentile) ?? interpolatePercentile(stats, percentile);
}

function interpolatePercentile(stats: EndpointStats, percentile: number): number {
  const points = [{ p: 0, ms: stats.minMs }];
  for (const [key, ms] of Object.entries(stats.percentiles)) points.push({ p: Number(key), ms });
  points.push({ p: 100, ms: stats.maxMs });
  points.sort((a, b) => a.p - b.p);
  let below = points[0] ?? { p: 0, ms: stats.minMs };
  for (const point of points) {
    if (point.p >= percentile) {
      if (point.p === below.p) return point.ms;
      return below.ms + ((point.ms - below.ms) * (percentile - below.p)) / (point.p - below.p);
    }
    below = point;
  }
  return stats.maxMs;
}

/** Failed requests as a percentage of all requests; undefined when nothing was sent. */
export function errorPercent(stats: EndpointStats): number | undefined {
  return stats.requests === 0 ? undefined : (stats.failures / stats.requests) * 100;
}

/**
 * The measured value, or undefined when there is nothing to measure: with no request, latency and
 * error rate have no value, while a throughput of 0 req/s is a real measurement.
 */
export function measure(metric: ThresholdMetric, stats: EndpointStats): number | undefined {
  switch (metric.kind) {
    case 'rps':
      return stats.rps;
    case 'errors':
      return errorPercent(stats);
    case 'avg':
      return stats.requests === 0 ? undefined : stats.meanMs;
    case 'min':
      return stats.requests === 0 ? undefined : stats.minMs;
    case 'max':
      return stats.requests === 0 ? undefined : stats.maxMs;
    case 'percentile':
      return statsPercentileMs(stats, metric.percentile);
  }
}

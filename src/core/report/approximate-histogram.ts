// Locust's CSV files hold percentiles, not histograms. To show an imported run like one of ours
// (distribution chart, any percentile for thresholds, comparisons) we rebuild a histogram whose
// percentiles are the ones Locust reported: samples spread linearly between neighbouring points.
// It is an approximation, and the importer says so; merging two of them is only as good as that.
import { createHistogram, encodeHistogram, HIGHEST_TRACKABLE_US } from '../metrics/histogram';
import type { PercentileSet } from '../metrics/result';

/** Sub-steps per segment between two known percentiles: enough for a smooth distribution chart. */
const STEPS_PER_SEGMENT = 16;

/** As the engine records: whole µs, at least 1, at most the histograms' shared ceiling. */
const toMicros = (ms: number): number => Math.min(HIGHEST_TRACKABLE_US, Math.max(1, Math.round(ms * 1000)));

export function histogramFromPercentiles(requests: number, minMs: number, maxMs: number, percentiles: PercentileSet): string {
  if (requests <= 0) return '';
  const known = Object.entries(percentiles)
    .map(([key, ms]) => ({ p: Number(key), ms }))
    .filter((point) => point.p > 0 && point.p < 100 && Number.isFinite(point.ms))
    .sort((a, b) => a.p - b.p);
  // Locust's percentiles are bucketed (147 -> 150) while min and max are exact: keep the curve
  // inside [min, max] and never decreasing.
  const points = [{ p: 0, ms: minMs }, ...known, { p: 100, ms: maxMs }];
  let floor = minMs;
  for (const point of points) {
    point.ms = Math.min(maxMs, Math.max(floor, point.ms));
    floor = point.ms;
  }
  // The engine's histogram shape, so that imported and measured results merge.
  const histogram = createHistogram();
  histogram.recordValue(toMicros(minMs));
  let recorded = 1;
  for (let i = 1; i < points.length; i++) {
    const from = points[i - 1];
    const to = points[i];
    if (!from || !to) continue;
    // HDR reads percentile p at rank ceil(N * p / 100): put the point's value exactly there. The
    // first sample is the min and, with two or more, the last one the max: both are exact.
    const upTo = Math.min(requests - 1, Math.max(1, Math.ceil((requests * to.p) / 100 - 1e-9)));
    const inSegment = upTo - recorded;
    if (inSegment <= 0) continue;
    const steps = Math.min(inSegment, STEPS_PER_SEGMENT);
    for (let step = 1; step <= steps; step++) {
      const count = Math.round((inSegment * step) / steps) - Math.round((inSegment * (step - 1)) / steps);
      if (count > 0) histogram.recordValueWithCount(toMicros(from.ms + ((to.ms - from.ms) * step) / steps), count);
    }
    recorded = upTo;
  }
  if (requests >= 2) histogram.recordValue(toMicros(maxMs));
  return encodeHistogram(histogram);
}

// Comparing two runs: the table of changes and the significance of each (docs/compare.md).
export { compareResults, describeMethod, COMPARED_METRICS, DEFAULT_COMPARE_SEED, DEFAULT_MINIMUM_CHANGES } from './compare-results';
export { designEffect } from './design-effect';
export type { Comparison, CompareOptions, ComparedMetric, MetricChange, RowComparison, RunSide } from './compare-results';
export { failureRateShift, histogramBuckets, normalQuantile, percentileShift, rateShift } from './significance';
export type { Buckets, ShiftTest, BootstrapOptions } from './significance';

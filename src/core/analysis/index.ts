// Threshold verdicts and insights: pure functions of a scenario and run statistics.
export { applicableThresholds, evaluateRulesOnEveryTarget, evaluateThresholds, rejudgeVerdicts, isBaselineRule, sameMetric, AGGREGATE_TARGET } from './thresholds';
export type { RunStats } from './thresholds';
export { createAbortTracker, DEFAULT_ABORT_HOLD_MS } from './abort-tracker';
export { DEFAULT_THRESHOLD_RULES } from './default-thresholds';
export type { AbortTracker } from './abort-tracker';
export { deriveInsights } from './insights';
export { measure, statsPercentileMs, errorPercent } from './measure';
export { histogramPercentileMs, histogramDistribution } from './histogram';
export type { DistributionBucket } from './histogram';

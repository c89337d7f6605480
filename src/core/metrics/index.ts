// Metrics: latency histograms, per-worker recorders, exact merging into interval snapshots and summaries.
export * from './result';
export { createHistogram, recordMicros, encodeHistogram, decodeHistogram, addEncoded, mergeEncodedHistograms, percentileSet, percentileMs, HIGHEST_TRACKABLE_US, type Histogram } from './histogram';
export { emptyEndpointPartial, type EndpointPartial, type IntervalCounts, type IntervalPartial } from './partial';
export { MetricsRecorder } from './recorder';
export { PROTOCOL_BITS, protocolNames, type ProtocolName } from './protocols';
export { StatsSeries, WINDOW_INTERVALS } from './series';
export { RunAggregator, AGGREGATE_NAME, type EndpointKey } from './aggregator';
export { CheckCounter, CheckTotals, type CheckKey, type CheckPartial, type CheckStats } from './check-counts';
export { RedirectCounter, type RedirectPartial, type RedirectStats } from './redirect-counts';
export { generatorLoad, isSaturated, SATURATED_LOOP_BUSY, SATURATED_MEDIAN_DELAY_MS, type GeneratorLoad, type GeneratorSample } from './generator-load';

// `--out otlp=URL`: OpenTelemetry metrics over OTLP/HTTP (protobuf), e.g.
// http://127.0.0.1:4318/v1/metrics, through the OpenTelemetry JS SDK and its OTLP exporter.
// Each batch is collected at once by a reader of our own (the SDK's periodic reader would sample
// on its own clock, not the run's seconds) and exported later from the bounded queue.
import type { Observable } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, MetricReader, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { LIVE_METRICS, type LiveBatch, type LiveSample } from '../../core/metrics/live-samples';
import { splitCredentials } from './credentials';

/** Collects on demand only: `collect()` after each interval. */
class OnDemandReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

export interface OtlpPipeline {
  /** The batch as OTLP resource metrics (cumulative counters, gauges), collected now. */
  capture(batch: LiveBatch): Promise<ResourceMetrics>;
  deliver(metrics: ResourceMetrics): Promise<void>;
  shutdown(): Promise<void>;
}

export function createOtlpPipeline(url: string, timeoutMs: number, engineVersion: string): OtlpPipeline {
  const reader = new OnDemandReader();
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ 'service.name': 'loadlens', 'service.version': engineVersion }),
    readers: [reader],
  });
  const meter = provider.getMeter('loadlens');
  const instruments: Record<LiveSample['metric'], Observable> = {
    [LIVE_METRICS.requests]: meter.createObservableCounter(LIVE_METRICS.requests, { description: 'Requests completed since the start of the run' }),
    [LIVE_METRICS.failures]: meter.createObservableCounter(LIVE_METRICS.failures, { description: 'Requests failed since the start of the run' }),
    [LIVE_METRICS.users]: meter.createObservableGauge(LIVE_METRICS.users, { description: 'Running virtual users (or concurrent iterations)' }),
    [LIVE_METRICS.rps]: meter.createObservableGauge(LIVE_METRICS.rps, { description: 'Requests per second in the last interval' }),
    [LIVE_METRICS.responseTime]: meter.createObservableGauge(LIVE_METRICS.responseTime, { description: 'Response time quantiles over the last 10 s', unit: 's' }),
  };
  let current: LiveBatch | undefined;
  meter.addBatchObservableCallback((result) => {
    for (const sample of current?.samples ?? []) {
      result.observe(instruments[sample.metric] as Observable, sample.value, sample.labels);
    }
  }, Object.values(instruments));
  // The exporter's own retries are left to the queue (src/cli/live-metrics/sender.ts), which bounds them.
  const { url: plainUrl, headers } = splitCredentials(url);
  const exporter = new OTLPMetricExporter({ url: plainUrl, headers, timeoutMillis: timeoutMs });

  return {
    async capture(batch) {
      current = batch;
      const { resourceMetrics } = await reader.collect();
      current = undefined;
      return resourceMetrics;
    },
    deliver: (metrics) =>
      new Promise<void>((resolve, reject) => {
        exporter.export(metrics, (result) => {
          if (result.code === ExportResultCode.SUCCESS) resolve();
          else reject(result.error ?? new Error('the OTLP receiver refused the export'));
        });
      }),
    async shutdown() {
      await Promise.allSettled([exporter.shutdown(), provider.shutdown()]);
    },
  };
}


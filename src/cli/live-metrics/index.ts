// `--out KIND=URL`: each second's metrics streamed while the run goes on (docs/cli.md).
// Built as a bundle of its own (esbuild.mjs: dist/live-metrics.js) and loaded only when `--out`
// is given (../live-metrics-loader.ts), so that a run without it never loads the OpenTelemetry
// SDK or protobufjs. It runs in the CLI's process, which receives the engine's one interval per
// second: never in the workers that send requests, nor in the engine's own per-second loop.
import { finalBatch, intervalBatch, type LiveBatch } from '../../core/metrics/live-samples';
import type { IntervalSnapshot, RunResult } from '../../core/metrics/result';
import type { OutTarget } from '../ci-options';
import { withoutCredentials } from '../../core/report/credentials';
import { createOtlpPipeline } from './otlp';
import { createPrometheusDelivery } from './prometheus';
import { createSender, type LiveSender, type SenderOptions } from './sender';

export interface LiveMetrics {
  /** Called for each interval; returns at once. */
  update(snapshot: IntervalSnapshot): void;
  /** Sends the final counters, waits a bounded time, and returns one warning per target that lost intervals. */
  finish(result: RunResult): Promise<string[]>;
}

export interface LiveMetricsOptions extends SenderOptions {
  /** One request's timeout (default 2 s). */
  timeoutMs?: number;
  engineVersion?: string;
}

interface Target {
  label: string;
  push(batch: LiveBatch): void;
  close(): Promise<{ lost: number; delivered: number; lastError?: string }>;
}

function prometheusTarget(out: OutTarget, options: LiveMetricsOptions): Target {
  const sender = createSender(createPrometheusDelivery(out.url, options.timeoutMs ?? 2000), options);
  return { label: `prometheus=${withoutCredentials(out.url)}`, push: (batch) => sender.push(batch), close: () => sender.close() };
}

function otlpTarget(out: OutTarget, options: LiveMetricsOptions): Target {
  const pipeline = createOtlpPipeline(out.url, options.timeoutMs ?? 2000, options.engineVersion ?? '');
  const sender: LiveSender<Awaited<ReturnType<typeof pipeline.capture>>> = createSender((metrics) => pipeline.deliver(metrics), options);
  // Collecting is quick but asynchronous: keep the batches in order.
  let captured = Promise.resolve();
  let capturesFailed = 0;
  return {
    label: `otlp=${withoutCredentials(out.url)}`,
    push(batch) {
      captured = captured.then(() => pipeline.capture(batch).then((metrics) => sender.push(metrics), () => void capturesFailed++));
    },
    async close() {
      await captured;
      const report = await sender.close();
      await pipeline.shutdown();
      return { ...report, lost: report.lost + capturesFailed };
    },
  };
}

export function startLiveMetrics(outs: readonly OutTarget[], scenario: string, options: LiveMetricsOptions = {}): LiveMetrics {
  const targets = outs.map((out) => (out.kind === 'prometheus' ? prometheusTarget(out, options) : otlpTarget(out, options)));
  let intervals = 0;
  let lastTime = 0;
  return {
    update(snapshot) {
      intervals++;
      const batch = intervalBatch(snapshot, scenario);
      lastTime = batch.timeMs;
      for (const target of targets) target.push(batch);
    },
    async finish(result) {
      const batch = finalBatch(result, scenario, lastTime);
      for (const target of targets) target.push(batch);
      const reports = await Promise.all(targets.map((target) => target.close()));
      // A server's error text goes to a terminal: no control characters.
      const plain = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
      return reports.flatMap((report, i) =>
        report.lost === 0
          ? []
          : [`--out ${targets[i]?.label}: ${report.lost} of ${intervals + 1} intervals were not delivered${report.lastError ? ` (last error: ${plain(report.lastError)})` : ''}; the run itself was not affected.`],
      );
    },
  };
}

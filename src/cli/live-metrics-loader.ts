// Loads the `--out` exporters (./live-metrics) only when a run asks for them: they are a bundle of
// their own (esbuild.mjs), so that a run without `--out` never loads the OpenTelemetry SDK or
// protobufjs, and wraps a run's progress reporter so that each interval also goes to them.
import { join } from 'node:path';
import type { IntervalSnapshot } from '../core/metrics/result';
import type { LiveMetrics } from './live-metrics';
import type { ProgressReporter } from './progress';

type LiveMetricsModule = typeof import('./live-metrics');

export function loadLiveMetrics(): LiveMetricsModule {
  // From dist/cli.js, the bundle beside it; `require` so that esbuild leaves it out of cli.js.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(__dirname, 'live-metrics.js')) as LiveMetricsModule;
}

/** The reporter, with every interval also handed to the exporters (which return at once). */
export function withLiveMetrics(progress: ProgressReporter, live: LiveMetrics): ProgressReporter {
  return {
    update(snapshot: IntervalSnapshot) {
      live.update(snapshot);
      progress.update(snapshot);
    },
    note: (message) => progress.note(message),
    finish: () => progress.finish(),
  };
}

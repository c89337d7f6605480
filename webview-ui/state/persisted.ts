// What the webview saves (vscode.setState) to draw at once after a reload, until the host's
// snapshot arrives: the figures it draws and a bounded chart series, never the run's encoded
// histograms nor its full interval list. The full result stays with the host (run history, or
// the host's copy of an imported run: src/vscode/panel/imported-runs.ts), which Export reads.
import type { EndpointStats, RunResult } from '../../src/core/metrics/result';
import type { ChartSeries } from '../../src/core/protocol/webview';
import type { PanelState } from './reducer';

/** At most this many chart points are saved: a 1 h run at 1 s keeps every 5th second. */
export const MAX_SAVED_POINTS = 720;

function withoutHistogram(stats: EndpointStats): EndpointStats {
  return { ...stats, histogram: '' };
}

/** The result's drawn parts: tables, failures, thresholds and insights, no histograms or intervals. */
function drawnResult(result: RunResult): RunResult {
  return { ...result, intervals: [], endpoints: result.endpoints.map(withoutHistogram), aggregate: withoutHistogram(result.aggregate) };
}

/** Every k-th point (and always the last), so that a long run's saved chart keeps its shape in bounded size. */
export function boundedSeries(series: ChartSeries, maxPoints = MAX_SAVED_POINTS): ChartSeries {
  const length = series.time.length;
  if (length <= maxPoints) return series;
  const stride = Math.ceil(length / maxPoints);
  const keep = (index: number): boolean => index % stride === 0 || index === length - 1;
  const pick = <T>(column: T[]): T[] => column.filter((_, index) => keep(index));
  return {
    time: pick(series.time),
    rps: pick(series.rps),
    failuresPerSec: pick(series.failuresPerSec),
    p50: pick(series.p50),
    p95: pick(series.p95),
    p99: pick(series.p99),
    users: pick(series.users),
    ...(series.saturated ? { saturated: pick(series.saturated) } : {}),
  };
}

/** The state as the webview saves it. */
export function persistedState(state: PanelState): PanelState {
  return { ...state, series: boundedSeries(state.series), result: state.result ? drawnResult(state.result) : undefined };
}

// What the results panel shows, built the same way by the host (its run session, a saved or an
// imported result) and by the webview (a result arriving while it is open).
import type { RunResult } from '../metrics/result';
import type { PanelSnapshot, RunHeading, RunOrigin } from '../protocol/webview';
import { emptySeries, seriesFromIntervals } from './chart-series';

export function emptyPanelSnapshot(): PanelSnapshot {
  return { phase: 'empty', origin: 'live', requestNames: [], series: emptySeries() };
}

/** A finished run: its charts come from the result's own intervals. */
export function resultSnapshot(origin: RunOrigin, heading: RunHeading | undefined, result: RunResult, runId?: string): PanelSnapshot {
  return {
    phase: 'finished',
    origin,
    heading,
    runId,
    startTime: result.startTime,
    load: result.load,
    requestNames: result.endpoints.map((endpoint) => endpoint.name),
    series: seriesFromIntervals(result.intervals),
    result,
  };
}

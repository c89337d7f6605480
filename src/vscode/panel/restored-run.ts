// What the results panel shows after a reload, and whether Export can write it. The webview saves
// only what it draws (webview-ui/state/persisted.ts), so the full result of a restored run is read
// back from the host's copies: run history for a run of this workspace, the host's imported-run
// store for a Locust import. The host's workspaceState note (last-shown.ts) says which run that is
// when the webview's state is older. Free of `vscode` so that it is unit-tested.
import type { RunResult } from '../../core/metrics/result';
import type { PanelSnapshot, RunOrigin } from '../../core/protocol/webview';
import { resultSnapshot } from '../../core/report/panel-snapshot';
import { savedStateIsBehind, type LastShown } from './last-shown';

/** Reads the full result of a run the panel showed: by origin, start time and scenario (or import) name. */
export type FindShownRun = (origin: RunOrigin, startTime: number, name: string) => Promise<RunResult | undefined>;

export interface RestoredRun {
  snapshot: PanelSnapshot;
  /** False when only the webview's drawn copy is left (history off or deleted): Export has nothing to write. */
  exportable: boolean;
}

export async function restoredRun(saved: PanelSnapshot | undefined, last: LastShown | undefined, find: FindShownRun): Promise<RestoredRun | undefined> {
  if (last?.finished && savedStateIsBehind(saved, last)) {
    const newer = await find(last.origin, last.startTime, last.heading.title);
    if (newer) return { snapshot: resultSnapshot(last.origin, last.heading, newer), exportable: true };
  }
  if (!saved) return undefined;
  if (!saved.result || saved.startTime === undefined) return { snapshot: saved, exportable: false };
  const full = await find(saved.origin, saved.startTime, saved.heading?.title ?? '');
  return full ? { snapshot: resultSnapshot(saved.origin, saved.heading, full, saved.runId), exportable: true } : { snapshot: saved, exportable: false };
}

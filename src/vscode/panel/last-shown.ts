// Which run the results panel showed last, as the host remembers it (workspaceState) apart from
// the webview's own saved state. VS Code persists a webview's state on its own schedule, so after a
// reload the panel may come back with the run before the last one; the host's note says which run
// it really was, and when the webview's state is another, the saved run of that note is shown.
// Free of `vscode` so that it is unit-tested.
import type { HostMessage, PanelSnapshot, RunHeading, RunOrigin } from '../../core/protocol/webview';

export interface LastShown {
  origin: RunOrigin;
  heading: RunHeading;
  /** The run's start (Unix ms): with the heading's file name, it names the run's saved file. */
  startTime: number;
  /** False while the run was live: a reload interrupted it, and no saved run has its end. */
  finished: boolean;
}

/** The note after a message to the panel, or undefined when the message does not change what is shown. */
export function lastShownAfter(message: HostMessage, liveHeading: RunHeading | undefined): LastShown | undefined {
  switch (message.type) {
    case 'run/started':
      return { origin: 'live', heading: message.heading, startTime: message.startTime, finished: false };
    case 'run/finished':
      return liveHeading ? { origin: 'live', heading: liveHeading, startTime: message.result.startTime, finished: true } : undefined;
    case 'result/show':
      return { origin: message.origin, heading: message.heading, startTime: message.result.startTime, finished: true };
    case 'run/interval':
    case 'run/threshold-abort':
    case 'run/failed':
    case 'panel/snapshot':
    case 'comparison/show':
      return undefined;
  }
}

/** A note read back from workspaceState (another version may have written it). */
export function asLastShown(value: unknown): LastShown | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const note = value as Partial<LastShown>;
  const heading = note.heading as Partial<RunHeading> | undefined;
  const originOk = note.origin === 'live' || note.origin === 'saved' || note.origin === 'imported';
  const headingOk = typeof heading === 'object' && heading !== null && typeof heading.title === 'string' && typeof heading.plan === 'string';
  if (!originOk || !headingOk || typeof note.startTime !== 'number' || !Number.isFinite(note.startTime) || typeof note.finished !== 'boolean') return undefined;
  return note as LastShown;
}

/**
 * True when the webview's saved state is not the run the host showed last: another run, nothing
 * at all, or the last run still live although the host saw it finish. Then the note's run wins.
 */
export function savedStateIsBehind(saved: PanelSnapshot | undefined, last: LastShown): boolean {
  if (!saved || saved.phase === 'empty' || saved.startTime !== last.startTime) return true;
  return saved.phase === 'running' && last.finished;
}

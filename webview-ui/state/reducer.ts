// The panel's whole state and the one function that changes it. Pure: the view renders a state,
// the host's messages and the user's clicks become actions. The state is the host's last
// snapshot (src/core/protocol/webview.ts, PanelSnapshot) moved on by the run's messages since,
// plus the sort order; the webview saves its drawn parts (persisted.ts) to draw at once after a
// reload, until the host's snapshot arrives.
import type { HostMessage, PanelSnapshot } from '../../src/core/protocol/webview';
import { asPanelSnapshot } from '../../src/core/protocol/webview';
import { appendSnapshot, emptySeries } from '../../src/core/report/chart-series';
import { emptyPanelSnapshot, resultSnapshot } from '../../src/core/report/panel-snapshot';
import { nextSort, STATS_COLUMNS, type SortOrder, type StatsColumn } from './stats-rows';

export type { RunPhase } from '../../src/core/protocol/webview';

/** Bumped when the saved shape changes; a saved state of another version is dropped. */
export const PANEL_STATE_VERSION = 1;

export interface PanelState extends PanelSnapshot {
  version: typeof PANEL_STATE_VERSION;
  sort?: SortOrder;
}

export type UiAction = { type: 'ui/sort'; column: StatsColumn };

export type PanelAction = HostMessage | UiAction;

export function initialState(): PanelState {
  return { version: PANEL_STATE_VERSION, ...emptyPanelSnapshot() };
}

function fromSnapshot(snapshot: PanelSnapshot, sort: SortOrder | undefined): PanelState {
  return { version: PANEL_STATE_VERSION, ...snapshot, sort };
}

export function reduce(state: PanelState, action: PanelAction): PanelState {
  switch (action.type) {
    case 'run/started':
      return {
        version: PANEL_STATE_VERSION,
        phase: 'running',
        origin: 'live',
        heading: action.heading,
        runId: action.runId,
        startTime: action.startTime,
        plannedDurationMs: action.plannedDurationMs,
        load: action.load,
        requestNames: action.requestNames,
        series: emptySeries(),
        sort: state.sort,
      };
    case 'run/interval':
      if (state.phase !== 'running' || action.runId !== state.runId) return state;
      return { ...state, latest: action.snapshot, series: appendSnapshot(state.series, action.snapshot, state.latest) };
    case 'run/threshold-abort':
      if (action.runId !== state.runId) return state;
      return { ...state, abortedBy: { rule: action.rule, target: action.target } };
    case 'run/finished':
      if (action.runId !== state.runId) return state;
      return {
        ...fromSnapshot(resultSnapshot('live', state.heading, action.result, action.runId), state.sort),
        abortedBy: state.abortedBy,
        // A run with a baseline is compared as it ends: the comparison may come before the result.
        comparison: state.comparison?.nextStartTime === action.result.startTime ? state.comparison : undefined,
      };
    case 'run/failed':
      if (action.runId !== state.runId) return state;
      return { ...state, phase: 'failed', failure: action.message };
    case 'result/show':
      return fromSnapshot(resultSnapshot(action.origin, action.heading, action.result), state.sort);
    case 'panel/snapshot':
      return fromSnapshot(action.snapshot, state.sort);
    case 'comparison/show':
      // Only for the run on display (its start time): a late comparison of another run is dropped.
      return action.comparison.nextStartTime === state.startTime ? { ...state, comparison: action.comparison } : state;
    case 'ui/sort':
      return { ...state, sort: nextSort(state.sort, action.column) };
  }
}

function isSort(value: unknown): value is SortOrder {
  return typeof value === 'object' && value !== null && typeof (value as SortOrder).descending === 'boolean' && STATS_COLUMNS.some((column) => column.key === (value as SortOrder).column);
}

/**
 * The state saved by an earlier webview (vscode.getState), if it is one this version can show;
 * else a fresh state. Saved state is treated as untrusted input like any message.
 */
export function restoreState(saved: unknown): PanelState {
  const snapshot = asPanelSnapshot(saved);
  if (!snapshot || (saved as { version?: unknown }).version !== PANEL_STATE_VERSION) return initialState();
  const sort = (saved as { sort?: unknown }).sort;
  return fromSnapshot(snapshot, isSort(sort) ? sort : undefined);
}

// The panel's whole state and the one function that changes it. Pure: the view renders a state,
// the host's messages and the user's clicks become actions, and the state is what the webview
// saves (vscode.setState) so that the panel comes back as it was after a reload.
import type { ResolvedLoadModel, RunResult, IntervalSnapshot } from '../../src/core/metrics/result';
import type { HostMessage, RunHeading, RunOrigin } from '../../src/core/protocol/webview';
import { looksLikeRunResult } from '../../src/core/protocol/webview';
import { appendSnapshot, emptySeries, seriesFromIntervals, type ChartSeries } from './series';
import { nextSort, STATS_COLUMNS, type SortOrder, type StatsColumn } from './stats-rows';

/** Bumped when the saved shape changes; a saved state of another version is dropped. */
export const PANEL_STATE_VERSION = 1;

export type RunPhase =
  /** Nothing shown yet. */
  | 'empty'
  | 'running'
  | 'finished'
  /** The run ended without a result (engine error or crash). */
  | 'failed'
  /** The panel was restored after a reload while its run was live; the run did not survive it. */
  | 'interrupted';

export interface PanelState {
  version: typeof PANEL_STATE_VERSION;
  phase: RunPhase;
  origin: RunOrigin;
  heading?: RunHeading;
  runId?: string;
  startTime?: number;
  plannedDurationMs?: number;
  load?: ResolvedLoadModel;
  requestNames: string[];
  series: ChartSeries;
  /** The last interval of a live run: the table's source until the result arrives. */
  latest?: IntervalSnapshot;
  /** A finished run: the table's, failures' and thresholds' source, and what Export writes. */
  result?: RunResult;
  /** A rule that stopped the run (`abort`), as soon as the engine says so. */
  abortedBy?: { rule: string; target: string };
  failure?: string;
  sort?: SortOrder;
}

export type UiAction = { type: 'ui/sort'; column: StatsColumn };

export type PanelAction = HostMessage | UiAction;

export function initialState(): PanelState {
  return { version: PANEL_STATE_VERSION, phase: 'empty', origin: 'live', requestNames: [], series: emptySeries() };
}

function showResult(state: PanelState, origin: RunOrigin, heading: RunHeading | undefined, result: RunResult, runId?: string): PanelState {
  return {
    version: PANEL_STATE_VERSION,
    phase: 'finished',
    origin,
    heading,
    runId,
    startTime: result.startTime,
    load: result.load,
    requestNames: result.endpoints.map((endpoint) => endpoint.name),
    series: seriesFromIntervals(result.intervals),
    result,
    abortedBy: state.runId === runId ? state.abortedBy : undefined,
    sort: state.sort,
  };
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
      return showResult(state, 'live', state.heading, action.result, action.runId);
    case 'run/failed':
      if (action.runId !== state.runId) return state;
      return { ...state, phase: 'failed', failure: action.message };
    case 'result/show':
      return showResult(state, action.origin, action.heading, action.result);
    case 'host/hello':
      // After a reload the host is new: a run this panel was showing live is gone.
      return state.phase === 'running' && state.runId !== action.activeRunId ? { ...state, phase: 'interrupted' } : state;
    case 'ui/sort':
      return { ...state, sort: nextSort(state.sort, action.column) };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const PHASES: readonly RunPhase[] = ['empty', 'running', 'finished', 'failed', 'interrupted'];
const SERIES_KEYS: ReadonlyArray<keyof ChartSeries> = ['time', 'rps', 'failuresPerSec', 'p50', 'p95', 'p99', 'users'];
/** The rate lines have a gap (null) where an interval was too short for a rate. */
const GAPPED_KEYS: ReadonlyArray<keyof ChartSeries> = ['rps', 'failuresPerSec'];

function isSeries(value: unknown): value is ChartSeries {
  return (
    isRecord(value) &&
    SERIES_KEYS.every((key) => Array.isArray(value[key]) && (value[key] as unknown[]).every((n) => typeof n === 'number' || (n === null && GAPPED_KEYS.includes(key))))
  );
}

function isSort(value: unknown): value is SortOrder {
  return isRecord(value) && typeof value.descending === 'boolean' && STATS_COLUMNS.some((column) => column.key === value.column);
}

/**
 * The state saved by an earlier webview (vscode.getState), if it is one this version can show;
 * else a fresh state. Saved state is treated as untrusted input like any message.
 */
export function restoreState(saved: unknown): PanelState {
  if (!isRecord(saved) || saved.version !== PANEL_STATE_VERSION) return initialState();
  if (!PHASES.includes(saved.phase as RunPhase) || !isSeries(saved.series)) return initialState();
  if (saved.result !== undefined && !looksLikeRunResult(saved.result)) return initialState();
  if (saved.phase === 'finished' && saved.result === undefined) return initialState();
  if (!Array.isArray(saved.requestNames) || !saved.requestNames.every((name) => typeof name === 'string')) return initialState();
  const restored = saved as unknown as PanelState;
  return { ...restored, sort: isSort(saved.sort) ? saved.sort : undefined };
}

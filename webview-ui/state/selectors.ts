// What the view shows, derived from the state: the table, the progress line, the verdicts.
import type { ResolvedLoadModel, ThresholdVerdict } from '../../src/core/metrics/result';
import { errorPercent, formatCount, formatPercent, formatRate } from '../../src/core/present/numbers';
import { formatClock } from '../../src/core/present/time';
import { summarizeVerdicts, verdictText } from '../../src/core/present/verdicts';
import type { PanelState } from './reducer';
import { emptyTable, sortRows, tableFromResult, tableFromSnapshot, type StatsTable } from './stats-rows';

/** The table as shown: sorted rows, aggregate last. */
export function visibleTable(state: PanelState): StatsTable {
  const source = state.result
    ? tableFromResult(state.result)
    : state.latest
      ? tableFromSnapshot(state.latest)
      : emptyTable(state.requestNames);
  return { rows: sortRows(source.rows, state.sort), aggregate: source.aggregate };
}

export function isLive(state: PanelState): boolean {
  return state.phase === 'running';
}

function elapsedMs(state: PanelState): number {
  if (state.result) return state.result.endTime - state.result.startTime;
  return state.latest?.elapsedMs ?? 0;
}

function usersLabel(load: ResolvedLoadModel | undefined): string {
  return load?.kind === 'rate' || (load?.kind === 'stages' && load.target === 'rate') ? 'concurrent' : 'users';
}

/** `Running · 0:42 / 2:00 · 50 users · 1,234 rps · 0.2% errors`, or how a finished run ended. */
export function progressText(state: PanelState): string {
  const elapsed = formatClock(elapsedMs(state));
  switch (state.phase) {
    case 'empty':
      return 'No run yet. Open a .load.http file and choose “Run load test”.';
    case 'running': {
      const planned = state.plannedDurationMs !== undefined ? ` / ${formatClock(state.plannedDurationMs)}` : '';
      const latest = state.latest;
      if (!latest) return `Starting · ${elapsed}${planned}`;
      const aggregate = latest.aggregate;
      const errors = formatPercent(errorPercent(aggregate.total.requests, aggregate.total.failures));
      return `Running · ${elapsed}${planned} · ${formatCount(latest.users)} ${usersLabel(state.load)} · ${formatRate(aggregate.rps)} rps · ${errors} errors`;
    }
    case 'failed':
      return `Failed after ${elapsed}: ${state.failure ?? 'the engine stopped'}`;
    case 'interrupted':
      return `Interrupted after ${elapsed}: the window was reloaded while the run was live.`;
    case 'finished': {
      const result = state.result;
      if (!result) return '';
      const ended =
        result.outcome === 'completed' ? 'Completed' : result.outcome === 'stopped' ? 'Stopped' : `Aborted by ${result.abortedBy ?? 'a threshold'}`;
      const aggregate = result.aggregate;
      const errors = formatPercent(errorPercent(aggregate.requests, aggregate.failures));
      return `${ended} · ${elapsed} · ${formatCount(aggregate.requests)} requests · ${formatRate(aggregate.rps)} rps · ${errors} errors`;
    }
  }
}

/** 0..1 of the planned duration, or undefined when the run has no end of its own. */
export function progressFraction(state: PanelState): number | undefined {
  if (state.phase !== 'running' || state.plannedDurationMs === undefined || state.plannedDurationMs <= 0) return undefined;
  return Math.min(1, elapsedMs(state) / state.plannedDurationMs);
}

export function verdicts(state: PanelState): ThresholdVerdict[] {
  return state.result?.thresholds ?? [];
}

export function verdictLine(state: PanelState): string | undefined {
  return state.result ? verdictText(summarizeVerdicts(state.result.thresholds)) : undefined;
}

// The contract between the results panel (webview-ui/) and the extension host (src/vscode/panel/).
// Plain JSON through postMessage, discriminated on `type`, checked on arrival by the guards below:
// a webview is a separate origin and a message is only data until a guard has said otherwise.
// The panel says `ui/ready` first; the host sends nothing before it.

import type { IntervalSnapshot, ResolvedLoadModel, RunResult } from '../metrics/result';

export const WEBVIEW_PROTOCOL_VERSION = 1;

/** Where the run shown in the panel came from; the panel draws all of them the same way. */
export type RunOrigin = 'live' | 'saved' | 'imported';

/** The charts' columns, aligned on time (uPlot's AlignedData shape); src/core/report/chart-series.ts builds them. */
export interface ChartSeries {
  /** Unix seconds at the end of each interval (uPlot's time axis unit). */
  time: number[];
  /** null: an interval too short for its rate to mean anything (the run's last, cut one); uPlot leaves a gap. */
  rps: Array<number | null>;
  failuresPerSec: Array<number | null>;
  /** Percentiles over the last 10 s, as Locust's charts draw them. */
  p50: number[];
  p95: number[];
  p99: number[];
  users: number[];
  /** 1 where the load generator was saturated in that interval, else 0 (absent in older saved panels). */
  saturated?: number[];
}

export type RunPhase =
  /** Nothing shown yet. */
  | 'empty'
  | 'running'
  | 'finished'
  /** The run ended without a result (engine error or crash). */
  | 'failed'
  /** The panel was restored after a reload while its run was live; the run did not survive it. */
  | 'interrupted';

/** What the panel shows in its heading: a file name, a plan, a host. Everything is plain text. */
export interface RunHeading {
  /** The scenario's file name (`hospital.load.http`) or the imported CSV's prefix. */
  title: string;
  /** `50 users · spawn 5/s · 2m · 4 tasks`; empty when unknown (imported runs). */
  plan: string;
  host?: string;
}

/**
 * Everything the panel needs to draw one run, as the host's run session (or a saved or imported
 * result) has it: sent once after each `ui/ready`, never as a replay of the run's messages. The
 * webview keeps it (and its own sort order) as its state.
 */
export interface PanelSnapshot {
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
  /** The shown run against a baseline or an earlier run (Compare With…, or automatically after a run with a baseline). */
  comparison?: PanelComparison;
}

/**
 * A comparison as the panel draws it: text cells made by the host with the words of
 * `loadlens compare` (src/core/comparison/cells.ts), one row per request name and metric.
 */
export interface PanelComparison {
  /** What the shown run is compared with: `baseline (2026-11-30 03:10:04)`. */
  label: string;
  /** The start of the run the comparison is about: it is dropped when the panel shows another run. */
  nextStartTime: number;
  sameScenario: boolean;
  /** Type, Name, Metric, Base, New, Change, Significance. */
  rows: Array<{ cells: string[]; mark?: 'worse' | 'better' }>;
  /** How significance was decided, in words. */
  method: string;
}

export type HostMessage =
  | {
      type: 'run/started';
      runId: string;
      heading: RunHeading;
      startTime: number;
      load: ResolvedLoadModel;
      plannedDurationMs?: number;
      requestNames: string[];
    }
  | { type: 'run/interval'; runId: string; snapshot: IntervalSnapshot }
  | { type: 'run/threshold-abort'; runId: string; rule: string; target: string }
  | { type: 'run/finished'; runId: string; result: RunResult }
  /** The run ended without a result: an engine error or a crash. `message` is for the user. */
  | { type: 'run/failed'; runId: string; message: string }
  /** A finished run from history or an import, shown in place of whatever the panel held. */
  | { type: 'result/show'; origin: RunOrigin; heading: RunHeading; result: RunResult }
  /** Sent after each `ui/ready`: what the panel shows now, in one message. */
  | { type: 'panel/snapshot'; protocolVersion: number; snapshot: PanelSnapshot }
  /** The shown run compared with another (a baseline, an earlier run). */
  | { type: 'comparison/show'; comparison: PanelComparison };

export type UiMessage =
  | { type: 'ui/ready'; protocolVersion: number }
  | { type: 'ui/stop' }
  | { type: 'ui/export'; format: 'html' | 'csv' }
  /** "Set as Baseline" and "Compare With…" on the shown run. */
  | { type: 'ui/set-baseline' }
  | { type: 'ui/compare' };

export type HostMessageType = HostMessage['type'];
export type UiMessageType = UiMessage['type'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isHeading(value: unknown): value is RunHeading {
  return isRecord(value) && isString(value.title) && isString(value.plan) && (value.host === undefined || isString(value.host));
}

/** The parts of a RunResult the panel reads; a full check of every number is parseResultJson's job. */
export function looksLikeRunResult(value: unknown): value is RunResult {
  return (
    isRecord(value) &&
    isFiniteNumber(value.startTime) &&
    isFiniteNumber(value.endTime) &&
    Array.isArray(value.endpoints) &&
    isRecord(value.aggregate) &&
    Array.isArray(value.intervals) &&
    Array.isArray(value.failures) &&
    Array.isArray(value.thresholds) &&
    Array.isArray(value.insights) &&
    isRecord(value.load)
  );
}

function looksLikeSnapshot(value: unknown): value is IntervalSnapshot {
  return (
    isRecord(value) &&
    isFiniteNumber(value.time) &&
    isFiniteNumber(value.elapsedMs) &&
    isFiniteNumber(value.users) &&
    isRecord(value.aggregate) &&
    Array.isArray(value.endpoints)
  );
}

/** A message from the panel, or undefined when it is not one this version knows. */
export function asUiMessage(value: unknown): UiMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'ui/ready':
      return isFiniteNumber(value.protocolVersion) ? { type: 'ui/ready', protocolVersion: value.protocolVersion } : undefined;
    case 'ui/stop':
      return { type: 'ui/stop' };
    case 'ui/export':
      return value.format === 'html' || value.format === 'csv' ? { type: 'ui/export', format: value.format } : undefined;
    case 'ui/set-baseline':
      return { type: 'ui/set-baseline' };
    case 'ui/compare':
      return { type: 'ui/compare' };
    default:
      return undefined;
  }
}

/** A message from the host, or undefined when it is malformed. */
export function asHostMessage(value: unknown): HostMessage | undefined {
  if (!isRecord(value)) return undefined;
  const message = value as Record<string, unknown> & { type?: unknown };
  switch (message.type) {
    case 'run/started':
      return isString(message.runId) &&
        isHeading(message.heading) &&
        isFiniteNumber(message.startTime) &&
        isRecord(message.load) &&
        Array.isArray(message.requestNames) &&
        message.requestNames.every(isString) &&
        (message.plannedDurationMs === undefined || isFiniteNumber(message.plannedDurationMs))
        ? (value as HostMessage)
        : undefined;
    case 'run/interval':
      return isString(message.runId) && looksLikeSnapshot(message.snapshot) ? (value as HostMessage) : undefined;
    case 'run/threshold-abort':
      return isString(message.runId) && isString(message.rule) && isString(message.target) ? (value as HostMessage) : undefined;
    case 'run/finished':
      return isString(message.runId) && looksLikeRunResult(message.result) ? (value as HostMessage) : undefined;
    case 'run/failed':
      return isString(message.runId) && isString(message.message) ? (value as HostMessage) : undefined;
    case 'result/show':
      return (message.origin === 'live' || message.origin === 'saved' || message.origin === 'imported') &&
        isHeading(message.heading) &&
        looksLikeRunResult(message.result)
        ? (value as HostMessage)
        : undefined;
    case 'panel/snapshot':
      return isFiniteNumber(message.protocolVersion) && asPanelSnapshot(message.snapshot) ? (value as HostMessage) : undefined;
    case 'comparison/show':
      return isComparison(message.comparison) ? (value as HostMessage) : undefined;
    default:
      return undefined;
  }
}

function isComparison(value: unknown): value is PanelComparison {
  return (
    isRecord(value) &&
    isString(value.label) &&
    isFiniteNumber(value.nextStartTime) &&
    typeof value.sameScenario === 'boolean' &&
    isString(value.method) &&
    Array.isArray(value.rows) &&
    value.rows.every(
      (row: unknown) =>
        isRecord(row) && Array.isArray(row.cells) && row.cells.every(isString) && (row.mark === undefined || row.mark === 'worse' || row.mark === 'better'),
    )
  );
}

const PHASES: readonly RunPhase[] = ['empty', 'running', 'finished', 'failed', 'interrupted'];
const SERIES_KEYS: ReadonlyArray<keyof ChartSeries> = ['time', 'rps', 'failuresPerSec', 'p50', 'p95', 'p99', 'users'];
/** The rate lines have a gap (null) where an interval was too short for a rate. */
const GAPPED_KEYS: ReadonlyArray<keyof ChartSeries> = ['rps', 'failuresPerSec'];

function isSeries(value: unknown): value is ChartSeries {
  return (
    isRecord(value) &&
    SERIES_KEYS.every((key) => Array.isArray(value[key]) && (value[key] as unknown[]).every((n) => typeof n === 'number' || (n === null && GAPPED_KEYS.includes(key)))) &&
    (value.saturated === undefined || (Array.isArray(value.saturated) && value.saturated.every((n) => n === 0 || n === 1)))
  );
}

/**
 * A snapshot from the host, or one a webview saved before a reload (untrusted like any message:
 * another version may have written it); undefined when it is not one this version can show.
 */
export function asPanelSnapshot(value: unknown): PanelSnapshot | undefined {
  if (!isRecord(value)) return undefined;
  if (!PHASES.includes(value.phase as RunPhase) || !isSeries(value.series)) return undefined;
  if (!(value.origin === 'live' || value.origin === 'saved' || value.origin === 'imported')) return undefined;
  if (value.heading !== undefined && !isHeading(value.heading)) return undefined;
  if (value.result !== undefined && !looksLikeRunResult(value.result)) return undefined;
  if (value.latest !== undefined && !looksLikeSnapshot(value.latest)) return undefined;
  if (value.phase === 'finished' && value.result === undefined) return undefined;
  if (!Array.isArray(value.requestNames) || !value.requestNames.every(isString)) return undefined;
  if (value.startTime !== undefined && !isFiniteNumber(value.startTime)) return undefined;
  if (value.comparison !== undefined && !isComparison(value.comparison)) return undefined;
  return value as unknown as PanelSnapshot;
}

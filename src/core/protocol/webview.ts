// The contract between the results panel (webview-ui/) and the extension host (src/vscode/panel/).
// Plain JSON through postMessage, discriminated on `type`, checked on arrival by the guards below:
// a webview is a separate origin and a message is only data until a guard has said otherwise.
// The panel says `ui/ready` first; the host sends nothing before it.

import type { IntervalSnapshot, ResolvedLoadModel, RunResult } from '../metrics/result';

export const WEBVIEW_PROTOCOL_VERSION = 1;

/** Where the run shown in the panel came from; the panel draws all of them the same way. */
export type RunOrigin = 'live' | 'saved' | 'imported';

/** What the panel shows in its heading: a file name, a plan, a host. Everything is plain text. */
export interface RunHeading {
  /** The scenario's file name (`hospital.load.http`) or the imported CSV's prefix. */
  title: string;
  /** `50 users · spawn 5/s · 2m · 4 tasks`; empty when unknown (imported runs). */
  plan: string;
  host?: string;
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
  /** Sent after `ui/ready`: which live run (if any) the host is running now. */
  | { type: 'host/hello'; protocolVersion: number; activeRunId?: string };

export type UiMessage =
  | { type: 'ui/ready'; protocolVersion: number }
  | { type: 'ui/stop' }
  | { type: 'ui/export'; format: 'html' | 'csv' };

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
    case 'host/hello':
      return isFiniteNumber(message.protocolVersion) && (message.activeRunId === undefined || isString(message.activeRunId))
        ? (value as HostMessage)
        : undefined;
    default:
      return undefined;
  }
}

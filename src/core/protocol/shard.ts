// The shard protocol: `loadlens run --join URL` (a shard) and `loadlens coordinate` (the
// coordinator) over HTTP on one port, JSON bodies, versioned and checked on arrival like the
// engine protocol (./engine.ts, ./guards.ts). docs/scale-out.md describes the exchange:
//   POST /join      a shard asks for its part; held until every shard has joined
//   POST /interval  a shard's numbers for one second; the answer says whether to stop
//   POST /finished  a shard's result at its end (its partials for the joined result)

import type { RunResult, ShardInterval, ShardSpec } from '../metrics/result';
import type { RunOptions } from './engine';

export const SHARD_PROTOCOL_VERSION = 1;
/** Every path starts with this, so that a version mismatch is a clear 404 with a body saying so. */
export const SHARD_PATH_PREFIX = '/loadlens/shard/v1';
/** The header carrying the shared token (docs/security.md, Scale-out). */
export const SHARD_TOKEN_HEADER = 'x-loadlens-token';
/** The environment variable holding the shared token, on the coordinator and on every shard. */
export const SHARD_TOKEN_VARIABLE = 'LOADLENS_SHARD_TOKEN';

export interface JoinRequest {
  protocolVersion: number;
  /** How the shard names itself in messages (its host name or pod name). */
  name: string;
  /**
   * The shard number (1-based) this process is, when it knows: an Indexed Job's pod (its
   * JOB_COMPLETION_INDEX + 1) or `--shard I/N`. Without it the coordinator hands out the lowest free one.
   */
  shard?: number;
  /** N of `--shard I/N`: checked against the coordinator's `--shards N`. */
  shards?: number;
}

export interface JoinAnswer {
  protocolVersion: number;
  runId: string;
  shard: ShardSpec;
  /** The scenario's file name and text, and the files it reads, by the relative path it writes. */
  scenarioName: string;
  scenarioText: string;
  files: Array<{ path: string; base64: string }>;
  options: RunOptions;
  /** Unix ms: every shard starts the load then. */
  startAt: number;
}

export interface IntervalReport {
  protocolVersion: number;
  runId: string;
  shard: number;
  interval: ShardInterval;
}

export interface IntervalAnswer {
  /** The coordinator stops the run (an `abort` rule broke on the joined numbers, or Ctrl-C). */
  stop: boolean;
}

export interface FinishedReport {
  protocolVersion: number;
  runId: string;
  shard: number;
  result: RunResult;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isText = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max;

const isOptionalCount = (value: unknown) => value === undefined || (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0);

export function isJoinRequest(value: unknown): value is JoinRequest {
  return isRecord(value) && value.protocolVersion === SHARD_PROTOCOL_VERSION && isText(value.name, 200) && isOptionalCount(value.shard) && isOptionalCount(value.shards);
}

export function isJoinAnswer(value: unknown): value is JoinAnswer {
  if (!isRecord(value) || value.protocolVersion !== SHARD_PROTOCOL_VERSION) return false;
  const shard = value.shard;
  return (
    typeof value.runId === 'string' &&
    isRecord(shard) &&
    typeof shard.index === 'number' &&
    typeof shard.count === 'number' &&
    typeof value.scenarioName === 'string' &&
    typeof value.scenarioText === 'string' &&
    Array.isArray(value.files) &&
    value.files.every((file) => isRecord(file) && typeof file.path === 'string' && typeof file.base64 === 'string') &&
    isRecord(value.options) &&
    typeof value.startAt === 'number'
  );
}

/** Shallow: the interval's partials are checked against the run's requests by the coordinator. */
export function isIntervalReport(value: unknown): value is IntervalReport {
  return isRecord(value) && value.protocolVersion === SHARD_PROTOCOL_VERSION && typeof value.runId === 'string' && typeof value.shard === 'number' && isRecord(value.interval);
}

export function isFinishedReport(value: unknown): value is FinishedReport {
  return isRecord(value) && value.protocolVersion === SHARD_PROTOCOL_VERSION && typeof value.runId === 'string' && typeof value.shard === 'number' && isRecord(value.result);
}

/** What a version mismatch says, on both sides. */
export function versionMismatch(theirs: unknown): string {
  return `shard protocol ${String(theirs)} is not this Loadlens's (${SHARD_PROTOCOL_VERSION}): run the same Loadlens version on the coordinator and every shard`;
}

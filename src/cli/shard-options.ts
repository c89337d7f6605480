// `--shard I/N` and `--start-at TIME`: one part of a run spread over machines (docs/scale-out.md).

import type { ShardSpec } from '../core/metrics/result';
import { UsageError } from './exit-codes';

/** More shards than this is a typo, not a fleet: each shard is a machine or a pod. */
export const MAX_SHARDS = 1000;
/** A start further ahead than this is a mistake in the time (milliseconds for seconds, a wrong day). */
export const MAX_START_AHEAD_MS = 24 * 3600_000;

export function parseShard(raw: string): ShardSpec {
  const match = /^(\d+)\/(\d+)$/.exec(raw.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || !(count >= 1 && count <= MAX_SHARDS) || !(index >= 1 && index <= count)) {
    throw new UsageError(`--shard needs I/N with 1 <= I <= N <= ${MAX_SHARDS} (e.g. --shard 2/4 for the second of four parts), got '${raw}'.`);
  }
  return { index, count };
}

/**
 * ISO 8601 with a time zone (`2026-05-01T12:00:00Z`) or Unix seconds (`date +%s`, may have a
 * fraction). A time without a zone would mean a different instant on each machine: refused.
 */
export function parseStartAt(raw: string, now: number): number {
  const text = raw.trim();
  let at: number;
  if (/^\d+(\.\d+)?$/.test(text)) at = Number(text) * 1000;
  else if (/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/i.test(text)) at = Date.parse(text);
  else at = NaN;
  if (!Number.isFinite(at)) {
    throw new UsageError(`--start-at needs Unix seconds (e.g. $(( $(date +%s) + 30 ))) or an ISO 8601 time with its zone (e.g. 2026-05-01T12:00:00Z), got '${raw}'.`);
  }
  if (at - now > MAX_START_AHEAD_MS) {
    throw new UsageError(`--start-at ${raw} is more than 24 hours ahead: was it meant in seconds, not milliseconds?`);
  }
  return at;
}

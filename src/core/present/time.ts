// How a span of time, an elapsed time and a moment read (see numbers.ts for why one place).
import { formatCount, NO_VALUE } from './numbers';

/**
 * A span (a run time, a plan's length, a stretch of a run) in the form `--run-time` and
 * `# @load run-time` accept, so what the user typed comes back as typed: `250ms`, `45s`, `2m`,
 * `1m30s`, `1h5m20s`. Rounded to whole seconds from one second up.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return NO_VALUE;
  if (Math.abs(ms) < 1000) return `${Math.round(ms)}ms`;
  let seconds = Math.round(ms / 1000);
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  return `${hours ? `${hours}h` : ''}${minutes ? `${minutes}m` : ''}${seconds ? `${seconds}s` : ''}`;
}

/**
 * A number of whole seconds, counted rather than measured (a shard's missing seconds, the seconds
 * a shard was silent, a wait): `4 s`, `3,600 s`. A span of time that a user typed or reads as a
 * length is formatDuration's.
 */
export function formatSeconds(seconds: number): string {
  return `${formatCount(seconds)} s`;
}

/**
 * A configured limit exactly as it can be written back (`500ms`, `5s`, `90s`, `1500ms`). Timeout
 * failures read `timeout after 5s` with it: that text is the failure's identity in the failures
 * table, in CSV files and in run history (docs/reading-numbers.md, docs/engine.md), so it must
 * not round and must not change between versions.
 */
export function formatExactDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/**
 * Elapsed time as a stopwatch shows it: `0:42`, `12:05`, `1:02:03`. Rounded to the nearest
 * second: a snapshot taken at 999 ms is one second into the run, and a run that lasted 59.6 s of
 * a planned minute reads `1:00`.
 */
export function formatClock(ms: number): string {
  const total = Number.isFinite(ms) ? Math.max(0, Math.round(ms / 1000)) : 0;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const ss = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${ss}` : `${minutes}:${ss}`;
}

/** A moment, in UTC so that it reads the same on every machine: `2026-11-26 17:45:03 UTC`. */
export function formatTimestamp(unixMs: number): string {
  return `${new Date(unixMs).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

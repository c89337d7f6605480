// Connections opened before the run's clock starts. Opening a connection costs the engine far
// more than a request on an open one (a socket, its streams, a parser); at the start of an open
// model at 10,000-20,000/s, with no connection yet and cold code, the first arrivals each opened
// their own: about 870 connections in the first 500 ms, the backlog passed `@max-users` and
// arrivals were dropped (docs/performance-history.md). Opening the expected number up front moves
// that cost before the schedule. Only TCP connects: no request is sent before the start.

import type { ResolvedLoadModel } from '../core/metrics/result';
import { arrivalRateAt, usersAt } from '../core/schedule/timeline';

/** The open model's estimate of its concurrency: its first second's rate times this latency. */
export const ASSUMED_LATENCY_MS = 25;
/** At most this many per origin and worker: a guess must not open thousands of idle sockets. */
export const MAX_PRECONNECT = 1000;
/** The run starts anyway after this long (a server that accepts slowly, or not at all). */
export const PRECONNECT_TIMEOUT_MS = 3000;

/** The open model's peak rate in its first second (arrivals/s; 0 for a closed model). */
export function firstSecondRate(load: ResolvedLoadModel): number {
  return Math.max(arrivalRateAt(load, 0), arrivalRateAt(load, 1000));
}

/**
 * How many connections one worker opens to each plain-HTTP origin before the start: the users
 * of the first second (closed model), or the first second's peak rate times ASSUMED_LATENCY_MS
 * (open model, at most `@max-users`). `share` turns a global count into this worker's part.
 */
export function connectionsToOpen(load: ResolvedLoadModel, share: (total: number) => number): number {
  const rate = firstSecondRate(load);
  let total: number;
  if (rate > 0) {
    const cap = load.kind === 'users' ? Infinity : load.maxUsers;
    total = Math.min(cap, Math.ceil((rate * ASSUMED_LATENCY_MS) / 1000));
  } else {
    total = usersAt(load, 1000);
  }
  return Math.min(MAX_PRECONNECT, share(total));
}

/** Resolves when `opening` has, or after `timeoutMs`, whichever is first. */
export function withTimeout(opening: Promise<void>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
  return Promise.race([opening, timeout]).finally(() => clearTimeout(timer));
}

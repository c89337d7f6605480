// How the load is shared between N workers: global user u belongs to worker u mod N, and global
// arrival k to worker k mod N. Every worker computes the same plan and keeps its own share, so
// the sum over workers is the plan exactly, with no coordination at run time.

import { MAX_WORKERS } from '../scenario/limits';

/** How many of the first `total` users (or arrivals, or data rows) belong to `worker` of `workers`. */
export function shareOf(total: number, worker: number, workers: number): number {
  if (total <= worker) return 0;
  return Math.floor((total - worker - 1) / workers) + 1;
}

/** The global index of a worker's `local`-th user (or arrival). */
export function globalIndex(local: number, worker: number, workers: number): number {
  return local * workers + worker;
}

/** `auto` = one worker per core, at least one; a number is taken as given (at least one); never above MAX_WORKERS. */
export function resolveWorkerCount(requested: number | 'auto' | undefined, cores: number): number {
  const count = requested === 'auto' ? cores : Math.floor(requested ?? 1);
  return Math.min(MAX_WORKERS, Math.max(1, count));
}

// How the load is shared between N workers: global user u belongs to worker u mod N, and global
// arrival k to worker k mod N. Every worker computes the same plan and keeps its own share, so
// the sum over workers is the plan exactly, with no coordination at run time.

import type { ShardSpec } from '../metrics/result';
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

/**
 * The part of the load one worker of one shard carries. Shard I of N takes users and arrivals
 * I-1, I-1+N, I-1+2N... of the whole run; its W workers split those again, so worker w takes
 * every (N*W)-th one starting at (I-1)+N*w. The parts of all workers of all shards are then
 * exactly the parts of one machine running N*W workers: the same users, arrivals, rows and
 * random streams (which are numbered by global index), whatever machine carries them.
 */
export function partOfShard(shard: ShardSpec | undefined, worker: number, workers: number): { index: number; count: number } {
  if (!shard) return { index: worker, count: workers };
  return { index: shard.index - 1 + shard.count * worker, count: shard.count * workers };
}

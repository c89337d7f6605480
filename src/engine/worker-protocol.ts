// Messages between the engine's main thread and its load-generating worker threads.
// The setup travels once as workerData; then the main thread asks for one partial per second.

import type { IntervalPartial } from '../core/metrics/partial';
import type { ResolvedLoadModel } from '../core/metrics/result';
import type { Scenario } from '../core/scenario/model';
import type { SharedResponse } from './captures';

/** One `# @data` file, as this worker sees it: its share of the rows (docs/engine.md, Data). */
export interface DataShare {
  name: string;
  columns: string[];
  rows: string[][];
  random: boolean;
}

export interface WorkerSetup {
  workerIndex: number;
  /** The part of the whole run's load this worker carries (src/core/schedule/split.ts, partOfShard). */
  part: { index: number; count: number };
  /** Parsed and checked once, by the engine's main thread (src/engine/prepare.ts); plain data, so it clones. */
  scenario: Scenario;
  load: ResolvedLoadModel;
  /** The resolved host, without a trailing slash; undefined when every URL is absolute. */
  host?: string;
  seed: number;
  insecure: boolean;
  /** RunOptions.redirectOrigins: absent = redirects may go anywhere. */
  redirectOrigins?: string[];
  env: Record<string, string>;
  dotenv: Record<string, string>;
  data: DataShare[];
  /** Bodies of `< ./file` requests, by request index. */
  bodies: Record<number, Uint8Array>;
  /**
   * What the `# @setup` requests answered (src/engine/setup-run.ts), for captures: run once by
   * the engine's main thread before any worker starts; every user reads them, none writes them.
   */
  setupResponses: SharedResponse[];
}

export type ToWorker =
  /** Unix ms at which the run starts: every worker aligns its own monotonic clock on it. */
  | { type: 'start'; startAt: number }
  | { type: 'flush'; seq: number } | { type: 'stop'; graceMs: number }
  /** A stop while a stop's grace runs: cut off the iterations still running now. */
  | { type: 'end-grace' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'partial'; seq: number; partial: IntervalPartial }
  | { type: 'stopped'; partial: IntervalPartial }
  /** `scenario-invalid`: the scenario's content, not a crash (e.g. beyond the expansion limits). */
  | { type: 'failed'; message: string; scenarioProblem?: boolean };

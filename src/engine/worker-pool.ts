// The engine's worker threads as one unit: start them with their setups, wait until all are ready,
// broadcast commands, and gather one answer per worker (partials each second, the final ones at
// the end). A worker that fails or exits early fails the run.

import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { IntervalPartial } from '../core/metrics/partial';
import type { FromWorker, ToWorker, WorkerSetup } from './worker-protocol';

export interface WorkerPoolEvents {
  /** Every worker answered `flush` number `seq`. */
  onPartials(seq: number, partials: IntervalPartial[]): void;
  /** A worker failed, crashed or exited before it was told to; `scenarioProblem`: the scenario's content is the cause. */
  onCrash(message: string, scenarioProblem?: boolean): void;
}

/**
 * A worker's young generation (V8's semi-spaces, in MB) from its first second: V8's 64-bit
 * maximum. V8 starts a heap with small semi-spaces and doubles them under allocation pressure;
 * a worker at full speed reached the maximum after 30-60 s, a one-off step of about 15 MiB of
 * resident memory that read as a leak in the benchmark's memory check
 * (docs/performance-history.md). Starting at the size it reaches anyway makes memory flat, and
 * costs nothing in speed.
 */
export const WORKER_SEMI_SPACE_MB = 16;

/**
 * V8 reads heap sizes when an isolate is created, so this applies to the workers created after
 * it, not to this thread (whose heap stays small: it only merges one partial per second).
 */
function sizeWorkerHeaps(): void {
  setFlagsFromString(`--min-semi-space-size=${WORKER_SEMI_SPACE_MB}`);
}

export class WorkerPool {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, IntervalPartial[]>();
  private readonly stopped: IntervalPartial[] = [];
  private readyCount = 0;
  private onReady: (() => void) | undefined;
  private onStopped: ((partials: IntervalPartial[]) => void) | undefined;
  private ending = false;

  constructor(entry: string, setups: WorkerSetup[], private readonly events: WorkerPoolEvents) {
    sizeWorkerHeaps();
    this.workers = setups.map((setup) => {
      const worker = new Worker(entry, { workerData: setup });
      worker.on('message', (message: FromWorker) => this.receive(message));
      worker.on('error', (error) => this.crash(`worker ${setup.workerIndex}: ${error.stack ?? error.message}`));
      worker.on('exit', (code) => {
        if (!this.ending) this.crash(`worker ${setup.workerIndex} exited with code ${code}`);
      });
      return worker;
    });
  }

  get size(): number {
    return this.workers.length;
  }

  private crash(message: string, scenarioProblem = false): void {
    if (this.ending) return;
    this.ending = true;
    this.events.onCrash(message, scenarioProblem);
  }

  private receive(message: FromWorker): void {
    switch (message.type) {
      case 'ready':
        if (++this.readyCount === this.workers.length) this.onReady?.();
        break;
      case 'partial': {
        const partials = this.pending.get(message.seq) ?? [];
        partials.push(message.partial);
        this.pending.set(message.seq, partials);
        if (partials.length === this.workers.length) {
          this.pending.delete(message.seq);
          this.events.onPartials(message.seq, partials);
        }
        break;
      }
      case 'stopped':
        this.stopped.push(message.partial);
        if (this.stopped.length === this.workers.length) this.onStopped?.(this.stopped);
        break;
      case 'failed':
        this.crash(message.message, message.scenarioProblem);
        break;
    }
  }

  ready(): Promise<void> {
    return new Promise((resolve) => {
      if (this.readyCount === this.workers.length) resolve();
      else this.onReady = resolve;
    });
  }

  broadcast(message: ToWorker): void {
    for (const worker of this.workers) worker.postMessage(message);
  }

  /** Stops every worker (letting iterations finish for `graceMs`) and returns their last partials. */
  stop(graceMs: number): Promise<IntervalPartial[]> {
    return new Promise((resolve) => {
      this.onStopped = resolve;
      this.broadcast({ type: 'stop', graceMs });
    });
  }

  /** Ends the stop's grace at once: iterations still running are cut off now. */
  endGraceNow(): void {
    this.broadcast({ type: 'end-grace' });
  }

  async terminate(): Promise<void> {
    this.ending = true;
    await Promise.allSettled(this.workers.map((worker) => worker.terminate()));
  }
}

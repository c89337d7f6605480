// Delivery of live metrics that can never slow or stop a run: `push` only appends to a bounded
// queue and returns; one delivery at a time runs in the background with a timeout and a few
// retries; when the target is down or slow the queue drops its oldest batch, and every batch that
// was never delivered is counted as lost for the run's summary.

export interface SenderOptions {
  /** Batches waiting at most (one per second of the run); the oldest is dropped beyond it. */
  maxQueue?: number;
  /** Attempts per batch, the first included. */
  attempts?: number;
  /** Wait before the second attempt; doubles for each further one. */
  retryDelayMs?: number;
  /** How long `close` waits for the queue to drain before counting the rest as lost. */
  closeTimeoutMs?: number;
}

export interface SenderReport {
  delivered: number;
  lost: number;
  /** The last delivery error, for the summary's warning. */
  lastError?: string;
}

export interface LiveSender<T> {
  push(item: T): void;
  /** Delivers what it can within the close timeout; never rejects. */
  close(): Promise<SenderReport>;
}

// Not unref'd: the CLI awaits `close`, and a process whose only work left is an unref'd timer
// would exit in the middle of that wait, before printing its summary. Every wait here is bounded.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createSender<T>(deliver: (item: T) => Promise<void>, options: SenderOptions = {}): LiveSender<T> {
  const maxQueue = options.maxQueue ?? 30;
  const attempts = options.attempts ?? 3;
  const retryDelayMs = options.retryDelayMs ?? 250;
  const closeTimeoutMs = options.closeTimeoutMs ?? 3000;
  const queue: T[] = [];
  const report: SenderReport = { delivered: 0, lost: 0 };
  let closing = false;
  let running: Promise<void> | undefined;

  const deliverWithRetries = async (item: T): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      try {
        await deliver(item);
        report.delivered++;
        return;
      } catch (error) {
        report.lastError = error instanceof Error ? error.message : String(error);
        if (attempt >= attempts || closing) {
          report.lost++;
          return;
        }
        await sleep(retryDelayMs * 2 ** (attempt - 1));
      }
    }
  };

  const drain = async (): Promise<void> => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await deliverWithRetries(item);
    running = undefined;
  };

  return {
    push(item) {
      if (closing) return;
      queue.push(item);
      if (queue.length > maxQueue) {
        queue.shift();
        report.lost++;
      }
      running ??= drain();
    },
    async close() {
      // The final batch may still be retried once; after that, whatever is left is lost.
      const timeout = sleep(closeTimeoutMs).then(() => 'timeout' as const);
      const outcome = running ? await Promise.race([running.then(() => 'done' as const), timeout]) : 'done';
      closing = true;
      if (outcome === 'timeout') {
        report.lost += queue.length + 1; // the one in flight, and the ones behind it
        queue.length = 0;
      }
      return { ...report };
    },
  };
}

// Whether the load generator itself was the bottleneck in an interval. Each worker measures its own
// CPU use and how late its event loop woke up (src/engine/generator-meter.ts); the engine's main
// thread folds the workers' samples into one verdict per interval. docs/reading-numbers.md
// ("When the load generator is the bottleneck") explains the thresholds and the bound.

/** One worker's interval, as it measured it. */
export interface GeneratorSample {
  /** Share of the interval in which the worker's event loop had work (Node's event loop utilization, 0..1). */
  loopBusy: number;
  /** CPU time of the worker's thread over the interval, in cores (1 = one core all the time). */
  cpuCores: number;
  /** The event loop's median lateness: how late half of its wake-ups came, beyond their due time. */
  loopDelayMedianMs: number;
  /** Its largest lateness: the longest the loop was away from its sockets and timers. */
  loopDelayMaxMs: number;
}

/** An interval's verdict over every worker: the busiest worker's figures. */
export interface GeneratorLoad {
  /** A worker was saturated: latencies of this interval may be inflated by up to `loopDelayMaxMs`. */
  saturated: boolean;
  /** The busiest worker's figures: loop utilization (0..1), CPU in cores, loop lateness. */
  loopBusy: number;
  cpuCores: number;
  loopDelayMedianMs: number;
  loopDelayMaxMs: number;
}

/**
 * A worker whose event loop had work 90% of the time or more (Locust warns at 90% CPU) queues
 * responses behind other work: its own, or its turn for a CPU that other processes hold (a loop
 * with work that waits for the CPU counts as busy, unlike its CPU time).
 */
export const SATURATED_LOOP_BUSY = 0.9;
/**
 * Half of the loop's wake-ups 5 ms late or more: the worker is not getting the CPU when it needs
 * it, from its own work or from other processes on its core. A worker with spare CPU wakes up
 * well under 1 ms late (the median stays at tenths of a millisecond even on a busy machine).
 */
export const SATURATED_MEDIAN_DELAY_MS = 5;

export function isSaturated(sample: GeneratorSample): boolean {
  return sample.loopBusy >= SATURATED_LOOP_BUSY || sample.loopDelayMedianMs >= SATURATED_MEDIAN_DELAY_MS;
}

/** The interval's verdict from the workers' samples; undefined when none measured (older shards). */
export function generatorLoad(samples: ReadonlyArray<GeneratorSample | undefined>): GeneratorLoad | undefined {
  let load: GeneratorLoad | undefined;
  for (const sample of samples) {
    if (!sample) continue;
    load ??= { saturated: false, loopBusy: 0, cpuCores: 0, loopDelayMedianMs: 0, loopDelayMaxMs: 0 };
    load.saturated ||= isSaturated(sample);
    load.loopBusy = Math.max(load.loopBusy, sample.loopBusy);
    load.cpuCores = Math.max(load.cpuCores, sample.cpuCores);
    load.loopDelayMedianMs = Math.max(load.loopDelayMedianMs, sample.loopDelayMedianMs);
    load.loopDelayMaxMs = Math.max(load.loopDelayMaxMs, sample.loopDelayMaxMs);
  }
  return load;
}

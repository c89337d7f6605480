// A worker's own load, per interval: how much of the time its event loop had work (event loop
// utilization), its thread's CPU time and how late its event loop wakes up (perf_hooks' delay monitor). src/core/metrics/generator-load.ts judges the figures.

import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance, type EventLoopUtilization, type IntervalHistogram } from 'node:perf_hooks';
import type { GeneratorSample } from '../core/metrics/generator-load';

/** The monitor's timer period: its samples read as this plus the lateness. */
const RESOLUTION_MS = 10;
/** Linux reports thread CPU times in USER_HZ ticks, 100 a second on every architecture. */
const USER_HZ = 100;
/**
 * A window shorter than this gets no figures: one 10-ms CPU tick over a few ms read as more than a
 * whole core, and a loop busy stopping read as saturated (the run's last interval, cut short by the
 * stop, was flagged in light runs). Over 250 ms a tick is 4% of a core.
 */
export const MIN_MEASURED_MS = 250;

/**
 * CPU time (ms) of the calling thread: utime + stime of /proc/thread-self/stat on Linux; elsewhere
 * the whole process's (Node 20 has no per-thread CPU clock), which counts the engine's main
 * thread and the other workers too, and so overstates a worker's share.
 */
function cpuMs(): number {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    // Fields after the command name (which may hold spaces) start at the state, field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    if (Number.isFinite(ticks)) return (ticks * 1000) / USER_HZ;
  } catch {
    // Not Linux: fall through.
  }
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

export class GeneratorMeter {
  private readonly delays: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  private lastAt = performance.now();
  private lastCpuMs = cpuMs();
  private lastUtilization: EventLoopUtilization = performance.eventLoopUtilization();

  constructor() {
    this.delays.enable();
  }

  /**
   * The figures since the last call (or since the meter was made), or undefined when that was
   * less than MIN_MEASURED_MS ago; then it starts again.
   */
  take(): GeneratorSample | undefined {
    const now = performance.now();
    const cpu = cpuMs();
    const lateness = (nanoseconds: number): number => Math.max(0, nanoseconds / 1e6 - RESOLUTION_MS);
    const utilization = performance.eventLoopUtilization();
    const sample: GeneratorSample | undefined =
      now - this.lastAt < MIN_MEASURED_MS
        ? undefined
        : {
            loopBusy: performance.eventLoopUtilization(utilization, this.lastUtilization).utilization,
            cpuCores: Math.max(0, cpu - this.lastCpuMs) / (now - this.lastAt),
            loopDelayMedianMs: this.delays.count > 0 ? lateness(this.delays.percentile(50)) : 0,
            loopDelayMaxMs: this.delays.count > 0 ? lateness(this.delays.max) : 0,
          };
    this.delays.reset();
    this.lastAt = now;
    this.lastCpuMs = cpu;
    this.lastUtilization = utilization;
    return sample;
  }

  stop(): void {
    this.delays.disable();
  }
}

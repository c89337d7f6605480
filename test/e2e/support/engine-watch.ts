// Watches /proc for Loadlens engine processes (a command line holding dist/engine.js) started from
// one process group, the VS Code server's: a started engine is seen even if it ends at once. The
// engine runs in a process group of its own (src/engine/spawn.ts, `detached`), so it is matched
// by its parent, the extension host, which is in the server's group.
import { readdirSync, readFileSync } from 'node:fs';

/** Often enough to catch an engine that starts and fails: Node alone takes longer to boot. */
const POLL_MS = 100;

export class EngineWatch {
  private readonly pids = new Set<number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly processGroup: number) {}

  start(): void {
    this.timer ??= setInterval(() => this.look(), POLL_MS);
    this.timer.unref();
    this.look();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The engines seen since start, including those already gone. */
  seen(): number[] {
    this.look();
    return [...this.pids];
  }

  private look(): void {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry) || this.pids.has(Number(entry))) continue;
      try {
        const { parent, group } = statOf(entry);
        if (group !== this.processGroup && statOf(String(parent)).group !== this.processGroup) continue;
        if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('dist/engine.js')) this.pids.add(Number(entry));
      } catch {
        // The process ended while we looked.
      }
    }
  }
}

/** The parent and the process group of a process, from /proc/PID/stat (fields after the command name: state, ppid, pgrp, ...). */
function statOf(pid: string): { parent: number; group: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { parent: Number(fields[1]), group: Number(fields[2]) };
}

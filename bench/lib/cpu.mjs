// CPU accounting from /proc, to tell a clean round from one where something else used the machine.
// In a window: busy = user+nice+system+irq+softirq ticks of /proc/stat (on this kernel a task's
// stime includes the softirq time spent in its context, such as loopback TCP processing:
// measured, busy without softirq came out below the tools' and targets' own time); minus the
// load tool's ticks (it is a child of this process: its time, and its own reaped children's,
// lands in our cutime/cstime when it is reaped inside the window); minus the targets' ticks
// (/proc/PID/stat of each target's process tree); minus this process's own ticks. What is left
// is "other": CPU that processes outside the benchmark used during the window (ksoftirqd
// included, so a window can show a little "other" of its own making).

import { readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

let ticksPerSecond;
function hz() {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return ticksPerSecond;
}

/** Fields of /proc/stat's aggregate `cpu` line, in ticks. */
export function parseProcStat(text) {
  const line = text.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) throw new Error('no cpu line in /proc/stat');
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return { user, nice, system, idle, iowait, irq, softirq, steal, busy: user + nice + system + irq + softirq };
}

/** utime+stime (own; each also alone) and cutime+cstime (reaped children) of a /proc/PID/stat line, in ticks. */
export function parsePidStat(text) {
  // The command name may hold spaces and parentheses: fields start after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).trim().split(/\s+/);
  // fields[0] is field 3 (state): utime is field 14 -> index 11.
  return {
    ppid: Number(fields[1]),
    own: Number(fields[11]) + Number(fields[12]),
    user: Number(fields[11]),
    system: Number(fields[12]),
    children: Number(fields[13]) + Number(fields[14]),
  };
}

function readPid(pid) {
  try {
    return parsePidStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined; // It ended.
  }
}

/** Pids of `root` and every descendant, from the ppid links in /proc. */
export function processTree(root) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readPid(name);
    if (!stat) continue;
    const list = children.get(stat.ppid) ?? [];
    list.push(Number(name));
    children.set(stat.ppid, list);
  }
  const tree = [];
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop();
    tree.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** Own ticks of every process in the trees under `roots` (the targets). */
function treeTicks(roots) {
  let ticks = 0;
  for (const root of roots) for (const pid of processTree(root)) ticks += readPid(pid)?.own ?? 0;
  return ticks;
}

function snapshot(targetRoots) {
  const system = parseProcStat(readFileSync('/proc/stat', 'utf8'));
  const self = readPid(process.pid);
  return {
    wallMs: performance.now(),
    busy: system.busy,
    steal: system.steal,
    selfOwn: self?.own ?? 0,
    selfChildren: self?.children ?? 0,
    targets: treeTicks(targetRoots),
  };
}

/**
 * Opens a window; `close()` returns seconds of CPU in it: `tool` (children reaped in the window),
 * `targets`, `self`, `other` (everything else), `wallS`, and `otherCores` = other / wall.
 */
export function openCpuWindow(targetRoots) {
  const start = snapshot(targetRoots);
  return {
    close() {
      const end = snapshot(targetRoots);
      const s = (ticks) => ticks / hz();
      const wallS = (end.wallMs - start.wallMs) / 1000;
      const tool = s(end.selfChildren - start.selfChildren);
      const targets = s(end.targets - start.targets);
      const self = s(end.selfOwn - start.selfOwn);
      const other = Math.max(0, s(end.busy - start.busy) - tool - targets - self);
      return { wallS, tool, targets, self, other, otherCores: other / wallS, stealCores: s(end.steal - start.steal) / wallS };
    },
  };
}

/**
 * Waits (up to `maxWaitMs`) for a second in which other processes used less than `maxOtherCores`;
 * resolves with the last second's other-CPU in cores and whether it was quiet. A wait of 0 or less
 * (`--quiet-wait 0`) returns at once, unmeasured.
 */
export async function waitForQuiet(targetRoots, maxOtherCores, maxWaitMs) {
  if (maxWaitMs <= 0) return { quiet: undefined, otherCores: undefined };
  const until = performance.now() + maxWaitMs;
  let otherCores = Infinity;
  do {
    const window = openCpuWindow(targetRoots);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    otherCores = window.close().otherCores;
    if (otherCores <= maxOtherCores) return { quiet: true, otherCores };
  } while (performance.now() < until);
  return { quiet: false, otherCores };
}

/** Resident memory of a process tree in bytes (VmRSS summed). */
export function treeRssBytes(root) {
  let kib = 0;
  for (const pid of processTree(root)) {
    try {
      const match = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) kib += Number(match[1]);
    } catch {
      // It ended.
    }
  }
  return kib * 1024;
}

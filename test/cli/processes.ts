// For the signal tests: find the engine child of a CLI process, count its sockets, and a listener
// that completes no new connections (a run stays in its pre-connect phase). Linux only: it reads
// /proc, as `ps` and `pgrep` do.

import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

function statusField(pid: number, field: string): string | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return new RegExp(`^${field}:\\s*(\\S+)`, 'm').exec(status)?.[1];
  } catch {
    return undefined;
  }
}

/** The pids whose parent is `pid`. */
export function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    if (statusField(Number(entry), 'PPid') === String(pid)) found.push(Number(entry));
  }
  return found;
}

/** The inodes of the sockets `pid` holds open (pipes to its parent included). */
function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (match) inodes.add(match[1] as string);
      } catch {
        // closed meanwhile
      }
    }
  } catch {
    // the process is gone
  }
  return inodes;
}

/** How many TCP connections (IPv4 or IPv6, any state) `pid` holds. */
export function tcpSocketCount(pid: number): number {
  const mine = socketInodes(pid);
  let count = 0;
  for (const table of ['tcp', 'tcp6']) {
    let text = '';
    try {
      text = readFileSync(`/proc/${pid}/net/${table}`, 'utf8');
    } catch {
      continue;
    }
    // Columns: sl local rem st tx:rx tr:when retrnsmt uid timeout inode ...
    for (const line of text.split('\n').slice(1)) {
      const inode = line.trim().split(/\s+/)[9];
      if (inode !== undefined && mine.has(inode)) count++;
    }
  }
  return count;
}

export async function until<T>(probe: () => T | undefined | false, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The engine process of a running CLI. */
export function engineOf(cliPid: number): Promise<number> {
  return until(() => childrenOf(cliPid)[0], `the engine child of ${cliPid}`);
}

/**
 * Resolves once the engine holds a TCP connection: it has taken `run/start` (its signal handling
 * comes before that) and its workers are connecting.
 */
export async function connecting(engine: number): Promise<void> {
  await until(() => tcpSocketCount(engine) > 0, `the engine ${engine} to open connections`);
}

export interface StalledListener {
  url: string;
  close(): void;
}

/**
 * A loopback listener with a backlog of 1 in a process that is then stopped (SIGSTOP): the kernel
 * completes two connections and leaves the others waiting, so the engine's pre-connect phase
 * lasts its full timeout (src/engine/preconnect.ts).
 */
export async function startStalledListener(): Promise<StalledListener> {
  const source = `const s = require('node:net').createServer(() => {});
s.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => process.stdout.write(s.address().port + '\\n'));`;
  const child: ChildProcess = spawn(process.execPath, ['-e', source], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    child.once('exit', (code) => reject(new Error(`the stalled listener exited (${code})`)));
  });
  child.kill('SIGSTOP');
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      child.kill('SIGKILL');
    },
  };
}

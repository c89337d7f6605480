// Shared by the CLI tests: run the built CLI (dist/cli.js) as a user would, in temporary folders,
// against real servers on loopback port 0.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');
export const EXAMPLES = join(ROOT, 'examples');

/** `npm test` builds first; a lone `node --test test/cli/...` builds here when dist/ is missing. */
export function ensureBuilt(): void {
  if (existsSync(CLI)) return;
  const build = spawnSync(process.execPath, [join(ROOT, 'esbuild.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
}

export interface CliOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunningCli {
  pid: number | undefined;
  /** Resolves on the first stderr/stdout text that matches; rejects if the CLI exits first. */
  waitFor(pattern: RegExp): Promise<void>;
  kill(signal: NodeJS.Signals): void;
  /** Standard output and error so far. */
  text(): string;
  /** Signals the CLI's whole process group (engine included), as Ctrl-C in a terminal does. */
  killGroup(signal: NodeJS.Signals): void;
  done: Promise<CliOutcome>;
}

/** Starts `node dist/cli.js ...args`; asynchronous, so servers in this process keep answering. */
/** `ownProcessGroup`: the CLI leads a process group of its own, as a terminal's foreground job does. */
export function startCli(args: string[], options: { cwd?: string; timeoutMs?: number; ownProcessGroup?: boolean; env?: Record<string, string> } = {}): RunningCli {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.ownProcessGroup ?? false,
  });
  let stdout = '';
  let stderr = '';
  const waiters: Array<{ pattern: RegExp; resolve: () => void; reject: (error: Error) => void }> = [];
  const onText = () => {
    for (const waiter of [...waiters]) {
      if (waiter.pattern.test(stdout + stderr)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    onText();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    onText();
  });
  // Every run in these tests is short; a hung CLI must fail the test, not the whole suite.
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
  const done = new Promise<CliOutcome>((resolvePromise) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      for (const waiter of waiters.splice(0)) waiter.reject(new Error(`the CLI exited (${code ?? signal}) before printing ${waiter.pattern}:\n${stdout}${stderr}`));
      resolvePromise({ code, signal, stdout, stderr });
    });
  });
  return {
    pid: child.pid,
    waitFor: (pattern) =>
      new Promise((resolveWait, rejectWait) => {
        waiters.push({ pattern, resolve: resolveWait, reject: rejectWait });
        onText();
      }),
    kill: (signal) => child.kill(signal),
    text: () => stdout + stderr,
    killGroup: (signal) => {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    },
    done,
  };
}

export function runCli(args: string[], options: { cwd?: string; timeoutMs?: number; env?: Record<string, string> } = {}): Promise<CliOutcome> {
  return startCli(args, options).done;
}

/** A fresh temporary folder, removed by the returned function. */
export function tempDir(): { path: string; file(name: string, text: string): string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'loadlens-cli-'));
  return {
    path,
    file(name, text) {
      const filePath = join(path, name);
      writeFileSync(filePath, text);
      return filePath;
    },
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}

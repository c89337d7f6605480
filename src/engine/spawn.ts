// The one way into the engine, for the CLI and the extension: fork dist/engine.js, talk to it over
// typed IPC, stop it gracefully or kill it. The child exits when its parent goes away.

import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { IntervalSnapshot, RunResult } from '../core/metrics/result';
import type { EngineCommand, EngineErrorCode, EngineEvent } from '../core/protocol/engine';
import { isEngineEvent } from '../core/protocol/guards';

export interface SpawnEngineOptions {
  /** Path of the engine entry; default: engine.js beside the running bundle (dist/engine.js). */
  entry?: string;
  /** Node binary; default process.execPath (in the extension host set ELECTRON_RUN_AS_NODE=1). */
  execPath?: string;
  execArgv?: string[];
  env?: NodeJS.ProcessEnv;
  /** Receives the child's stderr and stdout lines (for an output channel / --verbose). */
  onLog?: (line: string) => void;
}

export type StartCommand = Extract<EngineCommand, { type: 'run/start' }>;

export interface EngineHandle {
  readonly pid: number | undefined;
  start(command: StartCommand): void;
  /** Graceful: honours stop-timeout; the child ends within 1 s after it (then it is killed). */
  stop(): void;
  /** Hard kill, for dispose paths. */
  kill(): void;
  onEvent(listener: (event: EngineEvent) => void): { dispose(): void };
  /** Resolves when the child process has exited (code, signal). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** How long after its stop-timeout a stopping engine may take before it is killed. */
export const STOP_GRACE_MS = 1500;

/** dist/engine.js beside this bundle; from sources (tests), the built one in dist/. */
export function defaultEngineEntry(): string {
  const beside = join(__dirname, 'engine.js');
  return existsSync(beside) ? beside : resolve(__dirname, '../../dist/engine.js');
}

function lineReader(onLine: (line: string) => void): (chunk: Buffer) => void {
  let pending = '';
  return (chunk) => {
    const lines = (pending + chunk.toString('utf8')).split(/\r?\n/);
    pending = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  };
}

export function spawnEngine(options: SpawnEngineOptions = {}): EngineHandle {
  const child = fork(options.entry ?? defaultEngineEntry(), [], {
    execPath: options.execPath ?? process.execPath,
    // Not the parent's flags: a parent under a loader (tsx, a debugger) must not pass it on.
    execArgv: options.execArgv ?? [],
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'json',
  });
  const listeners = new Set<(event: EngineEvent) => void>();
  const log = options.onLog;
  child.stdout?.on('data', lineReader((line) => log?.(line)));
  child.stderr?.on('data', lineReader((line) => log?.(line)));
  let stopTimeoutMs = 0;
  let killTimer: NodeJS.Timeout | undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) => {
    child.on('exit', (code, signal) => {
      if (killTimer) clearTimeout(killTimer);
      resolveExit({ code, signal });
    });
  });
  child.on('error', (error) => log?.(`engine: ${error.message}`));
  child.on('message', (message: unknown) => {
    if (!isEngineEvent(message)) {
      log?.('engine: ignored a message that is not an engine event');
      return;
    }
    if (message.type === 'run/started') stopTimeoutMs = message.stopTimeoutMs ?? stopTimeoutMs;
    for (const listener of [...listeners]) listener(message);
  });
  const send = (command: EngineCommand): void => {
    if (child.connected) child.send(command);
  };
  return {
    pid: child.pid,
    start(command) {
      stopTimeoutMs = command.options.stopTimeoutMs ?? 0;
      send(command);
    },
    stop() {
      send({ type: 'run/stop' });
      if (!killTimer && child.exitCode === null) {
        killTimer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs + STOP_GRACE_MS);
      }
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
    onEvent(listener) {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
    exited,
  };
}

/** A run that ended with `run/error` (or an engine that died): the code says what kind. */
export class EngineRunError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EngineRunError';
  }
}

/** Starts a run and resolves with its RunResult; rejects with EngineRunError. */
export function runToCompletion(handle: EngineHandle, start: StartCommand, onInterval?: (snapshot: IntervalSnapshot) => void): Promise<RunResult> {
  return new Promise<RunResult>((resolvePromise, reject) => {
    let settled = false;
    const subscription = handle.onEvent((event) => {
      if (event.type === 'run/interval') onInterval?.(event.snapshot);
      else if (event.type === 'run/finished') {
        settled = true;
        subscription.dispose();
        resolvePromise(event.result);
      } else if (event.type === 'run/error') {
        settled = true;
        subscription.dispose();
        reject(new EngineRunError(event.code, event.message));
      }
    });
    void handle.exited.then(({ code, signal }) => {
      if (settled) return;
      subscription.dispose();
      reject(new EngineRunError('internal', `the engine exited before the run finished (${signal ?? `code ${code}`})`));
    });
    handle.start(start);
  });
}

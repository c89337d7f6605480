// The one way into the engine, for the CLI and the extension: fork dist/engine.js, talk to it over
// typed IPC, stop it gracefully or kill it. The handle owns the one shutdown policy (below); the
// child exits when its parent goes away.

import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { IntervalSnapshot, RunResult } from '../core/metrics/result';
import type { EngineCommand, EngineErrorCode, EngineEvent } from '../core/protocol/engine';
import { isEngineEvent } from '../core/protocol/guards';
import { setLongTimeout, type LongTimer } from './long-timer';

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

/**
 * The engine's shutdown policy, the same for the CLI and the extension:
 * - `stop()` asks for a graceful stop: running iterations get the run's stop-timeout, and the
 *   engine then has ENGINE_STOP_GRACE_MS to report and exit; after that it is killed (SIGKILL).
 * - once the engine has sent its last event (`run/finished` or `run/error`), it has
 *   ENGINE_EXIT_GRACE_MS to exit by itself; after that it is killed.
 * - `kill()` kills at once (a second interrupt, a window or extension going away).
 */
export interface EngineHandle {
  readonly pid: number | undefined;
  start(command: StartCommand): void;
  /** Graceful stop (see the policy above); calling it again changes nothing. */
  stop(): void;
  /** Hard kill, at once. */
  kill(): void;
  onEvent(listener: (event: EngineEvent) => void): { dispose(): void };
  /** Resolves when the child process has exited (code, signal). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** How long after its stop-timeout a stopping engine may take to report and exit before it is killed. */
export const ENGINE_STOP_GRACE_MS = 2000;
/** How long after its last event (result or error) the engine may take to exit before it is killed. */
export const ENGINE_EXIT_GRACE_MS = 2000;

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
    // A process group of its own (POSIX): Ctrl-C in a terminal, `timeout`, CI and Kubernetes signal
    // the caller's group, and the caller alone decides how the run stops (one interrupt, even in
    // the engine's first moments, before it can catch a signal). The engine still never outlives
    // its caller: it exits when the IPC channel closes (src/engine/main.ts).
    detached: process.platform !== 'win32',
  });
  const listeners = new Set<(event: EngineEvent) => void>();
  const log = options.onLog;
  child.stdout?.on('data', lineReader((line) => log?.(line)));
  child.stderr?.on('data', lineReader((line) => log?.(line)));
  let stopTimeoutMs = 0;
  let stopAsked = false;
  let killTimer: LongTimer | undefined;
  let killAt = Infinity;
  const running = (): boolean => child.exitCode === null && child.signalCode === null;
  const kill = (): void => {
    if (running()) child.kill('SIGKILL');
  };
  /** Kills the child `delayMs` from now, unless an earlier kill is already due. */
  const killAfter = (delayMs: number): void => {
    const at = Date.now() + delayMs;
    if (!running() || at >= killAt) return;
    killTimer?.clear();
    killAt = at;
    // Unref'd: the timer must not keep a CLI or a test process alive on its own.
    killTimer = setLongTimeout(kill, delayMs, Date.now, true);
  };
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) => {
    child.on('exit', (code, signal) => {
      killTimer?.clear();
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
    if (message.type === 'run/finished' || message.type === 'run/error') killAfter(ENGINE_EXIT_GRACE_MS);
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
      if (stopAsked) return;
      stopAsked = true;
      send({ type: 'run/stop' });
      killAfter(stopTimeoutMs + ENGINE_STOP_GRACE_MS);
    },
    kill,
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
    // `exited` only resolves (on the child's exit event), and the callback only rejects the run.
    void handle.exited.then(({ code, signal }) => {
      if (settled) return;
      subscription.dispose();
      reject(new EngineRunError('internal', `the engine exited before the run finished (${signal ?? `code ${code}`})`));
    });
    handle.start(start);
  });
}

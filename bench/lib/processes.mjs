// Child processes of the benchmark: each started in its own process group, pinned to one core with
// taskset, registered so that an exit handler (normal end, error, Ctrl-C) kills every group that is
// still alive. Nothing the benchmark starts outlives it.

import { spawn } from 'node:child_process';

const live = new Set();

/** Kills one process group (SIGTERM, then SIGKILL after `graceMs` if still there). */
export async function killGroup(child, graceMs = 1500) {
  if (child.exitCode !== null || child.signalCode !== null) {
    live.delete(child);
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }, graceMs);
  await exited;
  clearTimeout(timer);
  live.delete(child);
}

function killAllNow() {
  for (const child of live) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  live.clear();
}

let handlersInstalled = false;
function installExitHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', killAllNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      killAllNow();
      process.exit(130);
    });
  }
}

/**
 * Starts `command args` on `core` (taskset -c), in a new process group. `stdio` as for spawn;
 * stdout/stderr are collected when piped. Returns the child plus a promise of its end.
 */
export function startPinned(core, command, args, options = {}) {
  installExitHandlers();
  const child = spawn('taskset', ['-c', String(core), command, ...args], {
    detached: true,
    stdio: options.stdio ?? ['ignore', 'pipe', 'pipe'],
    env: options.env ?? process.env,
    cwd: options.cwd,
  });
  live.add(child);
  options.onStart?.(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (text) => (stdout += text));
  child.stderr?.setEncoding('utf8').on('data', (text) => (stderr += text));
  const done = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      // Wait for the pipes to drain before handing the output over.
      setImmediate(() => resolve({ code, signal, stdout, stderr }));
    });
    child.once('error', (error) => resolve({ code: -1, signal: null, stdout, stderr: stderr + String(error) }));
  });
  return { child, done };
}

/** Runs a pinned command to its end, killing it if it outlives `timeoutMs`. */
export async function runPinned(core, command, args, timeoutMs, options = {}) {
  const { child, done } = startPinned(core, command, args, options);
  const timer = setTimeout(() => void killGroup(child), timeoutMs);
  const result = await done;
  clearTimeout(timer);
  return result;
}

/** Runs a command (not pinned, not timed: installers) and resolves with its output. */
export function runPlain(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (text) => (output += text));
    child.stderr.setEncoding('utf8').on('data', (text) => (output += text));
    child.once('error', (error) => resolve({ code: -1, output: output + String(error) }));
    child.once('close', (code) => resolve({ code, output }));
  });
}

// Carrying out a run through the engine child process: progress from its intervals, Ctrl-C or
// SIGTERM as a clean stop (a second, separate one forces the exit), and engine errors turned into
// words and exit codes. How long a stopping engine may take is the engine handle's policy
// (src/engine/spawn.ts).

import { randomUUID } from 'node:crypto';
import { ENGINE_PROTOCOL_VERSION, type EngineErrorCode, type EngineEvent, type RunOptions } from '../core/protocol/engine';
import { describeEngineError } from '../core/protocol/error-messages';
import type { RunResult } from '../core/metrics/result';
import { runToCompletion, spawnEngine, type EngineHandle } from '../engine/spawn';
import { CliFailure, ExitCode } from './exit-codes';
import type { ProgressReporter } from './progress';
import type { LoadedScenario } from './scenario-file';

/** Engine errors that mean the input was wrong and nothing was sent: usage-class, exit 2. */
const INPUT_ERRORS: ReadonlySet<EngineErrorCode> = new Set(['environment-invalid', 'scenario-invalid', 'no-host', 'no-load-model', 'over-limit']);
/**
 * Signals closer together than this are one interrupt: one signal to a process group can reach
 * this process more than once (`timeout` signals its child, then the whole group), while a person's
 * second Ctrl-C comes after reading the "Stopping" line.
 */
export const SAME_INTERRUPT_MS = 1000;

function isEngineError(error: unknown): error is { code: EngineErrorCode; message: string } {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

function toCliFailure(error: unknown): CliFailure {
  if (error instanceof CliFailure) return error;
  if (isEngineError(error)) {
    return new CliFailure(describeEngineError(error.code, error.message), INPUT_ERRORS.has(error.code) ? ExitCode.usage : ExitCode.runFailed);
  }
  return new CliFailure(describeEngineError('internal', error instanceof Error ? error.message : String(error)), ExitCode.runFailed);
}


/** For a shard of a coordinated run (src/cli/commands/join.ts): every engine event, and a way to stop it. */
export interface RunHooks {
  onEvent?(event: EngineEvent): void;
  /** Called once with the run's clean stop (as a first Ctrl-C), for a stop from elsewhere. */
  giveStop?(stop: () => void): void;
}

export async function executeRun(scenario: LoadedScenario, options: RunOptions, progress: ProgressReporter, hooks: RunHooks = {}): Promise<RunResult> {
  // Assigned right after the listeners below are in place; a signal's listener runs later, on the event loop.
  let handle: EngineHandle;
  let firstInterruptAt: number | undefined;
  let forceExit: (failure: CliFailure) => void = () => undefined;
  const forced = new Promise<never>((_, reject) => {
    forceExit = reject;
  });
  const onInterrupt = (signal: NodeJS.Signals) => {
    const now = Date.now();
    if (firstInterruptAt === undefined) {
      firstInterruptAt = now;
      progress.note(`Stopping on ${signal}: letting the engine finish and writing the reports (press Ctrl-C again to quit at once)...`);
      handle.stop();
    } else if (now - firstInterruptAt >= SAME_INTERRUPT_MS) {
      handle.kill();
      forceExit(new CliFailure(`Quit at once on a second interrupt (${signal}): no reports were written.`, ExitCode.runFailed));
    }
  };
  // Listening before the engine is forked: a Ctrl-C to the whole process group while the fork is
  // under way would otherwise end the CLI at once (a signal's default action when nobody listens),
  // without its reports.
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onInterrupt);
  try {
    handle = spawnEngine({ onLog: (line) => progress.note(line) });
  } catch (error) {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
    throw error;
  }
  hooks.giveStop?.(() => handle.stop());
  const events = handle.onEvent((event) => {
    hooks.onEvent?.(event);
    if (event.type === 'run/threshold-abort') {
      progress.note(`Threshold \`${event.rule}\` broken for 10 s on ${event.target === 'aggregate' ? 'the aggregate' : event.target}: stopping the run.`);
    } else if (event.type === 'run/log' && event.level !== 'info') {
      progress.note(`engine ${event.level}: ${event.message}`);
    }
  });
  try {
    const start = {
      type: 'run/start' as const,
      protocolVersion: ENGINE_PROTOCOL_VERSION,
      runId: randomUUID(),
      scenarioPath: scenario.absolutePath,
      scenarioText: scenario.text,
      options,
      allowedFolders: [...scenario.access.folders],
    };
    const result = await Promise.race([runToCompletion(handle, start, (snapshot) => progress.update(snapshot)), forced]);
    // Normally at once; the handle kills an engine that lingers (ENGINE_EXIT_GRACE_MS).
    await Promise.race([handle.exited, forced]);
    return result;
  } catch (error) {
    handle.kill();
    throw toCliFailure(error);
  } finally {
    progress.finish();
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
    events.dispose();
  }
}

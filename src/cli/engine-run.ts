// Carrying out a run through the engine child process: progress from its intervals, Ctrl-C as a
// clean stop (a second one forces the exit), and engine errors turned into words and exit codes.

import { randomUUID } from 'node:crypto';
import { ENGINE_PROTOCOL_VERSION, type EngineErrorCode, type RunOptions } from '../core/protocol/engine';
import { describeEngineError } from '../core/protocol/error-messages';
import type { RunResult } from '../core/metrics/result';
import { runToCompletion, spawnEngine, type EngineHandle } from '../engine/spawn';
import { CliFailure, ExitCode } from './exit-codes';
import type { ProgressReporter } from './progress';
import type { LoadedScenario } from './scenario-file';

/** Engine errors that mean the input was wrong and nothing was sent: usage-class, exit 2. */
const INPUT_ERRORS: ReadonlySet<EngineErrorCode> = new Set(['scenario-invalid', 'no-host', 'no-load-model']);
/** After `run/finished` the engine exits by itself; this long is the most we wait before killing it. */
const EXIT_GRACE_MS = 2000;

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

async function waitForExit(handle: EngineHandle): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), EXIT_GRACE_MS);
  });
  const outcome = await Promise.race([handle.exited, timeout]);
  clearTimeout(timer);
  if (outcome === 'timeout') handle.kill();
}

export async function executeRun(scenario: LoadedScenario, options: RunOptions, progress: ProgressReporter): Promise<RunResult> {
  const handle = spawnEngine({ onLog: (line) => progress.note(line) });
  const events = handle.onEvent((event) => {
    if (event.type === 'run/threshold-abort') {
      progress.note(`Threshold \`${event.rule}\` broken for 10 s on ${event.target === 'aggregate' ? 'the aggregate' : event.target}: stopping the run.`);
    } else if (event.type === 'run/log' && event.level !== 'info') {
      progress.note(`engine ${event.level}: ${event.message}`);
    }
  });

  let interrupts = 0;
  let forceExit: (failure: CliFailure) => void = () => undefined;
  const forced = new Promise<never>((_, reject) => {
    forceExit = reject;
  });
  const onInterrupt = () => {
    interrupts++;
    if (interrupts === 1) {
      progress.note('Stopping: letting the engine finish and writing the reports (press Ctrl-C again to quit at once)...');
      handle.stop();
    } else {
      handle.kill();
      forceExit(new CliFailure('Quit at once on the second Ctrl-C: no reports were written.', ExitCode.runFailed));
    }
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onInterrupt);
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
    await waitForExit(handle);
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

// What the user reads when a run ends without a result: an engine error (a stable code from the
// engine, worded in src/core/protocol/error-messages.ts, with VS Code's way of fixing it where
// it differs from the CLI's) or a crash of the engine process itself.
import type { EngineErrorCode } from '../../../core/protocol/engine';
import { engineErrorWords } from '../../../core/protocol/error-messages';
import { formatClock } from '../../../core/present';

/** Where the CLI says "pass --host", the editor has its own places. */
const EDITOR_HINTS: Partial<Record<EngineErrorCode, string>> = {
  'no-host': 'Add `# @host http://...` to the file, set `loadlens.host`, or enter a host in “Run Load Test with Options…”.',
  'no-load-model': 'Add `# @users N` (or `# @rate R/s`, or `# @stage` lines) to the file, or enter users in “Run Load Test with Options…”.',
  'scenario-invalid': 'Fix the problems the editor marks in the file (see the Problems panel), then run again.',
  'protocol-mismatch': 'Reload the window; if it persists, reinstall the extension so the engine and the extension come from the same build.',
  'worker-crashed': 'Set `loadlens.workers` lower and run again; the engine log is in the Loadlens output.',
};

export function runErrorMessage(code: EngineErrorCode, message: string): string {
  const words = engineErrorWords(code);
  const detail = message.trim();
  return `${words.title}${detail ? `: ${detail}` : ''}. ${EDITOR_HINTS[code] ?? words.hint}`;
}

/** The engine process ended without a result or an error: it crashed or was killed from outside. */
export function engineCrashMessage(exit: { code: number | null; signal: string | null }, elapsedMs: number | undefined): string {
  const how = exit.signal ? `was killed (${exit.signal})` : `exited with code ${exit.code ?? 'unknown'}`;
  const when = elapsedMs === undefined ? 'before the run started' : `after ${formatClock(elapsedMs)}`;
  return (
    `The load engine ${how} ${when}, without a result. ` +
    'Its log is in the Loadlens output. Run again; if it happens again (for example when the machine is out of memory), lower the users or workers, and report it with that log.'
  );
}

/** The engine could not be started at all (missing bundle, no Node). */
export function engineSpawnFailureMessage(error: string): string {
  return `The load engine could not be started: ${error}. Reinstall the extension or, in a development checkout, run \`npm run build\`.`;
}

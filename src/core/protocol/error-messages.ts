// Words for the engine's stable error codes: the one place the CLI and the extension turn a
// `run/error` into a sentence a user can act on. The engine's own message carries the specifics
// (which file, which request); these words say what kind of problem it is and what to do.

import type { EngineErrorCode } from './engine';

interface ErrorWords {
  /** What went wrong, as a heading. */
  title: string;
  /** What the user can do about it. */
  hint: string;
}

const WORDS: Record<EngineErrorCode, ErrorWords> = {
  'scenario-invalid': {
    title: 'The scenario has errors',
    hint: 'Fix the problems listed (`loadlens check FILE` shows them with line numbers), then run again.',
  },
  'no-host': {
    title: 'No host for relative request URLs',
    hint: 'Add `# @host http://...` to the file or pass --host URL.',
  },
  'no-load-model': {
    title: 'No load model',
    hint: 'Say how much load to generate: `# @users N` (or --users N), `# @rate R/s` (or --rate R), or `# @stage` lines.',
  },
  'environment-invalid': {
    title: 'The environment cannot be used',
    hint: 'Fix the environment file named above, or choose one of the environments it lists (--env NAME, or Loadlens: Select Environment).',
  },
  'over-limit': {
    title: 'Beyond Loadlens\'s limits',
    hint: 'Lower the value named above; the limits are listed in docs/security.md (Limits).',
  },
  'data-unreadable': {
    title: 'A data file could not be read',
    hint: 'Check the `# @data` path (relative to the scenario file) and that the file is a CSV with a header row.',
  },
  'body-unreadable': {
    title: 'A request body file could not be read',
    hint: 'Check the `< ./file` path (relative to the scenario file) and its permissions.',
  },
  'setup-failed': {
    title: 'The setup failed, so no load was started',
    hint: 'Every `# @setup` request must succeed before users start: check the request named above and the server it calls, then run again.',
  },
  'protocol-mismatch': {
    title: 'The engine and its caller are from different builds',
    hint: 'Rebuild (`npm run build`) or reinstall so both come from the same version.',
  },
  'worker-crashed': {
    title: 'A load-generating worker crashed',
    hint: 'Try again with fewer --workers; if it happens again, report it with the scenario attached.',
  },
  internal: {
    title: 'The engine failed unexpectedly',
    hint: 'This is a bug in Loadlens: please report it with the scenario and the message below.',
  },
};

/** The heading and the advice for an engine error code. */
export function engineErrorWords(code: EngineErrorCode): ErrorWords {
  return WORDS[code];
}

/** One or two lines for a terminal or a notification: `Title: engine message` then the advice. */
export function describeEngineError(code: EngineErrorCode, message: string): string {
  const words = WORDS[code];
  const detail = message.trim();
  return `${words.title}${detail ? `: ${detail}` : ''}\n${words.hint}`;
}

// The largest values a run accepts, from a file (`check`), the command line and the extension's
// settings alike. A load tool runs scenarios it did not write: without bounds, `-u 1000000000000`
// grew the engine to 3.25 GB, a huge rate never finished, and variables inside variables grew
// exponentially. The limits are far above what one machine can generate (docs/security.md, Limits).

/** Users at once: `@users`, `-u`, `@max-users`, user stage targets (a socket and a user each). */
export const MAX_USERS = 100_000;
/** Arrivals per second: `@rate`, `--rate`, rate stage targets. */
export const MAX_RATE = 1_000_000;
/** Users started per second: `@spawn-rate`, `-r` (all of MAX_USERS within a second). */
export const MAX_SPAWN_RATE = MAX_USERS;
/** Load-generating workers (threads), `--workers` and `auto` alike. */
export const MAX_WORKERS = 64;
/** Any duration (run time, stage, think, timeout, stop timeout) and a whole stage plan: 30 days. */
export const MAX_DURATION_MS = 30 * 24 * 3_600_000;
/** How deep variables may refer to variables (`@a = {{b}}`, `@b = {{c}}`, ... ). */
export const MAX_EXPANSION_DEPTH = 32;
/** Characters one template or file variable may expand to, before data and responses fill in. */
export const MAX_EXPANSION_CHARS = 1_048_576;

/**
 * A template beyond the expansion limits, met while compiling it (src/engine/compile-template.ts):
 * a problem of the scenario, to be reported as one (`scenario-invalid`), never as a crash.
 */
export class ExpansionLimitError extends Error {
  override readonly name = 'ExpansionLimitError';
}

/** `1,000,000`: limits read better with separators, in every message. */
export function formatLimit(value: number): string {
  return value.toLocaleString('en-US');
}

/** `720h`: MAX_DURATION_MS as a duration a user can type. */
export const MAX_DURATION_TEXT = `${MAX_DURATION_MS / 3_600_000}h`;

/**
 * What is beyond a limit, in words with the limit, or undefined. `what` names the value as the
 * user wrote it (`@users`, `--rate`).
 */
export function overLimit(what: string, value: number, limit: number, unit = ''): string | undefined {
  if (value <= limit) return undefined;
  return `${what} is at most ${formatLimit(limit)}${unit} (Loadlens's limit, docs/security.md)`;
}

export function durationOverLimit(what: string, ms: number): string | undefined {
  if (ms <= MAX_DURATION_MS) return undefined;
  return `${what} is at most ${MAX_DURATION_TEXT} (30 days, Loadlens's limit, docs/security.md)`;
}

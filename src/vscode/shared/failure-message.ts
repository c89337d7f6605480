// Words for a failed command: what the user reads in the error notification. Free of `vscode`
// so that the wording is unit-tested. A system error's code is put in the words every other
// place uses (src/core/present/failure-words.ts).
import { failureWords } from '../../core/present/failure-words';

/**
 * A failure whose message already tells the user what to do ("Open a .load.http file first").
 * It is shown as it is; anything else is treated as a bug and points to the output channel.
 */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError';
}

/** `what` names the action, e.g. "New Load Scenario". */
export function failureMessage(what: string, error: unknown): string {
  if (error instanceof UserFacingError) return error.message;
  const code = systemErrorCode(error);
  const explained = code ? failureWords(code) : undefined;
  if (explained) {
    const path = pathOf(error);
    const said = `${what} failed: ${explained}${path ? ` (${path})` : ''}`;
    return /[.?!]$/.test(said) ? said : `${said}.`;
  }
  const detail = error instanceof Error ? error.message : String(error);
  return `${what} failed: ${detail}. See the Loadlens output for details.`;
}

function systemErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function pathOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('path' in error)) return undefined;
  const path = (error as { path: unknown }).path;
  return typeof path === 'string' ? path : undefined;
}

// Work nobody awaits (a state save, a message to the panel): its failure goes to the Loadlens log
// with what failed, instead of an unhandled rejection that only the extension host's own log sees.
// A command's failure goes through src/vscode/shared/command.ts instead, which also shows it.
// Free of `vscode` (unit-tested).

export interface FailureLog {
  warn(message: string): void;
}

export function inBackground(work: PromiseLike<unknown>, what: string, log: FailureLog): void {
  work.then(undefined, (error: unknown) => log.warn(`${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
}

// The exit codes of docs/cli.md ("Exit codes"), and the two errors that carry them out of a command.

export const ExitCode = {
  /** The run finished and no `error` threshold was broken (check: no errors). */
  ok: 0,
  /** The run finished and an `error` threshold was broken, or a threshold aborted it. */
  thresholdBroken: 1,
  /** Usage error, or the scenario has errors: nothing was sent. */
  usage: 2,
  /** The run could not be carried out: engine crash, unreadable data file, ... */
  runFailed: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A mistake in how the command was called: the message says what is wrong and what to do. Exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A failure with a known exit code and a message for the user (no stack trace). */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'CliFailure';
  }
}

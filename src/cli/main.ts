#!/usr/bin/env node
// `loadlens`: the headless command line (shared/spec/cli.md). Dispatches to a subcommand and turns
// every known failure into a message and an exit code; only a real bug shows a stack trace.

import { version } from '../../package.json';
import { runCheck } from './commands/check';
import { runImport } from './commands/import';
import { runReport } from './commands/report';
import { runRun } from './commands/run';
import { CliFailure, ExitCode, UsageError } from './exit-codes';
import { formatMainHelp } from './help';

const COMMANDS: Record<string, (argv: readonly string[]) => ExitCode | Promise<ExitCode>> = {
  run: runRun,
  check: runCheck,
  report: runReport,
  import: runImport,
};

async function main(argv: readonly string[]): Promise<ExitCode> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(formatMainHelp(version));
    return command === undefined ? ExitCode.usage : ExitCode.ok;
  }
  if (command === '--version' || command === '-V' || command === '-v') {
    process.stdout.write(`loadlens ${version}\n`);
    return ExitCode.ok;
  }
  const handler = COMMANDS[command];
  if (!handler) {
    const hint = command.endsWith('.http') ? ` To run it: loadlens run ${command}` : ' Commands: run, check, report, import.';
    throw new UsageError(`unknown command '${command}'.${hint}`);
  }
  return handler(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`loadlens: ${error.message}\n`);
      process.exitCode = ExitCode.usage;
    } else if (error instanceof CliFailure) {
      process.stderr.write(`loadlens: ${error.message}\n`);
      process.exitCode = error.exitCode;
    } else {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      process.stderr.write(`loadlens: unexpected failure, please report it:\n${detail}\n`);
      process.exitCode = ExitCode.runFailed;
    }
  },
);

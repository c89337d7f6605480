#!/usr/bin/env node
// `loadlens`: the headless command line (docs/cli.md). Dispatches to a subcommand and turns
// every known failure into a message and an exit code; only a real bug shows a stack trace.

import { version } from '../../package.json';
import { runCheck } from './commands/check';
import { runImport } from './commands/import';
import { runCoordinate } from './commands/coordinate';
import { runKubernetes } from './commands/kubernetes';
import { runMerge } from './commands/merge';
import { runCompare } from './commands/compare';
import { runReport } from './commands/report';
import { runRun } from './commands/run';
import { CliFailure, ExitCode, UsageError } from './exit-codes';
import { escapeControls } from './format';
import { formatMainHelp } from './help';

const COMMANDS: Record<string, (argv: readonly string[]) => ExitCode | Promise<ExitCode>> = {
  run: runRun,
  check: runCheck,
  report: runReport,
  import: runImport,
  merge: runMerge,
  coordinate: runCoordinate,
  kubernetes: runKubernetes,
  compare: runCompare,
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
    const hint = command.endsWith('.http') ? ` To run it: loadlens run ${command}` : ' Commands: run, check, report, import, compare, merge, coordinate, kubernetes.';
    throw new UsageError(`unknown command '${command}'.${hint}`);
  }
  return handler(rest);
}

/**
 * A reader that goes away (`loadlens run ... | head -c 5`, a CI log viewer that closed) is not a
 * failure of the run: what would have been printed is dropped, and the run still ends as it
 * would have, with its reports written and its own exit code. Node reports the broken pipe as an
 * 'error' event on the stream, which would otherwise crash the process with a stack trace.
 */
function dropOutputWhenReaderLeaves(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
    throw error;
  });
}

dropOutputWhenReaderLeaves(process.stdout);
dropOutputWhenReaderLeaves(process.stderr);

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Messages quote what the user typed and what a scenario or engine said: escaped (./format.ts).
    if (error instanceof UsageError) {
      process.stderr.write(`loadlens: ${escapeControls(error.message, true)}\n`);
      process.exitCode = ExitCode.usage;
    } else if (error instanceof CliFailure) {
      process.stderr.write(`loadlens: ${escapeControls(error.message, true)}\n`);
      process.exitCode = error.exitCode;
    } else {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      process.stderr.write(`loadlens: unexpected failure, please report it:\n${escapeControls(detail, true)}\n`);
      process.exitCode = ExitCode.runFailed;
    }
  },
);

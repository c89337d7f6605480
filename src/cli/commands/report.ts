// `loadlens report RESULT.json --html F --csv P`: write reports again from a saved `--json` result.
// Without an output option it prints the summary, to read an old result in the terminal.

import { parseArgs } from '../args';
import { ExitCode, UsageError } from '../exit-codes';
import { createStyle, wantsColor } from '../format';
import { formatCommandHelp, HELP_OPTION, type CommandHelp } from '../help';
import { formatWrittenReports, prepareReportPaths, writeReports } from '../report-files';
import { RUN_OPTIONS, reportTargets } from '../run-options';
import { readResultFile } from '../result-file';
import { renderCertificateWarning, renderSummary } from '../summary';

const REPORT_OPTION_NAMES = ['html', 'csv', 'csv-full-history', 'json', 'quiet'];

export const REPORT_HELP: CommandHelp = {
  usage: 'loadlens report RESULT.json [--html FILE] [--csv PREFIX [--csv-full-history]] [--json FILE]',
  summary: 'Write reports again from a result saved with `loadlens run --json FILE`.\nWithout an output option, print the summary of that run.',
  options: [...RUN_OPTIONS.filter((spec) => REPORT_OPTION_NAMES.includes(spec.name)), HELP_OPTION].map((spec) =>
    spec.name === 'quiet' ? { ...spec, description: 'do not print the summary' } : spec,
  ),
  examples: [
    'loadlens report results.json --html report.html --csv results',
    'loadlens report results.json',
  ],
};

export function runReport(argv: readonly string[]): ExitCode {
  const args = parseArgs(argv, REPORT_HELP.options, 'report');
  if (args.flags.has('help')) {
    process.stdout.write(formatCommandHelp(REPORT_HELP));
    return ExitCode.ok;
  }
  const [file, ...extra] = args.positionals;
  if (!file) throw new UsageError('which result? Usage: loadlens report RESULT.json --html FILE --csv PREFIX.');
  if (extra.length) throw new UsageError(`\`loadlens report\` takes one result file, got ${args.positionals.length}.`);
  const targets = reportTargets(args);
  const result = readResultFile(file);
  prepareReportPaths(targets, file);
  const written = writeReports(result, targets);
  const style = createStyle(wantsColor(process.stdout, process.env));
  if (!args.flags.has('quiet')) process.stdout.write(renderSummary(result, style));
  // As after `run`, even under --quiet (which leaves out the summary, not warnings).
  process.stdout.write(renderCertificateWarning(result, style));
  const paths = formatWrittenReports(written);
  if (paths) process.stdout.write(`\n${paths}`);
  return ExitCode.ok;
}

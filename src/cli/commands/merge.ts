// `loadlens merge RESULT.json... --json F`: the results of a run's shards joined into one result,
// exactly (src/core/scale/merge-results.ts); reports as `run` writes them, exit code as `run`.

import { mergeShardResults } from '../../core/scale/merge-results';
import { parseArgs } from '../args';
import { CI_OPTIONS, toCiSettings } from '../ci-options';
import { writeCiReports } from '../ci-outputs';
import { CliFailure, ExitCode, UsageError } from '../exit-codes';
import { createStyle, escapeControls, wantsColor } from '../format';
import { formatCommandHelp, HELP_OPTION, type CommandHelp } from '../help';
import { formatWrittenReports, prepareReportPaths, writeReports } from '../report-files';
import { readResultFile } from '../result-file';
import { RUN_OPTIONS, reportTargets } from '../run-options';
import { brokeErrorThreshold, renderCertificateWarning, renderSummary } from '../summary';

const MERGE_OPTION_NAMES = ['html', 'csv', 'csv-full-history', 'json', 'quiet'];

export const MERGE_HELP: CommandHelp = {
  usage: 'loadlens merge RESULT.json... --json FILE [--html FILE] [--csv PREFIX] [--junit FILE.xml]',
  summary: 'Join the results of one run\'s shards (`loadlens run --shard I/N --json FILE` on each machine)\ninto one result, exactly: histograms added, counts summed, seconds aligned, thresholds judged again.',
  options: [
    ...RUN_OPTIONS.filter((spec) => MERGE_OPTION_NAMES.includes(spec.name)),
    ...CI_OPTIONS.filter((spec) => spec.name === 'junit' || spec.name === 'summary'),
    HELP_OPTION,
  ],
  notes: ['Exit codes: 0 passed, 1 an error threshold broke on the merged run, 2 the files are not the shards of one run, 3 a shard\'s result is missing (the others are merged and written).'],
  examples: ['loadlens merge shard1.json shard2.json shard3.json --json run.json --html run.html'],
};

export function runMerge(argv: readonly string[]): ExitCode {
  const args = parseArgs(argv, MERGE_HELP.options, 'merge');
  if (args.flags.has('help')) {
    process.stdout.write(formatCommandHelp(MERGE_HELP));
    return ExitCode.ok;
  }
  const files = args.positionals;
  if (files.length === 0) throw new UsageError('which results? Usage: loadlens merge SHARD1.json SHARD2.json... --json MERGED.json.');
  const targets = reportTargets(args);
  if (targets.json === undefined) throw new UsageError('merge writes the joined result: give --json FILE (and --html, --csv, --junit as you like).');
  const ci = toCiSettings(args);
  const outcome = mergeShardResults(files.map((file) => ({ label: file, result: readResultFile(file) })));
  if (!outcome.ok) throw new CliFailure(`${outcome.message}. Nothing was written.`, ExitCode.usage);
  for (const file of files) prepareReportPaths(targets, file);
  const style = createStyle(wantsColor(process.stdout, process.env));
  for (const warning of outcome.warnings) process.stderr.write(`loadlens: warning: ${escapeControls(warning)}\n`);
  if (!args.flags.has('quiet')) process.stdout.write(renderSummary(outcome.result, style));
  process.stdout.write(renderCertificateWarning(outcome.result, style));
  const written = [...writeReports(outcome.result, targets), ...writeCiReports(outcome.result, ci, undefined, undefined, {})];
  const paths = formatWrittenReports(written);
  if (paths) process.stdout.write(`\n${paths}`);
  // A shard's load is missing: the run was not made in full, as when a coordinated run loses one.
  if ((outcome.result.joined?.missing.length ?? 0) > 0) return ExitCode.runFailed;
  return brokeErrorThreshold(outcome.result) ? ExitCode.thresholdBroken : ExitCode.ok;
}

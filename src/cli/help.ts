// Help texts: one screen per subcommand, generated from the option specs so they never drift.

import { optionLabel, type OptionSpec } from './args';

export interface CommandHelp {
  usage: string;
  summary: string;
  options: readonly OptionSpec[];
  examples: readonly string[];
  notes?: readonly string[];
}

export const HELP_OPTION: OptionSpec = { name: 'help', short: 'h', description: 'show this help' };

export function formatCommandHelp(help: CommandHelp): string {
  const rows = help.options.map((spec) => [spec.value ? `${optionLabel(spec)} ${spec.value}` : optionLabel(spec), spec.description] as const);
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = [`Usage: ${help.usage}`, '', help.summary, '', 'Options:'];
  for (const [label, description] of rows) lines.push(`  ${label.padEnd(width)}  ${description}`);
  if (help.notes?.length) lines.push('', ...help.notes);
  lines.push('', 'Examples:', ...help.examples.map((example) => `  ${example}`));
  return lines.join('\n') + '\n';
}

export function formatMainHelp(version: string): string {
  return [
    `loadlens ${version}: HTTP load tests from *.load.http files, with Locust's flags and reports.`,
    '',
    'Usage:',
    '  loadlens run SCENARIO.load.http [options]     run a scenario headless',
    '  loadlens check SCENARIO.load.http...          parse and validate; print diagnostics; run nothing',
    '  loadlens report RESULT.json --html F --csv P  write reports again from a saved result',
    '  loadlens import curl|har|openapi|postman SOURCE [-o OUT.load.http]   a scenario from what you have',
    '  loadlens compare BASE.json NEW.json           compare two saved results (changes and their significance)',
    '  loadlens merge SHARD.json... --json F         join the results of one run\'s shards (run --shard I/N)',
    '  loadlens coordinate SCENARIO --shards N --listen HOST:PORT   one run on N machines (run --join URL), live',
    '  loadlens kubernetes SCENARIO --shards N       the Kubernetes YAML of such a run',
    '',
    '  loadlens COMMAND --help   the options of a command',
    '  loadlens --version        the version',
    '',
    'Exit codes: 0 passed, 1 an error threshold broke, 2 usage or scenario error (nothing sent),',
    '            3 the run could not be carried out.',
    '',
    'Example:',
    '  loadlens run examples/quick-test.load.http -u 50 -r 5 -t 2m --html quick_test.html --csv results',
    '',
  ].join('\n');
}

// `loadlens compare BASE.json NEW.json`: two saved results side by side with the change of each
// metric and whether it is larger than the runs' noise (src/core/comparison, docs/compare.md).
// Exit 0, or 1 when a `--threshold` rule breaks on the new run.

import { evaluateRulesOnEveryTarget } from '../../core/analysis';
import { compareResults, type Comparison } from '../../core/comparison';
import { COMPARISON_HEADERS, comparisonCells } from '../../core/comparison/cells';
import { comparisonMarkdown, type ComparisonReport } from '../../core/comparison/markdown';
import type { Threshold } from '../../core/scenario/model';
import { parseThresholdRule } from '../../core/scenario';
import { parseArgs, type ParsedArgs } from '../args';
import { ExitCode, UsageError } from '../exit-codes';
import { createStyle, wantsColor, type Style } from '../format';
import { formatCommandHelp, HELP_OPTION, type CommandHelp } from '../help';
import { writeOutputFile } from '../report-files';
import { readResultFile } from '../result-file';
import { renderThresholds } from '../summary';
import { renderTable, type Column } from '../table';

export const COMPARE_HELP: CommandHelp = {
  usage: 'loadlens compare BASE.json NEW.json [--threshold RULE]... [--json FILE] [--markdown FILE]',
  summary:
    'Compare two results saved with `loadlens run --json`: per request name and for the aggregate,\n' +
    'count, RPS, median, p95, p99, max and errors side by side, each change marked when it is\n' +
    'larger than the noise of the two runs. Exit 0, or 1 when a --threshold rule breaks.',
  options: [
    { name: 'threshold', value: 'RULE', description: 'a rule judged on the new run, repeatable: p95 < baseline + 10%, errors < baseline + 0.5%' },
    { name: 'json', value: 'FILE', description: 'write the comparison as JSON' },
    { name: 'markdown', value: 'FILE', description: 'write the comparison as Markdown (for a pull request or a CI job page)' },
    { name: 'min-change', value: 'PCT', description: 'smallest change that may be called significant, in %, for every metric (default: median 5, p95 15, p99 30, RPS 10)' },
    HELP_OPTION,
  ],
  notes: ['Significance: docs/compare.md. Exit codes: 0 no rule broken, 1 a --threshold rule broke, 2 usage error.'],
  examples: [
    'loadlens compare baseline.json results.json',
    "loadlens compare baseline.json results.json --threshold 'p95 < baseline + 10%' --markdown comparison.md",
  ],
};

function thresholdRules(args: ParsedArgs): Threshold[] {
  return (args.lists.get('threshold') ?? []).map((text) => {
    const parsed = parseThresholdRule(text);
    if (!parsed.ok) throw new UsageError(`--threshold '${text}': ${parsed.message}.`);
    return { ...parsed.rule, scope: 'header' };
  });
}

const COLUMNS: Column[] = COMPARISON_HEADERS.map((title, i) => ({ title, align: i >= 3 && i <= 5 ? 'right' : 'left' }));

export function renderComparison(comparison: Comparison, style: Style): string {
  const cells = comparisonCells([...comparison.rows, comparison.aggregate]);
  // Colour codes would throw the column widths off: lay out the plain text, then colour the last
  // cell (the significance), which ends its line.
  const lines = renderTable(COLUMNS, cells).split('\n');
  return lines
    .map((line, index) => {
      const significance = index >= 2 ? (cells[index - 2]?.[6] ?? '') : '';
      if (significance === '' || !line.endsWith(significance)) return line;
      const paint = significance.includes('worse') ? style.red : significance.includes('better') ? style.green : style.dim;
      return line.slice(0, line.length - significance.length) + paint(significance);
    })
    .join('\n');
}

function minimumChange(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const text = raw.endsWith('%') ? raw.slice(0, -1) : raw;
  const value = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
  if (!(value >= 0 && value < 1000)) throw new UsageError(`--min-change takes a percentage such as 10 or 10%, got '${raw}'.`);
  return value / 100;
}

export function runCompare(argv: readonly string[]): ExitCode {
  const args = parseArgs(argv, COMPARE_HELP.options, 'compare');
  if (args.flags.has('help')) {
    process.stdout.write(formatCommandHelp(COMPARE_HELP));
    return ExitCode.ok;
  }
  if (args.positionals.length !== 2) {
    throw new UsageError(`\`loadlens compare\` takes two results, the base then the new one, got ${args.positionals.length}. Usage: ${COMPARE_HELP.usage}`);
  }
  const [basePath = '', newPath = ''] = args.positionals;
  const rules = thresholdRules(args);
  const base = readResultFile(basePath, 'base result');
  const next = readResultFile(newPath, 'new result');
  const comparison = compareResults(base, next, { minimumChange: minimumChange(args.values.get('min-change')) });
  const warnings: string[] = [];
  if (!comparison.sameScenario) {
    warnings.push(`the two results come from different scenarios (${base.scenario.path} ${base.scenario.hash.slice(0, 12)}, ${next.scenario.path} ${next.scenario.hash.slice(0, 12)}): requests are matched by name and method.`);
  }
  const thresholds = evaluateRulesOnEveryTarget(rules, next, base);
  const report: ComparisonReport = { comparison, thresholds, warnings };

  const style = createStyle(wantsColor(process.stdout, process.env));
  for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
  const sections = [`Base ${basePath}  →  new ${newPath}`, renderComparison(comparison, style)];
  if (rules.length > 0) sections.push(renderThresholds(thresholds, style));
  sections.push(style.dim(comparison.method));
  process.stdout.write(`${sections.join('\n\n')}\n`);

  const json = args.values.get('json');
  if (json !== undefined) writeOutputFile(json, `${JSON.stringify(report, null, 2)}\n`);
  const markdown = args.values.get('markdown');
  if (markdown !== undefined) writeOutputFile(markdown, comparisonMarkdown(report));
  return thresholds.some((v) => !v.passed && v.severity === 'error') ? ExitCode.thresholdBroken : ExitCode.ok;
}

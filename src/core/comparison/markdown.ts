// `loadlens compare --markdown`: the comparison as Markdown for a pull request or a CI job page.
import { describeVerdictValue, targetLabel as verdictTargetName } from '../present/verdicts';
import type { ThresholdVerdict } from '../metrics/result';
import { escapeMarkdown, inlineCode, markdownTable } from '../report/markdown';
import { COMPARISON_HEADERS, comparisonCells, formatChange, METRIC_LABELS, regressions } from './cells';
import type { Comparison } from './compare-results';

export interface ComparisonReport {
  comparison: Comparison;
  /** Verdicts of the `--threshold` rules on the new run. */
  thresholds: readonly ThresholdVerdict[];
  warnings: readonly string[];
}

function headline(report: ComparisonReport): string {
  const broken = report.thresholds.filter((v) => !v.passed && v.severity === 'error').length;
  const worse = regressions([...report.comparison.rows, report.comparison.aggregate]).length;
  if (broken > 0) return `**Failed:** ${broken} threshold verdict${broken === 1 ? '' : 's'} broken.`;
  if (worse > 0) return `**${worse} significant regression${worse === 1 ? '' : 's'}**, no threshold broken.`;
  return '**No significant regression.**';
}

function thresholdLines(thresholds: readonly ThresholdVerdict[]): string[] {
  if (thresholds.length === 0) return [];
  const lines = ['', '### Thresholds', ''];
  for (const verdict of thresholds) {
    const mark = verdict.passed ? '✅' : verdict.severity === 'error' ? '❌' : '⚠️';
    lines.push(`- ${mark} ${inlineCode(verdict.rule)} on ${escapeMarkdown(verdictTargetName(verdict))}: ${escapeMarkdown(describeVerdictValue(verdict))}`);
  }
  return lines;
}

export function comparisonMarkdown(report: ComparisonReport): string {
  const { comparison } = report;
  const lines = [
    '## Loadlens comparison',
    '',
    `Base: ${inlineCode(comparison.base.path)} (${new Date(comparison.base.startTime).toISOString()}) · New: ${inlineCode(comparison.next.path)} (${new Date(comparison.next.startTime).toISOString()})`,
    '',
    headline(report),
  ];
  for (const warning of report.warnings) lines.push('', `> ⚠️ ${escapeMarkdown(warning)}`);
  const worse = regressions([...comparison.rows, comparison.aggregate]);
  if (worse.length > 0) {
    lines.push('', '### Regressions', '');
    for (const { row, change } of worse) lines.push(`- ${escapeMarkdown(row.name)}: ${METRIC_LABELS[change.metric]} ${escapeMarkdown(formatChange(change))}`);
  }
  lines.push(...thresholdLines(report.thresholds));
  lines.push('', '### Changes', '', markdownTable(COMPARISON_HEADERS, comparisonCells([...comparison.rows, comparison.aggregate]), 'llrrrrl'));
  lines.push('', `<sub>${escapeMarkdown(comparison.method)}</sub>`, '');
  return lines.join('\n');
}

// `--summary FILE.md` and $GITHUB_STEP_SUMMARY: the run as Markdown for a pull request or a CI
// job page: the verdict, the stats table, broken thresholds, the change against a baseline and
// the insights. Every name from the scenario or the server is escaped (./markdown.ts).
import { formatCount, formatMs, formatPercent, formatRate } from '../present/numbers';
import { describeVerdictValue, targetLabel as verdictTargetName } from '../present/verdicts';
import { describeMissingShard } from '../present/shards';
import { formatDuration } from '../present/time';
import { COMPACT_HEADERS, compactComparisonCells } from '../comparison/cells';
import type { Comparison } from '../comparison/compare-results';
import type { EndpointStats, RunResult } from '../metrics/result';
import { overallVerdict } from './html/summary';
import { escapeMarkdown, inlineCode, markdownTable } from './markdown';

export interface SummaryExtras {
  comparison?: Comparison;
  baselineLabel?: string;
}

const VERDICT_ICON = { pass: '✅', warn: '⚠️', fail: '❌', none: 'ℹ️' } as const;

function statsCells(stats: EndpointStats): string[] {
  const time = (value: number | undefined) => (stats.requests > 0 && value !== undefined ? formatMs(value) : '-');
  return [
    stats.method,
    stats.name,
    formatCount(stats.requests),
    stats.requests > 0 ? `${formatCount(stats.failures)} (${formatPercent((stats.failures / stats.requests) * 100)})` : '0',
    time(stats.medianMs),
    time(stats.percentiles['95']),
    time(stats.percentiles['99']),
    time(stats.maxMs),
    formatRate(stats.rps),
  ];
}

export function summaryMarkdown(result: RunResult, extras: SummaryExtras = {}): string {
  const verdict = overallVerdict(result);
  const lines = [
    `## ${VERDICT_ICON[verdict.kind]} Loadlens: ${escapeMarkdown(verdict.text)}`,
    '',
    `${inlineCode(result.scenario.path)} · ${formatDuration(result.endTime - result.startTime)} · ${formatCount(result.aggregate.requests)} requests · ${formatRate(result.aggregate.rps)} req/s · ${formatPercent(result.aggregate.requests > 0 ? (result.aggregate.failures / result.aggregate.requests) * 100 : 0)} failed`,
    '',
    markdownTable(
      ['Type', 'Name', '# reqs', '# fails', 'Median', 'p95', 'p99', 'Max', 'RPS'],
      [...result.endpoints.map(statsCells), statsCells({ ...result.aggregate, name: 'Aggregated' })],
      'llrrrrrrr',
    ),
  ];
  const missing = result.joined?.missing ?? [];
  if (missing.length > 0) {
    lines.push('', '### Missing shards', '');
    for (const gap of missing) lines.push(`- ⚠️ ${escapeMarkdown(describeMissingShard(gap, result.joined?.shards ?? 0))}`);
  }
  const broken = result.thresholds.filter((v) => !v.passed);
  lines.push('', '### Thresholds', '');
  if (result.thresholds.length === 0) lines.push('No threshold was checked.');
  else if (broken.length === 0) lines.push(`All ${result.thresholds.length} threshold verdicts passed.`);
  for (const v of broken) {
    lines.push(`- ${v.severity === 'error' ? '❌' : '⚠️'} ${inlineCode(v.rule)} on ${escapeMarkdown(verdictTargetName(v))}: ${escapeMarkdown(describeVerdictValue(v))}`);
  }
  if (extras.comparison) {
    const against = extras.baselineLabel ? ` ${inlineCode(extras.baselineLabel)}` : '';
    lines.push('', `### Change against the baseline${against}`, '');
    if (!extras.comparison.sameScenario) lines.push('> ⚠️ The baseline comes from a different version of the scenario: requests are matched by name and method.', '');
    lines.push(markdownTable(COMPACT_HEADERS, compactComparisonCells([...extras.comparison.rows, extras.comparison.aggregate]), 'llrrrrrr'));
    lines.push('', `▲/▼: larger than the noise of the two runs. <sub>${escapeMarkdown(extras.comparison.method)}</sub>`);
  }
  if (result.insights.length > 0) {
    lines.push('', '### Insights', '');
    for (const insight of result.insights) lines.push(`- **${insight.severity}** ${escapeMarkdown(insight.message)}`);
  }
  return `${lines.join('\n')}\n`;
}

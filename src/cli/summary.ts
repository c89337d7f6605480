// The end-of-run summary: Locust's statistics table with the aggregate row, the failures table,
// each threshold's verdict and the insights.

import { certificateFailureAdvice } from '../core/present/failure-words';
import { withoutCredentials } from '../core/report/credentials';
import { parseThresholdRule } from '../core/scenario';
import type { EndpointStats, Insight, RunResult, ThresholdVerdict } from '../core/metrics/result';
import { describeCheckOutcome, describeMissingShard, describeVerdictValue, formatMetricValue, formatClock as clock, formatCount as count, formatErrorShare, formatRate, statsCellText, statsRowFromEndpoint, type StatsColumn } from '../core/present';
import { escapeControls, type Style } from './format';
import { renderTable, type Column, type Row } from './table';

const STATS_COLUMNS: Column[] = [
  { title: 'Type', align: 'left' },
  { title: 'Name', align: 'left' },
  { title: '# reqs', align: 'right' },
  { title: '# fails', align: 'right' },
  { title: 'Median', align: 'right' },
  { title: 'Average', align: 'right' },
  { title: 'Min', align: 'right' },
  { title: 'Max', align: 'right' },
  { title: 'p95', align: 'right' },
  { title: 'p99', align: 'right' },
  { title: 'RPS', align: 'right' },
];

const CELLS: readonly StatsColumn[] = ['method', 'name', 'requests', 'failures', 'medianMs', 'meanMs', 'minMs', 'maxMs', 'p95Ms', 'p99Ms', 'rps'];

function statsRow(stats: EndpointStats): string[] {
  const row = statsRowFromEndpoint(stats);
  return CELLS.map((column) =>
    column === 'failures' ? `${statsCellText(row, column)} (${formatErrorShare(row.requests, row.failures)})` : statsCellText(row, column),
  );
}

export function renderStatsTable(result: RunResult): string {
  const rows: Row[] = [...result.endpoints.map(statsRow), 'rule', statsRow({ ...result.aggregate, name: 'Aggregated' })];
  return `Response times in ms\n${renderTable(STATS_COLUMNS, rows)}`;
}

export function renderFailuresTable(result: RunResult): string {
  if (result.failures.length === 0) return 'Failures: none';
  const sorted = [...result.failures].sort((a, b) => b.occurrences - a.occurrences);
  const table = renderTable(
    [
      { title: '# occurrences', align: 'right' },
      { title: 'Method', align: 'left' },
      { title: 'Name', align: 'left' },
      { title: 'Error', align: 'left' },
    ],
    sorted.map((row) => [count(row.occurrences), row.method, row.name, row.error]),
  );
  return `Failures\n${table}`;
}

/** The measured value in the rule's unit: `6.1 ms`, `2.5%`, `41.3/s`. */
function actualText(verdict: ThresholdVerdict): string {
  if (verdict.requests === 0) return 'no requests';
  if (verdict.limit !== undefined) return describeVerdictValue(verdict);
  const parsed = parseThresholdRule(verdict.rule);
  return parsed.ok ? formatMetricValue(parsed.rule.metric, verdict.actual) : count(verdict.actual);
}

const targetName = (verdict: ThresholdVerdict) => (verdict.target === 'aggregate' ? 'Aggregated' : escapeControls(verdict.target));

/** The verdict furthest from the limit, for a rule that every target passed. */
function closestToLimit(verdicts: ThresholdVerdict[]): ThresholdVerdict | undefined {
  const measured = verdicts.filter((v) => v.requests > 0);
  const lowerIsBetter = !/\s>=?\s/.test(verdicts[0]?.rule ?? '');
  return measured.reduce<ThresholdVerdict | undefined>(
    (worst, v) => (!worst || (lowerIsBetter ? v.actual > worst.actual : v.actual < worst.actual) ? v : worst),
    undefined,
  );
}

/**
 * One line per rule when every target passes (with the value closest to its limit), one line per
 * failing target otherwise: a run with many requests stays readable.
 */
export function renderThresholds(verdicts: readonly ThresholdVerdict[], style: Style): string {
  if (verdicts.length === 0) return 'Thresholds: none';
  const groups = new Map<string, ThresholdVerdict[]>();
  for (const verdict of verdicts) {
    const key = `${verdict.rule}\u0000${verdict.severity}\u0000${verdict.ruleLine ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), verdict]);
  }
  const usesDefaults = verdicts.every((v) => v.isDefault);
  const ruleOf = (verdict: ThresholdVerdict) => escapeControls(verdict.rule);
  const ruleWidth = Math.max(...[...groups.values()].map((group) => ruleOf(group[0] as ThresholdVerdict).length));
  const lines = [usesDefaults ? 'Thresholds (defaults: the file has no # @threshold)' : 'Thresholds'];
  for (const group of groups.values()) {
    const first = group[0] as ThresholdVerdict;
    const label = ruleOf(first).padEnd(ruleWidth);
    const failed = group.filter((v) => !v.passed);
    if (failed.length === 0) {
      const worst = closestToLimit(group);
      const detail = worst ? `  ${group.length === 1 ? targetName(worst) : `all ${group.length} pass, closest`}: ${actualText(worst)}${group.length > 1 ? ` (${targetName(worst)})` : ''}` : '';
      lines.push(`  ${style.green('✓')} ${label}${detail}`);
      continue;
    }
    const mark = first.severity === 'error' ? style.red('✗') : style.yellow('✗');
    for (const verdict of failed) lines.push(`  ${mark} ${label}  ${targetName(verdict)}: ${actualText(verdict)}`);
    const passing = group.length - failed.length;
    if (passing > 0) lines.push(`    ${' '.repeat(ruleWidth)}  ${style.dim(`${passing} other target${passing === 1 ? '' : 's'} pass`)}`);
  }
  return lines.join('\n');
}

export function renderInsights(insights: readonly Insight[], style: Style): string {
  if (insights.length === 0) return '';
  const color = { critical: style.red, warning: style.yellow, info: style.dim } as const;
  const lines = insights.map((insight) => {
    const where = insight.target && !insight.message.includes(insight.target) ? `${insight.target}: ` : '';
    return `  ${color[insight.severity](insight.severity.padEnd(8))} ${escapeControls(where + insight.message)}`;
  });
  return ['Insights', ...lines].join('\n');
}

export function renderHeadline(result: RunResult): string {
  const duration = clock(result.endTime - result.startTime);
  const peakUsers = Math.max(0, ...result.intervals.map((interval) => interval.users));
  const how =
    result.outcome === 'completed'
      ? `Run completed in ${duration}`
      : result.outcome === 'stopped'
        ? `Run stopped after ${duration}`
        : `Run aborted after ${duration} by threshold \`${escapeControls(result.abortedBy ?? '?')}\``;
  const facts = [
    `${count(peakUsers)} ${peakUsers === 1 ? 'user' : 'users'} at peak`,
    `${count(result.aggregate.requests)} requests`,
    `${formatRate(result.aggregate.rps)} req/s`,
    `${formatErrorShare(result.aggregate.requests, result.aggregate.failures)} failed`,
  ];
  if (result.dropped > 0) facts.push(`${count(result.dropped)} arrivals dropped`);
  return `${how} · ${facts.join(' · ')}${result.host ? ` · ${escapeControls(withoutCredentials(result.host))}` : ''}`;
}

/** Requests the file holds but the run did not load-test, so that no one reads their absence as a pass. */
export function renderSkipped(result: RunResult, style: Style): string {
  const skipped = result.skipped ?? [];
  if (skipped.length === 0) return '';
  const lines = skipped.map((request) => `  ${style.yellow('-')} line ${request.line}: ${request.name}: ${request.reason}`);
  return [`Skipped (not load-tested): ${skipped.length}`, ...lines].join('\n');
}

/** A joined run's shards that are missing, each with the seconds it lacks (docs/scale-out.md). */
export function renderMissingShards(result: RunResult, style: Style): string {
  const joined = result.joined;
  if (!joined || joined.missing.length === 0) return '';
  return joined.missing.map((gap) => `${style.yellow('missing:')} ${describeMissingShard(gap, joined.shards)}`).join('\n');
}

/** Each `??` check: how often it ran and failed, and the top reasons (the failures table shows only the first failing check of a request). */
export function renderChecks(result: RunResult, style: Style): string {
  const checks = result.checks ?? [];
  if (checks.length === 0) return '';
  const lines = checks.map((check) => {
    const mark = check.failed > 0 ? style.red('✗') : style.green('✓');
    return `  ${mark} line ${check.line}: ${escapeControls(check.name)}: ?? ${escapeControls(check.check)}: ${escapeControls(describeCheckOutcome(check))}`;
  });
  return [`Checks: ${checks.length}`, ...lines].join('\n');
}

/** Everything printed after a run (or by `report`), sections separated by blank lines. */
export function renderSummary(result: RunResult, style: Style): string {
  const sections = [
    style.bold(renderHeadline(result)),
    renderStatsTable(result),
    renderFailuresTable(result),
    renderChecks(result, style),
    renderThresholds(result.thresholds, style),
    renderInsights(result.insights, style),
    renderSkipped(result, style),
    renderMissingShards(result, style),
  ];
  return sections.filter((section) => section !== '').join('\n\n') + '\n';
}

/**
 * The `warning:` paragraph printed after a result's summary (`run`, `report`, `merge`,
 * `coordinate`) when requests failed on the server's certificate: how many, and how to accept it,
 * in the words VS Code shows (src/core/present/failure-words.ts); '' when none did. No flag says
 * whether the run checked certificates, and none is needed (a result file does not record
 * `--insecure`): with checks off no request fails on a certificate.
 */
export function renderCertificateWarning(result: RunResult, style: Style): string {
  const advice = certificateFailureAdvice(result.failures);
  return advice === undefined ? '' : `\n${style.yellow('warning:')} ${advice}\n`;
}

/** True when the run must exit 1: an `error` rule broken at the end, or an abort by a rule. */
export function brokeErrorThreshold(result: RunResult): boolean {
  return result.outcome === 'aborted' || result.thresholds.some((v) => !v.passed && v.severity === 'error');
}

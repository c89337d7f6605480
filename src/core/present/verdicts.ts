// The one-line verdict of a run's thresholds, for the status bar and the panel's heading.
// Counted per rule, not per (rule, target) verdict: `4/4 thresholds` means the four rules the
// user wrote (or the four defaults), and a rule is broken when any request or the aggregate breaks it.
import type { ThresholdVerdict } from '../metrics/result';
import type { ThresholdMetric } from '../scenario/model';
import { parseThresholdRule } from '../scenario/thresholds';
import { countOf, formatCount, formatMs, formatPercent, formatRate } from './numbers';

export interface VerdictSummary {
  /** Distinct rules evaluated. */
  total: number;
  /** Rules broken by at least one target. */
  broken: number;
  /** Broken rules of severity `error` (what makes the CLI exit 1). */
  brokenErrors: number;
}

/** One rule: the same text on the same line (two requests may each write `p95 < 300ms`). */
export function ruleKey(verdict: ThresholdVerdict): string {
  return `${verdict.rule}\u0000${verdict.ruleLine ?? (verdict.isDefault ? 'default' : 'none')}`;
}

export function summarizeVerdicts(verdicts: readonly ThresholdVerdict[]): VerdictSummary {
  const rules = new Map<string, { broken: boolean; severity: ThresholdVerdict['severity'] }>();
  for (const verdict of verdicts) {
    const key = ruleKey(verdict);
    const known = rules.get(key);
    rules.set(key, { broken: (known?.broken ?? false) || !verdict.passed, severity: verdict.severity });
  }
  const all = [...rules.values()];
  const broken = all.filter((rule) => rule.broken);
  return { total: all.length, broken: broken.length, brokenErrors: broken.filter((rule) => rule.severity === 'error').length };
}

/** `✓ 4/4 thresholds`, `✗ 2 thresholds broken`, `✗ 1 threshold broken`; undefined when there were none. */
export function verdictText(summary: VerdictSummary): string | undefined {
  if (summary.total === 0) return undefined;
  if (summary.broken === 0) return `✓ ${summary.total}/${summary.total} threshold${summary.total === 1 ? '' : 's'}`;
  return `✗ ${summary.broken} threshold${summary.broken === 1 ? '' : 's'} broken`;
}

/** The target as a user reads it: a request's stats name, or Locust's `Aggregated`. */
export function targetLabel(verdict: ThresholdVerdict): string {
  return verdict.target === 'aggregate' ? 'Aggregated' : verdict.target;
}

/** A rule's metric in its own unit: `812 ms`, `0.14%`, `38/s`. */
export function formatMetricValue(metric: ThresholdMetric, value: number): string {
  switch (metric.kind) {
    case 'errors':
      return formatPercent(value);
    case 'rps':
      return `${formatRate(value)}/s`;
    default:
      return formatMs(value);
  }
}

/**
 * The measured value against the limit, with the comparison that actually holds:
 * `p95 812 ms > 500 ms`, `errors 0.4% < 1%`, `rps 38/s < 100/s`. The rule's own text when it cannot
 * be read (a rule this version does not know), so that a verdict is never lost for lack of words.
 */
export function measuredAgainstLimit(verdict: ThresholdVerdict): string {
  const parsed = parseThresholdRule(verdict.rule);
  if (!parsed.ok) return `${verdict.rule} (measured ${formatCount(verdict.actual)})`;
  const { metric } = parsed.rule;
  // A rule against a baseline (`p95 < baseline + 10%`) has its limit on the verdict, resolved per target.
  const value = verdict.limit ?? parsed.rule.value;
  const word = verdict.rule.trim().split(/\s*(?:<=|>=|<|>)\s*|\s+/)[0] ?? '';
  const relation = verdict.actual > value ? '>' : verdict.actual < value ? '<' : '=';
  return `${word} ${formatMetricValue(metric, verdict.actual)} ${relation} ${formatMetricValue(metric, value)}`;
}

/**
 * The measured value in the rule's unit, and for a rule against a baseline its limit and the
 * baseline's value: `95 ms`, `95 ms (limit 52.8 ms, baseline 48 ms)`; `no requests` without any.
 */
export function describeVerdictValue(verdict: ThresholdVerdict): string {
  if (verdict.requests === 0) return 'no requests';
  const parsed = parseThresholdRule(verdict.rule);
  const format = (value: number) => (parsed.ok ? formatMetricValue(parsed.rule.metric, value) : formatCount(value));
  const actual = format(verdict.actual);
  if (verdict.limit === undefined || verdict.baseline === undefined) return actual;
  return `${actual} (limit ${format(verdict.limit)}, baseline ${format(verdict.baseline)})`;
}

/** `List hospitals: p95 812 ms > 500 ms (4,812 requests)`: the Problems panel's and the panel's words. */
export function verdictMessage(verdict: ThresholdVerdict): string {
  return `${targetLabel(verdict)}: ${measuredAgainstLimit(verdict)} (${countOf(verdict.requests, 'request')})`;
}

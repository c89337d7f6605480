// Threshold rules: `METRIC OP VALUE [warn|error] [abort]` (docs/scenario-format.md, Thresholds).
import type { Threshold, ThresholdMetric, ThresholdOp } from './model';
import { hasDurationUnit, parseDuration, parseNumber, parseRate } from './durations';
import { closestMatch } from './suggest';
import { quote } from './ranges';

export type ThresholdParse = { ok: true; rule: Omit<Threshold, 'range' | 'scope'> } | { ok: false; message: string };

/** METRIC, OP and the rest; the metric and op may be written without spaces (`p95<500ms`). */
const RULE_SHAPE = /^([A-Za-z][A-Za-z0-9.]*)\s*(<=|>=|<|>)\s*(.*)$/;
const METRIC_NAMES = ['avg', 'min', 'max', 'median', 'p50', 'p90', 'p95', 'p99', 'errors', 'rps'];
const EXAMPLE = 'e.g. p95 < 500ms, errors < 1% warn, rps > 100';

function parseThresholdMetric(word: string): ThresholdMetric | undefined {
  switch (word) {
    case 'avg':
    case 'min':
    case 'max':
    case 'errors':
    case 'rps':
      return { kind: word };
    case 'median':
      return { kind: 'percentile', percentile: 50 };
  }
  if (!/^p\d+(?:\.\d+)?$/.test(word)) return undefined;
  const percentile = Number(word.slice(1));
  return percentile > 0 && percentile <= 100 ? { kind: 'percentile', percentile } : undefined;
}

function unknownMetric(word: string): string {
  const close = closestMatch(word, METRIC_NAMES);
  const hint = close ? `did you mean ${quote(close)}? ` : '';
  return `unknown metric ${quote(word)}: ${hint}use avg, min, max, median, pN (p95, p99.9), errors or rps`;
}

/** The value in the unit its metric takes: milliseconds, percent, or requests per second. */
function parseValue(metric: ThresholdMetric, word: string, text: string): number | string {
  if (metric.kind === 'errors') {
    const percent = word.endsWith('%') ? parseNumber(word.slice(0, -1)) : undefined;
    if (percent === undefined) return `errors takes a percentage, not ${quote(word)}: write e.g. errors < 1%`;
    if (percent > 100) return `${quote(word)} is more than 100%`;
    return percent;
  }
  if (metric.kind === 'rps') {
    const rps = parseNumber(word) ?? parseRate(word);
    if (rps === undefined) return `rps takes a number of requests per second, not ${quote(word)}: write e.g. rps > 100`;
    return rps;
  }
  const metricName = text.split(/[\s<>=]/, 1)[0] ?? '';
  if (word.endsWith('%')) return `${metricName} takes a duration, not a percentage ${quote(word)}: write e.g. ${metricName} < 500ms`;
  if (parseNumber(word) !== undefined) return `${quote(word)} needs a unit: write ${word}ms or ${word}s`;
  const ms = hasDurationUnit(word) ? parseDuration(word) : undefined;
  if (ms === undefined) return `${metricName} takes a duration, not ${quote(word)}: write e.g. 500ms or 1s`;
  return ms;
}

/** `p95 < 500ms warn abort` -> the rule (range/scope filled by caller), or why it is wrong. */
export function parseThresholdRule(text: string): ThresholdParse {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: `empty threshold: write METRIC OP VALUE, ${EXAMPLE}` };
  const shape = RULE_SHAPE.exec(trimmed);
  if (!shape) return { ok: false, message: `cannot read threshold ${quote(trimmed)}: write METRIC OP VALUE, ${EXAMPLE}` };
  const [, metricWord = '', op = '<', rest = ''] = shape;
  const metric = parseThresholdMetric(metricWord);
  if (!metric) return { ok: false, message: unknownMetric(metricWord) };
  const words = rest.split(/\s+/).filter((w) => w !== '');
  const valueWord = words[0];
  if (valueWord === undefined) return { ok: false, message: `threshold ${quote(trimmed)} has no value: ${EXAMPLE}` };
  const value = parseValue(metric, valueWord, trimmed);
  if (typeof value === 'string') return { ok: false, message: value };
  let severity: 'error' | 'warn' | undefined;
  let abort = false;
  for (const flag of words.slice(1)) {
    if (flag === 'warn' || flag === 'error') {
      if (severity !== undefined) return { ok: false, message: `threshold ${quote(trimmed)} has two severities: keep one of warn or error` };
      severity = flag;
    } else if (flag === 'abort') {
      if (abort) return { ok: false, message: `threshold ${quote(trimmed)} says abort twice` };
      abort = true;
    } else {
      return { ok: false, message: `unexpected ${quote(flag)} in threshold: after the value only warn, error or abort may follow` };
    }
  }
  return { ok: true, rule: { text: trimmed, metric, op: op as ThresholdOp, value, severity: severity ?? 'error', abort } };
}

// Threshold rules: `METRIC OP VALUE [warn|error] [abort]` (docs/scenario-checks.md, Thresholds).
import type { Threshold, ThresholdMetric, ThresholdOp } from './model';
import { hasDurationUnit, parseDuration, parseNumber, parseRate } from './durations';
import { closestMatch } from './suggest';
import { quote } from './ranges';

export type ThresholdParse = { ok: true; rule: Omit<Threshold, 'range' | 'scope'> } | { ok: false; message: string };

/** METRIC, OP and the rest; the metric and op may be written without spaces (`p95<500ms`). */
const RULE_SHAPE = /^([A-Za-z][A-Za-z0-9.]*)\s*(<=|>=|<|>)\s*(.*)$/;
const METRIC_NAMES = ['avg', 'min', 'max', 'median', 'p50', 'p90', 'p95', 'p99', 'errors', 'rps'];
const EXAMPLE = 'e.g. p95 < 500ms, errors < 1% warn, rps > 100';
/** `baseline`, then an optional signed offset, then the flags: `baseline + 10% warn`. */
const BASELINE_SHAPE = /^baseline(?![A-Za-z0-9_.])\s*(?:([+-])\s*(\S+))?(.*)$/;
const BASELINE_EXAMPLE = 'e.g. p95 < baseline + 10%, p99 < baseline + 50ms, errors < baseline + 0.5%, rps > baseline - 5%';

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

type Offset = { value: number; relative: boolean } | string;

/**
 * The offset after `baseline +`/`-`: a percentage is relative to the baseline's value for latency
 * and rps (`p95 < baseline + 10%`), and percentage points for `errors`, which is itself a
 * percentage (`errors < baseline + 0.5%` allows 1.2% after 0.7%).
 */
function parseBaselineOffset(metric: ThresholdMetric, word: string, text: string): Offset {
  if (metric.kind === 'errors') {
    const value = parseValue(metric, word, text);
    return typeof value === 'string' ? value.replace('write e.g. errors < 1%', 'write e.g. errors < baseline + 0.5%') : { value, relative: false };
  }
  if (word.endsWith('%')) {
    const percent = parseNumber(word.slice(0, -1));
    return percent === undefined ? `cannot read the percentage ${quote(word)}: ${BASELINE_EXAMPLE}` : { value: percent, relative: true };
  }
  const value = parseValue(metric, word, text);
  return typeof value === 'string' ? value : { value, relative: false };
}

/** METRIC OP `baseline [± OFFSET]`, or why it is wrong; the flags are left for the caller. */
function parseBaselineValue(metric: ThresholdMetric, rest: string, text: string): { offset: Offset; flags: string } | undefined {
  const shape = BASELINE_SHAPE.exec(rest);
  if (!shape) return undefined;
  const [, sign, word, flags = ''] = shape;
  if (sign === undefined || word === undefined) {
    if (/^\s*[^\s]/.test(flags) && !/^\s*(warn|error|abort)\b/.test(flags)) {
      return { offset: `cannot read ${quote(flags.trim())} after baseline: write baseline + or - an amount, ${BASELINE_EXAMPLE}`, flags };
    }
    return { offset: { value: 0, relative: false }, flags };
  }
  const offset = parseBaselineOffset(metric, word, text);
  if (typeof offset === 'string') return { offset, flags };
  return { offset: { value: sign === '-' ? -offset.value : offset.value, relative: offset.relative }, flags };
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
  const againstBaseline = parseBaselineValue(metric, rest, trimmed);
  const words = (againstBaseline ? againstBaseline.flags : rest).split(/\s+/).filter((w) => w !== '');
  let value: number | string;
  let flagWords: string[];
  if (againstBaseline) {
    const { offset } = againstBaseline;
    if (typeof offset === 'string') return { ok: false, message: offset };
    value = offset.value;
    flagWords = words;
  } else {
    const valueWord = words[0];
    if (valueWord === undefined) return { ok: false, message: `threshold ${quote(trimmed)} has no value: ${EXAMPLE}` };
    value = parseValue(metric, valueWord, trimmed);
    flagWords = words.slice(1);
  }
  if (typeof value === 'string') return { ok: false, message: value };
  let severity: 'error' | 'warn' | undefined;
  let abort = false;
  for (const flag of flagWords) {
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
  const rule: Omit<Threshold, 'range' | 'scope'> = { text: trimmed, metric, op: op as ThresholdOp, value, severity: severity ?? 'error', abort };
  if (againstBaseline && typeof againstBaseline.offset !== 'string') rule.baseline = { relative: againstBaseline.offset.relative };
  return { ok: true, rule };
}

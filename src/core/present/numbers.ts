// How a count, a latency, a rate and a percentage read wherever a person reads them: the panel,
// the code lenses, the status bar, the Problems panel, the CLI and the HTML report. English
// grouping on purpose (no locale): the numbers are compared with Locust's output and with each
// other across views. docs/reading-numbers.md lists every reading with examples.
// Raw numbers in CSV and JSON files are not formatted here: src/core/report writes them as
// docs/reports.md says.

/** What a view shows where there is no number to show (no requests yet, NaN, Infinity). */
export const NO_VALUE = '–';

const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** At most `digits` decimals, trailing zeros dropped: `1.50` -> `1.5`, `2.0` -> `2`. */
function trimmed(value: number, digits: number): string {
  const fixed = value.toFixed(digits);
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

/**
 * Small values keep two decimals, middling ones one, large ones none (grouped): `0.42`, `4.2`,
 * `312`, `12,300`. Latencies and rates share this so that a figure has one precision everywhere.
 */
function scaled(value: number, oneDecimalBelow: number): string {
  const size = Math.abs(value);
  if (size < 1) return trimmed(value, 2);
  if (size < oneDecimalBelow) return trimmed(value, 1);
  return GROUPED.format(Math.round(value));
}

/** A whole number, grouped: `1234.4` -> `1,234`. */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return NO_VALUE;
  return GROUPED.format(Math.round(value));
}

/** Milliseconds without the unit, for tables whose heading says `(ms)`: `0.42`, `4.2`, `312`, `12,300`. */
export function formatMsNumber(ms: number): string {
  if (!Number.isFinite(ms)) return NO_VALUE;
  return scaled(ms, 10);
}

/**
 * A latency, always in milliseconds (threshold rules and Locust's columns are in ms, so the figure
 * compares with the rule as written): `0.42 ms`, `4.2 ms`, `312 ms`, `12,300 ms`.
 */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return NO_VALUE;
  return `${formatMsNumber(ms)} ms`;
}

/** Requests (or users, or failures) per second without the unit: `0.33`, `12.5`, `75`, `1,234`. */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond)) return NO_VALUE;
  return scaled(perSecond, 100);
}

/**
 * A percentage (already 0-100): `0%`, `<0.01%`, `0.14%`, `2.5%`, `45%`. Two decimals below 1%
 * because the error-rate bands of docs/reports.md (Insights) start at 0.1%; a share that is not zero never reads `0%`.
 */
export function formatPercent(percent: number): string {
  if (!Number.isFinite(percent)) return NO_VALUE;
  if (percent === 0) return '0%';
  const size = Math.abs(percent);
  if (size < 0.005) return `${percent < 0 ? '>-' : '<'}0.01%`;
  if (size < 1) return `${trimmed(percent, 2)}%`;
  if (size < 10) return `${trimmed(percent, 1)}%`;
  return `${GROUPED.format(Math.round(percent))}%`;
}

/** Failed share of all requests in percent; 0 when nothing was sent. */
export function errorPercent(requests: number, failures: number): number {
  return requests > 0 ? (failures / requests) * 100 : 0;
}

/** The failed share as text: `0.14%`. */
export function formatErrorShare(requests: number, failures: number): string {
  return formatPercent(errorPercent(requests, failures));
}

/**
 * `99.95%`: the share that succeeded, two decimals since the interesting success rates all start
 * with 99, and never rounded up to 100% while a request failed.
 */
export function formatSuccessPercent(requests: number, failures: number): string {
  if (requests === 0) return NO_VALUE;
  if (failures === 0) return '100%';
  const percent = Math.floor(((requests - failures) / requests) * 10_000) / 100;
  return `${trimmed(percent, 2)}%`;
}

/** `1 request`, `4,812 requests`. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : plural}`;
}

/** At most `max` characters, with an ellipsis: Locust's error texts can be whole exception reprs. */
export function shorten(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

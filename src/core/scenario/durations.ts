// Durations, rates, counts and think times as the directives write them.
import type { ThinkTime } from './model';
import { quote } from './ranges';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const BARE_NUMBER = /^\d+(?:\.\d+)?$/;
/** One `NUMBER UNIT` step of a compound duration such as `1h30m`; sticky, so it never backtracks. */
const DURATION_STEP = /(\d+(?:\.\d+)?)(ms|s|m|h)/y;

/** `250ms`, `30s`, `5m`, `1h`, `1h30m`, bare seconds `90` or `1.5` -> milliseconds; undefined if malformed. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (BARE_NUMBER.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  DURATION_STEP.lastIndex = 0;
  let total = 0;
  const seen = new Set<string>();
  while (DURATION_STEP.lastIndex < trimmed.length) {
    const step = DURATION_STEP.exec(trimmed);
    if (!step) return undefined;
    const unit = step[2] as string;
    // `5m5m` is more likely a typo than a wish for ten minutes.
    if (seen.has(unit)) return undefined;
    seen.add(unit);
    total += Number(step[1]) * (UNIT_MS[unit] ?? 0);
  }
  return Math.round(total);
}

/** A number with an explicit unit, as thresholds require (`500ms`, `1s`; never a bare `500`). */
export function hasDurationUnit(text: string): boolean {
  return /[a-z]$/.test(text.trim());
}

/** A non-negative decimal number (`10`, `2.5`); undefined otherwise. */
export function parseNumber(text: string): number | undefined {
  const trimmed = text.trim();
  return BARE_NUMBER.test(trimmed) ? Number(trimmed) : undefined;
}

/** A non-negative integer; undefined otherwise. */
export function parseInteger(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** `R/s` (arrivals per second), e.g. `10/s`, `2.5/s`; undefined otherwise. */
export function parseRate(text: string): number | undefined {
  const trimmed = text.trim();
  if (!trimmed.endsWith('/s')) return undefined;
  return parseNumber(trimmed.slice(0, -2));
}

/** `A..B` (uniform between two durations) or a single duration `D`. */
export function parseThink(text: string): ThinkTime | { error: string } {
  const trimmed = text.trim();
  const dots = trimmed.indexOf('..');
  if (dots < 0) {
    const fixed = parseDuration(trimmed);
    return fixed === undefined ? { error: `${quote(trimmed)} is not a duration` } : { minMs: fixed, maxMs: fixed };
  }
  const low = trimmed.slice(0, dots);
  const high = trimmed.slice(dots + 2);
  const minMs = parseDuration(low);
  const maxMs = parseDuration(high);
  if (minMs === undefined) return { error: `${quote(low.trim())} is not a duration` };
  if (maxMs === undefined) return { error: `${quote(high.trim())} is not a duration` };
  if (minMs > maxMs) return { error: `the range ${trimmed} runs backwards: write the shorter time first` };
  return { minMs, maxMs };
}

export const DURATION_HELP = 'write e.g. 250ms, 30s, 5m, 1h30m or a number of seconds';

// Number formatting shared by the panel, the code lenses, the status bar and the diagnostics, so
// that `4,812 requests` or `212 ms` reads the same everywhere. English grouping on purpose: the
// numbers are compared with Locust's and the CLI's output, which do not follow the locale.

const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** `1234.4` -> `1,234`. */
export function formatCount(value: number): string {
  return GROUPED.format(Math.round(value));
}

/** A number with at most `digits` decimals, trailing zeros dropped: `1.50` -> `1.5`, `2.0` -> `2`. */
function trimmed(value: number, digits: number): string {
  const fixed = value.toFixed(digits);
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

/** Milliseconds: one decimal below 10 ms (`3.4 ms`), whole and grouped above (`4,812 ms`). */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  return Math.abs(ms) < 10 ? `${trimmed(ms, 1)} ms` : `${formatCount(ms)} ms`;
}

/** A percentage (already 0-100): `0%`, `0.04%`, `0.4%`, `12%`. */
export function formatPercent(percent: number): string {
  if (!Number.isFinite(percent)) return '–';
  if (percent === 0) return '0%';
  if (Math.abs(percent) < 0.1) return `${trimmed(percent, 2)}%`;
  if (Math.abs(percent) < 10) return `${trimmed(percent, 1)}%`;
  return `${formatCount(percent)}%`;
}

/** Requests per second without the unit: `2.5`, `38`, `1,234`. */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond)) return '–';
  return Math.abs(perSecond) < 10 ? trimmed(perSecond, 1) : formatCount(perSecond);
}

/** Failed share of all requests in percent; 0 when nothing was sent. */
export function errorPercent(requests: number, failures: number): number {
  return requests > 0 ? (failures / requests) * 100 : 0;
}

/** Elapsed time as a clock: `0:42`, `12:05`, `1:02:03`. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${ss}` : `${minutes}:${ss}`;
}

/** A date for headings and history lists, in UTC so that it does not depend on the machine: `2026-11-26 17:45:03 UTC`. */
export function formatTimestamp(unixMs: number): string {
  return `${new Date(unixMs).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

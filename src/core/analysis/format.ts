// Numbers as people read them in insight messages and the HTML report. Deterministic (no locale).

/** `0.42 ms`, `4.2 ms`, `312 ms`, `12.3 s`. */
export function formatMs(ms: number): string {
  if (ms < 1) return `${trimZeros(ms.toFixed(2))} ms`;
  if (ms < 10) return `${trimZeros(ms.toFixed(1))} ms`;
  if (ms < 10_000) return `${Math.round(ms)} ms`;
  return `${trimZeros((ms / 1000).toFixed(1))} s`;
}

/** `0.05%`, `1.2%`, `45%`. */
export function formatPercent(percent: number): string {
  if (percent === 0) return '0%';
  if (percent < 1) return `${trimZeros(percent.toFixed(2))}%`;
  if (percent < 10) return `${trimZeros(percent.toFixed(1))}%`;
  return `${Math.round(percent)}%`;
}

/** `45,000`. */
export function formatCount(count: number): string {
  const [whole = '0', fraction] = String(Math.round(count * 100) / 100).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction ? `${grouped}.${fraction}` : grouped;
}

/** Requests per second: `75`, `12.5`, `0.33`. */
export function formatRate(perSecond: number): string {
  if (perSecond >= 100) return formatCount(Math.round(perSecond));
  if (perSecond >= 10) return trimZeros(perSecond.toFixed(1));
  return trimZeros(perSecond.toFixed(2));
}

/** `45s`, `2m`, `3m 20s`, `1h 5m`. */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const parts: string[] = [];
  if (hours > 0) parts.push(`${hours}h`);
  if (minutes > 0) parts.push(`${minutes}m`);
  if (seconds > 0 || parts.length === 0) parts.push(`${seconds}s`);
  return parts.slice(0, 2).join(' ');
}

function trimZeros(fixed: string): string {
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

/** At most `max` characters, with an ellipsis: Locust's error texts can be whole exception reprs. */
export function shorten(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

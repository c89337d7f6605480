// Number, time and colour formatting for terminal output.

/** `0:12`, `2:00`, `1:05:09`: elapsed times as a stopwatch shows them. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** Milliseconds with the precision that matters: `4.2`, `87`, `1204`. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '-';
  const tenths = Math.round(value * 10) / 10;
  return tenths < 10 ? tenths.toFixed(1) : String(Math.round(value));
}

export function percent(part: number, whole: number): string {
  return whole > 0 ? `${((part / whole) * 100).toFixed(2)}%` : '0.00%';
}

export function count(value: number): string {
  return value.toLocaleString('en-US');
}

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
}

const ansi = (code: number, reset: number) => (text: string) => `\x1b[${code}m${text}\x1b[${reset}m`;

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function createStyle(enabled: boolean): Style {
  if (!enabled) {
    const plain = (text: string) => text;
    return { bold: plain, dim: plain, green: plain, red: plain, yellow: plain };
  }
  return { bold: ansi(1, 22), dim: ansi(2, 22), green: ansi(32, 39), red: ansi(31, 39), yellow: ansi(33, 39) };
}

export function wantsColor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): boolean {
  return Boolean(stream.isTTY) && env.NO_COLOR === undefined && env.TERM !== 'dumb';
}

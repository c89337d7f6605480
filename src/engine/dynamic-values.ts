// The `{{$function ...}}` system variables at send time. Random ones draw from the virtual user's
// seeded generator, so that `@seed` makes them repeat.

import type { Random } from '../core/schedule/random';
import { formatDate } from './date-format';

export { formatDate };

const HEX = '0123456789abcdef';

/** A UUID v4 from the seeded generator. */
export function uuidFrom(random: Random): string {
  let text = '';
  for (let i = 0; i < 32; i++) {
    let nibble = Math.floor(random() * 16);
    if (i === 12) nibble = 4;
    else if (i === 16) nibble = 8 | (nibble & 3);
    text += HEX[nibble];
    if (i === 7 || i === 11 || i === 15 || i === 19) text += '-';
  }
  return text;
}

const UNIT_MS: Record<string, number> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** The widest time a Date holds; an offset beyond it (check reports one) is clamped, never thrown. */
const MAX_TIME = 8.64e15;

function clampTime(time: number, fallback: number): number {
  if (Number.isNaN(time)) return fallback;
  return Math.max(-MAX_TIME, Math.min(MAX_TIME, time));
}

/** `now` moved by `amount unit` as REST Client does (y and M move the calendar), always a valid time. */
export function offsetTime(now: number, args: readonly string[]): number {
  return clampTime(movedTime(now, args), now);
}

function movedTime(now: number, args: readonly string[]): number {
  const [amountText, unit] = args;
  if (amountText === undefined || unit === undefined) return now;
  const amount = Number(amountText);
  if (!Number.isFinite(amount)) return now;
  if (unit === 'y' || unit === 'M') {
    const date = new Date(now);
    if (unit === 'y') date.setUTCFullYear(date.getUTCFullYear() + amount);
    else date.setUTCMonth(date.getUTCMonth() + amount);
    return date.getTime();
  }
  return now + amount * (UNIT_MS[unit] ?? 0);
}

/** `{{$timestamp [offset unit]}}`: Unix seconds. */
export function timestamp(args: readonly string[]): string {
  return String(Math.floor(offsetTime(Date.now(), args) / 1000));
}

/**
 * `{{$datetime iso8601|rfc1123|"FORMAT" [offset unit]}}`; `local` for `$localDatetime`, whose
 * iso8601 carries the machine's offset as REST Client writes it.
 */
export function datetime(args: readonly string[], local = false): string {
  const date = new Date(offsetTime(Date.now(), args.slice(1)));
  const format = args[0] ?? 'iso8601';
  if (format === 'rfc1123') return local ? formatDate(date, 'ddd, DD MMM YYYY HH:mm:ss ZZ', true) : date.toUTCString();
  if (format === 'iso8601') return local ? formatDate(date, 'YYYY-MM-DDTHH:mm:ss.SSSZ', true) : date.toISOString();
  return formatDate(date, format.slice(1, -1), local);
}

/** `.env` text -> variables (KEY=VALUE lines, `#` comments, optional quotes, optional `export`). */
export function parseDotenv(text: string): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([\w.-]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || line.trimStart().startsWith('#')) continue;
    let value = match[2] ?? '';
    const quoted = /^(['"])(.*)\1$/.exec(value);
    if (quoted) value = quoted[2] ?? '';
    else value = value.replace(/\s+#.*$/, '');
    variables[match[1] as string] = value;
  }
  return variables;
}

// Argument rules of the `{{$function ...}}` system variables; a message when they are wrong.
import type { SystemFunction } from './model';
import { quote } from './ranges';

const INTEGER = /^-?\d+$/;
const OFFSET_UNITS = ['y', 'M', 'w', 'd', 'h', 'm', 's', 'ms'];
const DATETIME_FORMATS = ['rfc1123', 'iso8601'];
const QUOTED_FORMAT = /^(["'])[^"']+\1$/;
/** Roughly 100,000 years, per unit: far beyond any real offset, well inside what a Date can hold (±8.64e15 ms). */
const MAX_OFFSET_MS = 100_000 * 365.25 * 86_400_000;
const UNIT_MS: Record<string, number> = { y: 365.25 * 86_400_000, M: 30.5 * 86_400_000, w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

function checkOffset(fn: string, args: string[]): string | undefined {
  if (args.length === 0) return undefined;
  const [amount = '', unit = ''] = args;
  if (args.length !== 2 || !INTEGER.test(amount) || !OFFSET_UNITS.includes(unit)) {
    return `$${fn} takes an optional offset OFFSET UNIT, e.g. -1 d (units: ${OFFSET_UNITS.join(', ')}), not ${quote(args.join(' '))}`;
  }
  if (Math.abs(Number(amount)) * (UNIT_MS[unit] ?? 1) > MAX_OFFSET_MS) {
    return `$${fn}: offset ${amount} ${unit} is out of range: a date can move by up to about 100,000 years`;
  }
  return undefined;
}

function checkDateFormat(fn: string, args: string[]): string | undefined {
  const [format = ''] = args;
  if (!DATETIME_FORMATS.includes(format) && !QUOTED_FORMAT.test(format)) {
    const got = format === '' ? 'none' : `${quote(format)}`;
    return `$${fn} takes a format, iso8601, rfc1123 or a format in quotes, e.g. {{$${fn} iso8601}} or {{$${fn} "DD-MM-YYYY"}}; got ${got}`;
  }
  return checkOffset(fn, args.slice(1));
}

function checkName(fn: string, args: string[]): string | undefined {
  return args.length === 1 ? undefined : `$${fn} takes one variable name, e.g. {{$${fn} API_TOKEN}}`;
}

/** Why these arguments do not fit the function, or undefined when they do. */
export function systemArgumentsProblem(fn: SystemFunction, args: string[]): string | undefined {
  switch (fn) {
    case 'randomInt': {
      // Without arguments, JetBrains' form: an integer in [0, 1000).
      if (args.length === 0) return undefined;
      const [low = '', high = ''] = args;
      const fits = args.length === 2 && INTEGER.test(low) && INTEGER.test(high) && Number(low) < Number(high);
      if (fits) return undefined;
      const given = quote(args.join(' '));
      return `$randomInt takes two integers MIN MAX with MIN < MAX, e.g. {{$randomInt 1 100}}; got ${given}`;
    }
    case 'guid':
    case 'uuid':
      return args.length === 0 ? undefined : `$${fn} takes no arguments: write {{$${fn}}}`;
    case 'timestamp':
      return checkOffset(fn, args);
    case 'datetime':
    case 'localDatetime':
      return checkDateFormat(fn, args);
    case 'isoTimestamp':
      return args.length === 0 ? undefined : '$isoTimestamp takes no arguments: write {{$isoTimestamp}}';
    case 'processEnv':
    case 'dotenv':
      return checkName(fn, args);
  }
}

// Argument rules of the `{{$function ...}}` system variables; a message when they are wrong.
import type { SystemFunction } from './model';
import { quote } from './ranges';

const INTEGER = /^-?\d+$/;
const OFFSET_UNITS = ['y', 'M', 'w', 'd', 'h', 'm', 's', 'ms'];
const DATETIME_FORMATS = ['rfc1123', 'iso8601'];

function checkOffset(fn: string, args: string[]): string | undefined {
  if (args.length === 0) return undefined;
  const [amount = '', unit = ''] = args;
  if (args.length !== 2 || !INTEGER.test(amount) || !OFFSET_UNITS.includes(unit)) {
    return `$${fn} takes an optional offset OFFSET UNIT, e.g. -1 d (units: ${OFFSET_UNITS.join(', ')}), not ${quote(args.join(' '))}`;
  }
  return undefined;
}

function checkName(fn: string, args: string[]): string | undefined {
  return args.length === 1 ? undefined : `$${fn} takes one variable name, e.g. {{$${fn} API_TOKEN}}`;
}

/** Why these arguments do not fit the function, or undefined when they do. */
export function systemArgumentsProblem(fn: SystemFunction, args: string[]): string | undefined {
  switch (fn) {
    case 'randomInt': {
      const [low = '', high = ''] = args;
      const fits = args.length === 2 && INTEGER.test(low) && INTEGER.test(high) && Number(low) < Number(high);
      if (fits) return undefined;
      const given = args.length === 0 ? 'no arguments' : `${quote(args.join(' '))}`;
      return `$randomInt takes two integers MIN MAX with MIN < MAX, e.g. {{$randomInt 1 100}}; got ${given}`;
    }
    case 'guid':
    case 'uuid':
      return args.length === 0 ? undefined : `$${fn} takes no arguments: write {{$${fn}}}`;
    case 'timestamp':
      return checkOffset(fn, args);
    case 'datetime': {
      const [format = ''] = args;
      if (!DATETIME_FORMATS.includes(format)) {
        return `$datetime takes a format, iso8601 or rfc1123, e.g. {{$datetime iso8601}}; got ${format === '' ? 'none' : `${quote(format)}`}`;
      }
      return checkOffset(fn, args.slice(1));
    }
    case 'processEnv':
    case 'dotenv':
      return checkName(fn, args);
  }
}

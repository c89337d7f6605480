// Custom `$datetime "FORMAT"` formats as REST Client and httpYac write them (day.js / Moment
// tokens). A small formatter rather than a dependency: the token set is fixed and tiny, and the
// engine's bundle stays free of a date library. Text in [brackets] is copied as written.

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** Longest tokens first, so that `MMMM` wins over `MM`. */
const TOKENS = /\[([^\]]*)\]|YYYY|YY|MMMM|MMM|MM|M|Do|DD|D|dddd|ddd|dd|d|HH|H|hh|h|mm|m|ss|s|SSS|A|a|ZZ|Z|X|x/g;

interface Fields {
  year: number;
  month: number;
  day: number;
  weekday: number;
  hours: number;
  minutes: number;
  seconds: number;
  ms: number;
  /** Minutes east of UTC. */
  offset: number;
}

function fieldsOf(date: Date, local: boolean): Fields {
  return local
    ? { year: date.getFullYear(), month: date.getMonth(), day: date.getDate(), weekday: date.getDay(), hours: date.getHours(), minutes: date.getMinutes(), seconds: date.getSeconds(), ms: date.getMilliseconds(), offset: -date.getTimezoneOffset() }
    : { year: date.getUTCFullYear(), month: date.getUTCMonth(), day: date.getUTCDate(), weekday: date.getUTCDay(), hours: date.getUTCHours(), minutes: date.getUTCMinutes(), seconds: date.getUTCSeconds(), ms: date.getUTCMilliseconds(), offset: 0 };
}

const pad = (value: number, width = 2): string => String(Math.abs(value)).padStart(width, '0');

function ordinal(day: number): string {
  const tens = day % 100;
  if (tens >= 11 && tens <= 13) return `${day}th`;
  return `${day}${['th', 'st', 'nd', 'rd'][day % 10] ?? 'th'}`;
}

function zone(offset: number, colon: boolean): string {
  const sign = offset < 0 ? '-' : '+';
  return `${sign}${pad(Math.floor(Math.abs(offset) / 60))}${colon ? ':' : ''}${pad(Math.abs(offset) % 60)}`;
}

function token(found: string, f: Fields, date: Date): string {
  const hours12 = f.hours % 12 === 0 ? 12 : f.hours % 12;
  switch (found) {
    case 'YYYY': return pad(f.year, 4);
    case 'YY': return pad(f.year % 100);
    case 'MMMM': return MONTHS[f.month] ?? '';
    case 'MMM': return (MONTHS[f.month] ?? '').slice(0, 3);
    case 'MM': return pad(f.month + 1);
    case 'M': return String(f.month + 1);
    case 'Do': return ordinal(f.day);
    case 'DD': return pad(f.day);
    case 'D': return String(f.day);
    case 'dddd': return DAYS[f.weekday] ?? '';
    case 'ddd': return (DAYS[f.weekday] ?? '').slice(0, 3);
    case 'dd': return (DAYS[f.weekday] ?? '').slice(0, 2);
    case 'd': return String(f.weekday);
    case 'HH': return pad(f.hours);
    case 'H': return String(f.hours);
    case 'hh': return pad(hours12);
    case 'h': return String(hours12);
    case 'mm': return pad(f.minutes);
    case 'm': return String(f.minutes);
    case 'ss': return pad(f.seconds);
    case 's': return String(f.seconds);
    case 'SSS': return pad(f.ms, 3);
    case 'A': return f.hours < 12 ? 'AM' : 'PM';
    case 'a': return f.hours < 12 ? 'am' : 'pm';
    case 'ZZ': return zone(f.offset, false);
    case 'Z': return zone(f.offset, true);
    case 'X': return String(Math.floor(date.getTime() / 1000));
    case 'x': return String(date.getTime());
    default: return found;
  }
}

/** `date` written in `format` (day.js tokens), in UTC or in the machine's time zone. */
export function formatDate(date: Date, format: string, local: boolean): string {
  const fields = fieldsOf(date, local);
  return format.replace(TOKENS, (found, escaped: string | undefined) => escaped ?? token(found, fields, date));
}

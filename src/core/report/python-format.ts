// Locust writes its CSV files with Python's csv module, so numbers look the way Python prints
// them. These helpers reproduce that byte for byte, for scripts that read Locust's files.

/** `repr(float)`: shortest round-trip digits, `12.0`, `0.0001`, `1e-05`, `1.5e+16`. */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  // toExponential() without an argument gives the shortest digits that round-trip, as repr does.
  const [mantissa = '0', exponentText = '0'] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const head = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${head}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  if (digits.length <= exponent + 1) return `${sign}${digits}${'0'.repeat(exponent + 1 - digits.length)}.0`;
  return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
}

/**
 * `f"{x:.{digits}f}"`. JavaScript's toFixed rounds an exact tie up, Python to even; a tie is
 * only possible when the binary value ends exactly at the next digit, which toFixed(100) shows.
 */
export function pyFixed(x: number, digits: number): string {
  if (!Number.isFinite(x) || Math.abs(x) >= 1e21) return pyFloat(x);
  const exact = Math.abs(x).toFixed(100);
  const point = exact.indexOf('.');
  const rest = exact.slice(point + 1 + digits);
  if (/^50*$/.test(rest)) {
    const kept = exact.slice(0, point + 1 + digits);
    const lastDigit = Number(kept.replace('.', '').slice(-1));
    if (lastDigit % 2 === 0) return `${x < 0 ? '-' : ''}${digits === 0 ? kept.slice(0, -1) : kept}`;
  }
  return x.toFixed(digits);
}

/** Python's `round(x, ndigits)` for ndigits <= 0: ties go to the even neighbour. */
function roundHalfEven(x: number, unit: number): number {
  const scaled = x / unit;
  const floor = Math.floor(scaled);
  const fraction = scaled - floor;
  if (fraction > 0.5) return (floor + 1) * unit;
  if (fraction < 0.5) return floor * unit;
  return (floor % 2 === 0 ? floor : floor + 1) * unit;
}

/**
 * Locust keeps response times in buckets of about two significant digits (147 -> 150,
 * 3432 -> 3400, 58760 -> 59000) and reports medians and percentiles from them.
 */
export function locustBucket(ms: number): number {
  if (ms < 100) return roundHalfEven(ms, 1);
  if (ms < 1000) return roundHalfEven(ms, 10);
  if (ms < 10000) return roundHalfEven(ms, 100);
  return roundHalfEven(ms, 1000);
}

/** A field as csv.writer (excel dialect, QUOTE_MINIMAL) writes it. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One row with csv.writer's `\r\n` line terminator. */
export function csvRow(fields: string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/** Python's ordering of str keys: by code point (JavaScript's `<` compares UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const difference = (left[i]?.codePointAt(0) ?? 0) - (right[i]?.codePointAt(0) ?? 0);
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}

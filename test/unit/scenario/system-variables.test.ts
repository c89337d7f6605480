// REST Client's system variables: `$datetime` / `$localDatetime` with custom formats and offsets,
// `$isoTimestamp`; an offset out of the calendar's range is a check error, never a crash.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scanTemplate } from '../../../src/core/scenario/template';
import type { Diagnostic } from '../../../src/core/scenario';
import { datetime, formatDate, timestamp } from '../../../src/engine/dynamic-values';
import { codes, file, HEADER, only, range } from './helpers';

function problemsOf(raw: string): Diagnostic[] {
  const problems: Diagnostic[] = [];
  scanTemplate(raw, 0, 0, problems);
  return problems;
}

test('an offset beyond the calendar is a check error on its {{ }}, and sending never throws', () => {
  const text = file(...HEADER, '###', 'GET /a?d={{$datetime iso8601 99999999999 y}}');
  const found = only(text, 'bad-system-arguments');
  assert.deepEqual(found.range, range(4, 9, 44));
  assert.match(found.message, /offset 99999999999 y is out of range/);
  assert.equal(only(file(...HEADER, '###', 'GET /a?t={{$timestamp -9999999999999 d}}'), 'bad-system-arguments').severity, 'error');
  // At send time (a scenario that skipped check), the value is clamped, never a RangeError.
  assert.doesNotThrow(() => datetime(['iso8601', '99999999999', 'y']));
  assert.doesNotThrow(() => datetime(['rfc1123', '-99999999999999999', 'ms']));
  assert.match(timestamp(['99999999999', 'y']), /^\d+$/);
});

test('custom formats in quotes, $localDatetime and $isoTimestamp read without problems', () => {
  for (const raw of [
    '{{$datetime "DD-MM-YYYY"}}',
    "{{$datetime 'DD.MM.YYYY HH:mm' 3 d}}",
    '{{$localDatetime rfc1123}}',
    '{{$localDatetime iso8601 2 h}}',
    '{{$localDatetime "YYYY-MM-DD HH:mm:ss"}}',
    '{{$isoTimestamp}}',
  ]) {
    assert.deepEqual(problemsOf(raw), [], raw);
  }
  const part = scanTemplate("{{$datetime 'DD.MM.YYYY HH:mm' 3 d}}", 0, 0).parts[0];
  assert.deepEqual(part?.kind === 'system' && part.args, ["'DD.MM.YYYY HH:mm'", '3', 'd']);
  assert.match(problemsOf('{{$datetime "DD-MM-YYYY}}')[0]?.message ?? '', /\$datetime takes a format/);
  assert.deepEqual(codes(file(...HEADER, '###', 'GET /a?d={{$localDatetime "DD-MM-YYYY" -1 d}}')), []);
});

test('custom date formats: day.js tokens, [escaped] text, local or UTC', () => {
  const instant = Date.UTC(2024, 0, 5, 7, 8, 9, 45);
  const utc = (format: string) => formatDate(new Date(instant), format, false);
  assert.equal(utc('DD-MM-YYYY'), '05-01-2024');
  assert.equal(utc('YY/M/D H:m:s.SSS'), '24/1/5 7:8:9.045');
  assert.equal(utc('ddd, MMM Do YYYY hh:mm A'), 'Fri, Jan 5th 2024 07:08 AM');
  assert.equal(utc('dddd MMMM [at] HH [o\'clock] Z'), "Friday January at 07 o'clock +00:00");
  assert.equal(utc('X x'), `${Math.floor(instant / 1000)} ${instant}`);
  const local = new Date(instant);
  assert.equal(formatDate(local, 'HH', true), String(local.getHours()).padStart(2, '0'));
  assert.equal(datetime(['"YYYY"']), String(new Date().getUTCFullYear()));
});

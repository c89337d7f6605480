import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeCheckOutcome } from '../../../src/core/present';

test('a failed check reads as counts and its top reasons, most frequent first', () => {
  const text = describeCheckOutcome({ evaluated: 3400, failed: 12, reasons: [{ reason: 'got 503', count: 9 }, { reason: 'got 500', count: 3 }] });
  assert.equal(text, 'failed 12 of 3,400 times: got 503 (9), got 500 (3)');
});

test('past three reasons the rest are summed as other', () => {
  const reasons = [5, 4, 3, 2, 1].map((count, i) => ({ reason: `got ${500 + i}`, count }));
  assert.equal(describeCheckOutcome({ evaluated: 100, failed: 15, reasons }), 'failed 15 of 100 times: got 500 (5), got 501 (4), got 502 (3), other (3)');
});

test('a check that held, or never ran, says so', () => {
  assert.equal(describeCheckOutcome({ evaluated: 7, failed: 0, reasons: [] }), 'passed all 7 times');
  assert.equal(describeCheckOutcome({ evaluated: 0, failed: 0, reasons: [] }), 'not run (no response reached it)');
});

test('server text in a reason is trimmed, cut and has its controls escaped (an editor message is one safe line)', () => {
  const hostile = `  got "\u001b[2J\u202eevil\nline"  `;
  const text = describeCheckOutcome({ evaluated: 2, failed: 2, reasons: [{ reason: hostile, count: 1 }, { reason: `got "${'x'.repeat(500)}"`, count: 1 }] });
  assert.doesNotMatch(text, /[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
  assert.match(text, /^failed 2 of 2 times: got "\\x1b\[2J\\u202eevil\\nline" \(1\), got "x+… \(1\)$/);
  assert.ok(text.length < 200, `cut: ${text.length} characters`);
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { csvField, csvRow, locustBucket, pyFixed, pyFloat } from '../../../src/core/report/python-format';

// Expected values were printed by CPython 3 (repr(x), f"{x:2f}", Locust's bucket_response_time).
describe('pyFloat (repr of a Python float)', () => {
  const cases: Array<[number, string]> = [
    [0, '0.0'],
    [12, '12.0'],
    [1256, '1256.0'],
    [0.1, '0.1'],
    [0.30000000000000004, '0.30000000000000004'],
    [5.306553398058252, '5.306553398058252'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [2.5e-7, '2.5e-07'],
    [1234567890123456, '1234567890123456.0'],
    [1e16, '1e+16'],
    [1.5e16, '1.5e+16'],
    [123456789012345678, '1.2345678901234568e+17'],
    [-3.5, '-3.5'],
  ];
  for (const [x, expected] of cases) it(`${x} -> ${expected}`, () => assert.equal(pyFloat(x), expected));
});

describe('pyFixed (f"{x:2f}", six decimals)', () => {
  it('pads and rounds like Python, ties to even on exact binary ties', () => {
    assert.equal(pyFixed(0, 6), '0.000000');
    assert.equal(pyFixed(12.5, 6), '12.500000');
    assert.equal(pyFixed(1 / 3, 6), '0.333333');
    assert.equal(pyFixed(1e6, 6), '1000000.000000');
    assert.equal(pyFixed(0.0078125, 6), '0.007812');
    assert.equal(pyFixed(0.0234375, 6), '0.023438');
  });
});

describe('locustBucket (Locust keeps about two significant digits)', () => {
  const cases: Array<[number, number]> = [
    [0.4, 0],
    [0.5, 0],
    [1.5, 2],
    [2.5, 2],
    [45.119, 45],
    [99.5, 100],
    [145, 140],
    [147.3, 150],
    [999.6, 1000],
    [3432, 3400],
    [58760, 59000],
    [123456.7, 123000],
  ];
  for (const [ms, expected] of cases) it(`${ms} -> ${expected}`, () => assert.equal(locustBucket(ms), expected));
});

describe('csvField / csvRow (csv.writer, QUOTE_MINIMAL)', () => {
  it('quotes only fields with a comma, a quote or a line break, doubling quotes', () => {
    assert.equal(csvField('GET /'), 'GET /');
    assert.equal(csvField("HTTPError('503')"), "HTTPError('503')");
    assert.equal(csvField('a, b'), '"a, b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField(''), '');
  });

  it('ends rows with \\r\\n as csv.writer does', () => {
    assert.equal(csvRow(['', 'Aggregated', '3']), ',Aggregated,3\r\n');
  });
});

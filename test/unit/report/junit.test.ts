// The JUnit report against the JUnit report schema (test/fixtures/junit/junit.xsd), and its content.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ThresholdVerdict } from '../../../src/core/metrics/result';
import { junitReport } from '../../../src/core/report/junit';
import { schemaProblems } from '../../fixtures/junit/schema';
import { buildRunResult } from '../../fixtures/results';

const verdict = (over: Partial<ThresholdVerdict>): ThresholdVerdict => ({
  rule: 'p95 < 500ms',
  severity: 'error',
  abort: false,
  target: 'aggregate',
  actual: 120,
  requests: 900,
  passed: true,
  isDefault: false,
  ...over,
});

const thresholds = [
  verdict({ target: 'Home page' }),
  verdict({ rule: 'p95 < 100ms', target: 'List hospitals', actual: 312, passed: false }),
  verdict({ rule: 'errors < 1% warn', severity: 'warn', target: 'POST /patient', actual: 4, passed: false }),
  verdict({ rule: 'p95 < baseline + 10%', target: 'aggregate', actual: 130, limit: 110, baseline: 100, passed: false }),
];

test('one testsuite, one testcase per verdict, a failure per broken error rule; valid against the schema', () => {
  const xml = junitReport({ ...buildRunResult({ durationS: 5 }), thresholds }, { hostname: 'ci-runner', baselineLabel: 'base.json' });
  assert.equal(schemaProblems(xml), '');
  assert.equal((xml.match(/<testsuite /g) ?? []).length, 1);
  assert.equal((xml.match(/<testcase /g) ?? []).length, 4);
  assert.equal((xml.match(/<failure /g) ?? []).length, 2);
  assert.match(xml, /<testsuites name="loadlens" tests="4" failures="2" errors="0" time="5\.000">/);
  assert.match(xml, /<testcase name="p95 &lt; 100ms · List hospitals"[^>]*>\n {6}<failure type="threshold" message="p95 &lt; 100ms broken on List hospitals: 312 ms">/);
  // A broken warn rule passes, and says so in its output.
  assert.match(xml, /<testcase name="errors &lt; 1% warn · POST \/patient"[^>]*>\n {6}<system-out>warning: errors &lt; 1% warn on POST \/patient: 4% over 900 requests, broken \(warn\)<\/system-out>/);
  // A baseline rule shows its limit and the baseline's value.
  assert.match(xml, /message="p95 &lt; baseline \+ 10% broken on Aggregated: 130 ms \(limit 110 ms, baseline 100 ms\)"/);
  assert.match(xml, /<property name="baseline" value="base.json"\/>/);
});

test('names with every XML-special and control character still make a valid file', () => {
  const nasty = `<&>"' \u0001\u0008\u000B\u001F\uFFFE \uD800 ]]> end`;
  const result = buildRunResult({ durationS: 3 });
  const xml = junitReport(
    { ...result, scenario: { ...result.scenario, path: `dir/${nasty}.load.http` }, thresholds: [verdict({ target: nasty, passed: false }), verdict({ target: nasty, severity: 'warn', passed: false })] },
    { hostname: nasty },
  );
  assert.equal(schemaProblems(xml), '');
  assert.ok(!xml.includes('\u0001') && !xml.includes(']]>'));
});

test('no thresholds: an empty suite that is still valid', () => {
  const xml = junitReport({ ...buildRunResult({ durationS: 2 }), thresholds: [] });
  assert.equal(schemaProblems(xml), '');
  assert.match(xml, /tests="0" failures="0"/);
});

test('the schema check can fail: a report without the required testcase name is refused', () => {
  const xml = junitReport({ ...buildRunResult({ durationS: 2 }), thresholds: [verdict({})] }).replace(/<testcase name="[^"]*"/, '<testcase');
  assert.match(schemaProblems(xml), /name.*required|required.*name/i);
});

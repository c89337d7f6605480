import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeVerdictValue, summarizeVerdicts, verdictMessage, verdictText } from '../../../src/core/present';
import { verdict } from '../webview/fixtures';

test('the message carries the measured value, the limit and the request count', () => {
  assert.equal(verdictMessage(verdict()), 'List hospitals: p95 812 ms > 500 ms (4,812 requests)');
  assert.equal(verdictMessage(verdict({ rule: 'errors < 1% warn', target: 'aggregate', actual: 2.34, requests: 1 })), 'Aggregated: errors 2.3% > 1% (1 request)');
  assert.equal(verdictMessage(verdict({ rule: 'rps > 100', actual: 38 })), 'List hospitals: rps 38/s < 100/s (4,812 requests)');
  assert.equal(verdictMessage(verdict({ rule: 'p99<=1s error abort', actual: 1000 })), 'List hospitals: p99 1,000 ms = 1,000 ms (4,812 requests)');
});

test('a rule against a baseline is measured against its resolved limit, not its offset', () => {
  const relative = verdict({ rule: 'p95 < baseline + 10%', actual: 812, limit: 660, baseline: 600 });
  assert.equal(verdictMessage(relative), 'List hospitals: p95 812 ms > 660 ms (4,812 requests)');
  assert.equal(describeVerdictValue(relative), '812 ms (limit 660 ms, baseline 600 ms)');
  assert.equal(describeVerdictValue(verdict({ rule: 'p95 < 500ms', actual: 95 })), '95 ms');
});

test('an unreadable rule still gives a message', () => {
  assert.match(verdictMessage(verdict({ rule: 'p95 ~ fast' })), /^List hospitals: p95 ~ fast \(measured 812\)/);
});

test('rules are counted once however many requests they apply to', () => {
  const header = { rule: 'p95 < 500ms', ruleLine: 7 };
  const verdicts = [
    verdict({ ...header, target: 'A', passed: true }),
    verdict({ ...header, target: 'B', passed: false }),
    verdict({ ...header, target: 'aggregate', passed: true }),
    verdict({ rule: 'errors < 1%', ruleLine: 8, severity: 'warn', passed: true }),
    verdict({ rule: 'errors < 1%', ruleLine: 8, severity: 'warn', target: 'B', passed: true }),
  ];
  const summary = summarizeVerdicts(verdicts);
  assert.deepEqual(summary, { total: 2, broken: 1, brokenErrors: 1 });
  assert.equal(verdictText(summary), '✗ 1 threshold broken');
  assert.equal(verdictText(summarizeVerdicts(verdicts.filter((v) => v.passed))), '✓ 2/2 thresholds');
  assert.equal(verdictText(summarizeVerdicts([])), undefined);
});

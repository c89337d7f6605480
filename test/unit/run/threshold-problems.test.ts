import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScenario } from '../../../src/core/scenario';
import { problemsStillMatch, thresholdProblems } from '../../../src/vscode/run/logic/threshold-problems';
import { verdict } from '../webview/fixtures';
import { HOSPITAL, LINES } from './scenario-fixture';

const scenario = parseScenario(HOSPITAL);
const lines = HOSPITAL.split('\n');

test('a request that breaks a rule gets the problem on its request line, with the numbers', () => {
  const problems = thresholdProblems(
    [verdict({ rule: 'p95 < 300ms', ruleLine: LINES.listRule, target: 'List hospitals', requestIndex: 1, actual: 812, requests: 4812 })],
    scenario,
    lines,
  );
  assert.deepEqual(problems, [
    {
      line: LINES.listRequest,
      startCharacter: 2,
      endCharacter: 15,
      severity: 'error',
      message: 'List hospitals: p95 812 ms > 300 ms (4,812 requests)',
      rule: 'p95 < 300ms',
      anchor: '  GET /hospital',
    },
  ]);
});

test('passed verdicts make no problem; warn rules become warnings', () => {
  const problems = thresholdProblems(
    [verdict({ passed: true }), verdict({ rule: 'errors < 1% warn', severity: 'warn', target: 'Home page', requestIndex: 0, actual: 3, requests: 10 })],
    scenario,
    lines,
  );
  assert.equal(problems.length, 1);
  assert.equal(problems[0]?.severity, 'warning');
  assert.equal(problems[0]?.line, LINES.homeRequest);
});

test('the aggregate is reported on the rule\'s own line; a default rule on the first line', () => {
  const problems = thresholdProblems(
    [
      verdict({ target: 'aggregate', requestIndex: undefined, ruleLine: LINES.headerRule, actual: 700, requests: 9000 }),
      verdict({ rule: 'errors < 5% error', target: 'aggregate', requestIndex: undefined, ruleLine: undefined, isDefault: true, actual: 7, requests: 9000 }),
    ],
    scenario,
    lines,
  );
  assert.deepEqual(problems.map((p) => [p.line, p.message, p.rule]), [
    [LINES.headerRule, 'Aggregated: p95 700 ms > 500 ms (9,000 requests)', 'p95 < 500ms'],
    [0, 'Aggregated: errors 7% > 5% (9,000 requests)', 'default: errors < 5% error'],
  ]);
});

test('a request found by name when the verdict carries no index', () => {
  const problems = thresholdProblems([verdict({ requestIndex: undefined, target: 'Home page' })], scenario, lines);
  assert.equal(problems[0]?.line, LINES.homeRequest);
});

test('problems go stale as soon as one of their lines reads differently', () => {
  const problems = thresholdProblems([verdict()], scenario, lines);
  assert.equal(problemsStillMatch(problems, (line) => lines[line]), true);
  const edited = [...lines];
  edited.splice(2, 0, '# a new comment line moves everything down');
  assert.equal(problemsStillMatch(problems, (line) => edited[line]), false);
  const renamed = lines.map((line) => line.replace('/hospital', '/hospitals'));
  assert.equal(problemsStillMatch(problems, (line) => renamed[line]), false);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CheckStats } from '../../../src/core/metrics/check-counts';
import { CHECK_FAILED_CODE, checkProblems } from '../../../src/vscode/run/logic/check-problems';
import { problemsStillMatch } from '../../../src/vscode/run/logic/threshold-problems';

const TEXT = ['# @users 1', '', '### Create', 'POST /hospital', '  ?? status == 201', '?? body $.id exists', ''].join('\n');
const lines = TEXT.split('\n');

function check(overrides: Partial<CheckStats>): CheckStats {
  return { name: 'Create', method: 'POST', line: 5, check: 'status == 201', evaluated: 3400, failed: 0, reasons: [], ...overrides };
}

test('a check that failed gets an error on its own ?? line, worded by the present module', () => {
  const problems = checkProblems([check({ failed: 12, reasons: [{ reason: 'got 503', count: 9 }, { reason: 'got 500', count: 3 }] }), check({ line: 6, check: 'body $.id exists' })], lines);
  assert.deepEqual(problems, [
    {
      line: 4,
      startCharacter: 2,
      endCharacter: 18,
      severity: 'error',
      message: 'failed 12 of 3,400 times: got 503 (9), got 500 (3)',
      rule: CHECK_FAILED_CODE,
      anchor: '  ?? status == 201',
    },
  ]);
});

test('no checks, or a line that is not a ?? line in the text that ran, gives nothing', () => {
  assert.deepEqual(checkProblems(undefined, lines), []);
  assert.deepEqual(checkProblems([check({ line: 4, failed: 1, reasons: [{ reason: 'got 500', count: 1 }] })], lines), []);
  assert.deepEqual(checkProblems([check({ line: 40, failed: 1, reasons: [{ reason: 'got 500', count: 1 }] })], lines), []);
});

test('an edit of the ?? line makes the problem stale', () => {
  const problems = checkProblems([check({ failed: 1, reasons: [{ reason: 'got 500', count: 1 }] })], lines);
  assert.equal(problemsStillMatch(problems, (line) => lines[line]), true);
  const edited = [...lines];
  edited[4] = '  ?? status == 200';
  assert.equal(problemsStillMatch(problems, (line) => edited[line]), false);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScenario } from '../../../src/core/scenario';
import { BASELINE_MISSING_CODE, baselineSegments, missingBaselineProblems } from '../../../src/vscode/run/logic/baselines';

test('a scenario baseline file mirrors its path under .loadlens/baselines', () => {
  assert.deepEqual(baselineSegments('api/hospital.load.http'), ['.loadlens', 'baselines', 'api', 'hospital.load.http.json']);
  assert.deepEqual(baselineSegments('hospital.load.http'), ['.loadlens', 'baselines', 'hospital.load.http.json']);
  assert.deepEqual(baselineSegments('api\\\\win.load.http'), ['.loadlens', 'baselines', 'api', 'win.load.http.json']);
});

test('a path that leaves the workspace folder has no baseline file', () => {
  assert.equal(baselineSegments('../elsewhere/x.load.http'), undefined);
  assert.equal(baselineSegments(''), undefined);
});

const TEXT = ['# @users 1', '# @threshold p95 < baseline + 10%', '# @threshold errors < 1%', '', '### List', 'GET http://127.0.0.1/x', '# @threshold p99 < baseline + 50ms'].join('\n');

test('without a baseline each baseline rule is a warning on its line that says how to set one', () => {
  const lines = TEXT.split('\n');
  const problems = missingBaselineProblems(parseScenario(TEXT), [], lines);
  assert.deepEqual(
    problems.map((p) => [p.line, p.severity, p.rule]),
    [
      [1, 'warning', BASELINE_MISSING_CODE],
      [6, 'warning', BASELINE_MISSING_CODE],
    ],
  );
  assert.match(problems[0]?.message ?? '', /^`p95 < baseline \+ 10%` was not evaluated: this scenario has no baseline\. Set a run as the baseline \("Loadlens: Set as Baseline"/);
  assert.equal(problems[0]?.anchor, lines[1]);
});

test('a default baseline rule (no rule in the file) goes on the first line; fixed rules never warn', () => {
  const text = '### Home\nGET http://127.0.0.1/';
  assert.deepEqual(missingBaselineProblems(parseScenario(text), ['p95 < baseline + 20%'], text.split('\n')).map((p) => p.line), [0]);
  assert.deepEqual(missingBaselineProblems(parseScenario(text), ['p95 < 500ms'], text.split('\n')), []);
});

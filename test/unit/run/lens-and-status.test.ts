import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScenario } from '../../../src/core/scenario';
import { elapsedLensTitle, requestNumbersTitle, runLensTitle } from '../../../src/vscode/run/logic/lens-text';
import { planFor } from '../../../src/vscode/run/logic/plan';
import { statusView } from '../../../src/vscode/run/logic/status-visibility';
import { endpoint, result, snapshot, verdict } from '../webview/fixtures';
import { HOSPITAL } from './scenario-fixture';

test('the run lens shows the plan the file asks for, or what is missing', () => {
  assert.equal(runLensTitle(planFor(parseScenario(HOSPITAL), {})), '▶ Run load test · 50 users · spawn 5/s · 2m · 2 tasks');
  assert.equal(runLensTitle(planFor(parseScenario(HOSPITAL), { users: 10, runTimeMs: 30_000 })), '▶ Run load test · 10 users · spawn 5/s · 30s · 2 tasks');
  assert.equal(runLensTitle(planFor(parseScenario('# @host http://x\n###\nGET /\n'), {})), '▶ Run load test (add # @users N, or run with options)');
});

test('while running: elapsed against the plan, or alone for an open-ended run', () => {
  assert.equal(elapsedLensTitle(42_400, 120_000), '0:42 / 2:00');
  assert.equal(elapsedLensTitle(42_400, undefined), '0:42');
});

test('a request lens shows its last numbers', () => {
  assert.equal(requestNumbersTitle(endpoint('x', 'GET', { requests: 1000, failures: 4, rps: 38.2, percentiles: { '95': 212.3 } })), 'p95 212 ms · 0.4% errors · 38.2 rps');
  assert.equal(requestNumbersTitle(endpoint('x', 'GET', { requests: 0 })), 'not run in the last test');
});

test('status bar: hidden with nothing open and nothing run; live numbers while running', () => {
  assert.equal(statusView({ kind: 'idle', scenarioOpen: false }), undefined);
  assert.equal(statusView({ kind: 'idle', scenarioOpen: true })?.command, 'run');
  const live = statusView({ kind: 'running', snapshot: snapshot(3, 50, [['A', 1234, 0]]), load: { kind: 'users', users: 50 } });
  assert.equal(live?.text, '$(pulse) 1,234 rps · 50 users · 0% err');
  assert.equal(live?.command, 'showResults');
});

test('status bar after a run: the verdict, coloured by the worst broken severity', () => {
  const passed = statusView({ kind: 'finished', result: result({ thresholds: [verdict({ passed: true }), verdict({ rule: 'errors < 1%', ruleLine: 9, passed: true })] }) });
  assert.equal(passed?.text, '✓ 2/2 thresholds');
  assert.equal(passed?.tone, 'normal');
  const warned = statusView({ kind: 'finished', result: result({ thresholds: [verdict({ severity: 'warn' }), verdict({ rule: 'errors < 1%', ruleLine: 9, passed: true })] }) });
  assert.deepEqual([warned?.text, warned?.tone], ['✗ 1 threshold broken', 'warning']);
  const none = statusView({ kind: 'finished', result: result({ thresholds: [] }) });
  assert.equal(none?.text, '$(check) 400 requests · 0.5% err');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnosticAnnotation, escapeCommandData, escapeCommandProperty, thresholdAnnotations, workflowCommand } from '../../../src/core/report/github-commands';
import type { ThresholdVerdict } from '../../../src/core/metrics/result';

const verdict = (over: Partial<ThresholdVerdict>): ThresholdVerdict => ({
  rule: 'p95 < 500ms',
  severity: 'error',
  abort: false,
  target: 'Home',
  actual: 812,
  requests: 1200,
  passed: false,
  isDefault: false,
  ...over,
});

test('data escapes %, CR and LF; properties also : and ,', () => {
  assert.equal(escapeCommandData('50% of\r\nrequests: a,b'), '50%25 of%0D%0Arequests: a,b');
  assert.equal(escapeCommandProperty('50% of\r\nrequests: a,b'), '50%25 of%0D%0Arequests%3A a%2Cb');
  // A message cannot start a second command: its line break is escaped, so all stays on one line.
  assert.equal(workflowCommand('error', {}, 'x\n::error::forged'), '::error::x%0A::error::forged');
});

test('a command with properties: file, line, title; empty ones left out', () => {
  assert.equal(workflowCommand('warning', { file: 'api/a,b.load.http', line: 7, title: 'T: x' }, 'slow'), '::warning file=api/a%2Cb.load.http,line=7,title=T%3A x::slow');
  assert.equal(workflowCommand('notice', { file: 'f', title: '' }, 'm'), '::notice file=f::m');
});

test('broken thresholds: on the request line, the rule line for the aggregate, warn as warning, passes left out', () => {
  const lines = thresholdAnnotations(
    [
      verdict({ requestIndex: 1, ruleLine: 2 }),
      verdict({ target: 'aggregate', ruleLine: 2, severity: 'warn' }),
      verdict({ target: 'List', requestIndex: 0, passed: true }),
      verdict({ target: 'aggregate', isDefault: true }),
    ],
    'api.load.http',
    (index) => [10, 20][index],
  );
  assert.deepEqual(lines, [
    '::error file=api.load.http,line=21,title=Loadlens threshold p95 < 500ms::p95 < 500ms broken on Home: 812 ms over 1200 requests',
    '::warning file=api.load.http,line=3,title=Loadlens threshold p95 < 500ms::p95 < 500ms broken on Aggregated: 812 ms over 1200 requests',
    '::error file=api.load.http,title=Loadlens threshold p95 < 500ms::p95 < 500ms broken on Aggregated: 812 ms over 1200 requests',
  ]);
});

test('a diagnostic: 1-based line and column range, severity mapped', () => {
  const range = { start: { line: 3, character: 0 }, end: { line: 3, character: 12 } };
  assert.equal(
    diagnosticAnnotation('a.load.http', { range, severity: 'info', code: 'x-y', message: 'hello, world: 100%' }),
    '::notice file=a.load.http,line=4,col=1,endLine=4,endColumn=13,title=Loadlens x-y::hello, world: 100%25',
  );
  assert.match(diagnosticAnnotation('a.load.http', { range, severity: 'error', code: 'c', message: 'm' }), /^::error /);
});

// The end-of-run summary and the live progress line, on a hand-made result.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { createStyle } from '../../src/cli/format';
import { createPlainProgress, createTerminalProgress } from '../../src/cli/progress';
import { brokeErrorThreshold, renderChecks, renderFailuresTable, renderStatsTable, renderThresholds } from '../../src/cli/summary';
import { renderTable } from '../../src/cli/table';
import { result, snapshot, verdict } from './result-fixture';

const plain = createStyle(false);

describe('summary', () => {
  it('aligns columns: every row ends its right-aligned cells at the same place', () => {
    const text = renderTable(
      [
        { title: 'Name', align: 'left' },
        { title: 'Count', align: 'right' },
      ],
      [['a', '1'], 'rule', ['longer name', '12345']],
    );
    assert.equal(text, ['Name         Count', '------------------', 'a                1', '------------------', 'longer name  12345'].join('\n'));
  });

  it('lists each ?? check with its counts and top reasons, and nothing when the scenario has none', () => {
    assert.equal(renderChecks(result(), plain), '');
    const checks = [
      { name: 'item', method: 'GET', line: 8, check: 'status == 200', evaluated: 3400, failed: 12, reasons: [{ reason: 'got 503', count: 9 }, { reason: 'got 500', count: 3 }] },
      { name: 'item', method: 'GET', line: 9, check: 'body $.id exists', evaluated: 3400, failed: 0, reasons: [] },
      { name: 'list', method: 'GET', line: 14, check: 'body matches x', evaluated: 10, failed: 10, reasons: [1, 2, 3, 4].map((n) => ({ reason: `got "${n}\u001b[2J"`, count: n === 1 ? 4 : 2 })) },
    ];
    assert.equal(
      renderChecks(result({ checks }), plain),
      [
        'Checks: 3',
        '  ✗ line 8: item: ?? status == 200: failed 12 of 3,400 times: got 503 (9), got 500 (3)',
        '  ✓ line 9: item: ?? body $.id exists: passed all 3,400 times',
        '  ✗ line 14: list: ?? body matches x: failed 10 of 10 times: got "1\\x1b[2J" (4), got "2\\x1b[2J" (2), got "3\\x1b[2J" (2), other (2)',
      ].join('\n'),
    );
  });

  it('shows the Locust columns, one row per request and the Aggregated row last', () => {
    const lines = renderStatsTable(result()).split('\n');
    assert.match(lines[1] ?? '', /^Type\s+Name\s+# reqs\s+# fails\s+Median\s+Average\s+Min\s+Max\s+p95\s+p99\s+RPS$/);
    assert.match(lines[3] ?? '', /^GET\s+\/\s+900\s+0 \(0%\)\s+4\.2\s+5\s+2\.1\s+42\s+13\s+21\s+90$/);
    assert.match(lines[4] ?? '', /^POST\s+Create a hospital\s+120\s+3 \(2\.5%\)\s+87\s+104/);
    assert.match(lines.at(-1) ?? '', /^\s+Aggregated\s+1,020\s+3 \(0\.29%\)/);
    const widths = new Set(lines.slice(1).map((line) => line.length));
    assert.ok(widths.size <= 2, 'header, rules and rows share one width (rows may trim trailing spaces)');
  });

  it('lists failures by occurrences', () => {
    const text = renderFailuresTable(result());
    assert.match(text, /# occurrences\s+Method\s+Name\s+Error/);
    assert.match(text, /3\s+POST\s+Create a hospital\s+HTTP 500/);
  });

  it('shows one line for a rule every target passes, and one per failing target', () => {
    const text = renderThresholds(
      [
        verdict('p95 < 500ms', '/', 12, true),
        verdict('p95 < 500ms', 'aggregate', 30, true),
        verdict('errors < 1%', 'Create a hospital', 2.5, false),
        verdict('errors < 1%', 'aggregate', 0.29, true),
      ],
      plain,
    );
    const lines = text.split('\n');
    assert.equal(lines[0], 'Thresholds');
    assert.match(lines[1] ?? '', /✓ p95 < 500ms\s+all 2 pass, closest: 30 ms \(Aggregated\)/);
    assert.match(lines[2] ?? '', /✗ errors < 1%\s+Create a hospital: 2\.5%/);
    assert.match(lines[3] ?? '', /1 other target pass/);
  });

  it('exits 1 only for a broken error rule or an abort', () => {
    assert.equal(brokeErrorThreshold(result({ thresholds: [verdict('p95 < 1ms', '/', 4, false, 'warn')] })), false);
    assert.equal(brokeErrorThreshold(result({ thresholds: [verdict('p95 < 1ms', '/', 4, false)] })), true);
    assert.equal(brokeErrorThreshold(result({ outcome: 'aborted', abortedBy: 'p99 < 1ms abort' })), true);
  });
});

describe('progress', () => {
  it('writes one plain line per interval when not on a terminal', () => {
    let out = '';
    const progress = createPlainProgress((text) => (out += text), 20_000);
    progress.update(snapshot(3000, 50, 41.26, 12.3, 120, 3));
    assert.equal(out, '[0:03/0:20] users 50 | 41.3 req/s | p95 12 ms | errors 2.5%\n');
  });

  it('redraws a single line in place on a terminal, never wider than the terminal', () => {
    let out = '';
    const progress = createTerminalProgress((text) => (out += text), () => 40, 10_000, plain);
    progress.update(snapshot(5000, 50, 41.26, 12.3, 120, 3));
    progress.update(snapshot(6000, 50, 41.26, 12.3, 120, 3));
    const frames = out.split('\r\x1b[2K');
    assert.equal(frames.length, 2, 'the second update clears the first');
    assert.ok(!out.includes('\n'));
    assert.ok((frames[1] ?? '').length <= 39, frames[1]);
    assert.match(frames[1] ?? '', /^█{12}░{8} 0:06\/0:10/);
    progress.finish();
    assert.ok(out.endsWith('\r\x1b[2K'));
  });
});

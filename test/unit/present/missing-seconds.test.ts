// A joined run's missing shard (docs/scale-out.md): its missing seconds read the same in the CLI
// summary, the Markdown summary and the HTML report, through src/core/present's formatSeconds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatSeconds } from '../../../src/core/present';
import { htmlReport } from '../../../src/core/report';
import { summaryMarkdown } from '../../../src/core/report/summary-markdown';
import { createStyle } from '../../../src/cli/format';
import { renderSummary } from '../../../src/cli/summary';
import { result } from '../webview/fixtures';

test('formatSeconds groups a count of seconds as every other count', () => {
  assert.deepEqual([formatSeconds(0), formatSeconds(4), formatSeconds(3600)], ['0 s', '4 s', '3,600 s']);
});

test('a shard missing for 3,600 seconds reads "3,600 s" in the CLI summary, the Markdown summary and the HTML report', () => {
  const joined = { ...result(), joined: { shards: 2, missing: [{ shard: 2, fromSecond: 2, toSecond: 3601, seconds: 3600, reason: 'pod-b: no numbers for 5 s' }] } };
  const cli = renderSummary(joined, createStyle(false));
  const markdown = summaryMarkdown(joined);
  const html = htmlReport(joined);
  assert.match(cli, /shard 2\/2 from second 2 to 3601 \(3,600 s missing\)/);
  assert.match(markdown, /3,600 s missing/);
  assert.match(html, /<td>3,600 s<\/td>/);
});

test('the Markdown summary gives the run length as a span, as the HTML report does: a 1 h run reads "1h", not "3,600 s"', () => {
  const hourLong = { ...result(), startTime: 1_700_000_000_000, endTime: 1_700_000_000_000 + 3_600_000 };
  const header = summaryMarkdown(hourLong).split('\n')[2] ?? '';
  assert.match(header, / · 1h · /);
  assert.doesNotMatch(header, /3,600 s/);
  assert.match(summaryMarkdown({ ...hourLong, endTime: hourLong.startTime + 90_000 }).split('\n')[2] ?? '', / · 1m30s · /);
});

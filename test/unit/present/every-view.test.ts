// One recorded result through every view a person reads it in (the CLI's summary and progress
// line, the HTML report, the panel's progress line and table, the code lenses, the status bar and
// the Problems panel): the same figure must read the same in all of them. The result is built
// so that each figure sits where the views used to disagree: a latency above 10 s, a rate with a
// half, a run time of a minute and a half, a live snapshot half-way through a second.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateThresholds } from '../../../src/core/analysis';
import type { IntervalSnapshot, RunResult } from '../../../src/core/metrics/result';
import {
  describePlan,
  errorPercent,
  formatClock,
  formatCount,
  formatDuration,
  formatMs,
  formatMsNumber,
  formatPercent,
  formatRate,
} from '../../../src/core/present';
import { htmlReport } from '../../../src/core/report';
import { parseScenario } from '../../../src/core/scenario';
import { createPlainProgress } from '../../../src/cli/progress';
import { createStyle } from '../../../src/cli/format';
import { renderSummary } from '../../../src/cli/summary';
import { elapsedLensTitle, finishedStatusText, finishedStatusTooltip, liveStatusText, requestNumbersTitle, runLensTitle } from '../../../src/vscode/run/logic/lens-text';
import { planFor } from '../../../src/vscode/run/logic/plan';
import { thresholdProblems } from '../../../src/vscode/run/logic/threshold-problems';
import { initialState, reduce, type PanelState } from '../../../webview-ui/state/reducer';
import { progressText, visibleTable } from '../../../webview-ui/state/selectors';
import { statsCellText } from '../../../src/core/present/stats-row';
import { buildRunResult, HOSPITAL_ENDPOINTS } from '../../fixtures/results';

const SCENARIO = `# @host http://localhost:8888
# @users 50
# @spawn-rate 5
# @run-time 90s
# @threshold errors < 1%

### Home page
GET /

### Export report
# @threshold p95 < 500ms
GET /export
`;

/** 90 s of the demo hospital API plus a slow export: 12 and 13 requests a second (12.5/s), 12.3 s each, 1 in 10 failing. */
function recordedResult(): RunResult {
  const home = HOSPITAL_ENDPOINTS[0]!;
  const built = buildRunResult({
    durationS: 90,
    load: { kind: 'users', users: 50, spawnRate: 5, runTimeMs: 90_000 },
    endpoints: [
      home,
      {
        method: 'GET',
        name: 'Export report',
        perSecond: (second) => (second % 2 === 0 ? 13 : 12),
        latencyMs: (_s, _u, r) => 12_250 + r * 100,
        error: (_s, index) => (index % 10 === 0 ? 'HTTP 503' : undefined),
      },
    ],
  });
  const scenario = parseScenario(SCENARIO);
  return { ...built, thresholds: evaluateThresholds(scenario, built, []) };
}

function panelAfter(state: PanelState, ...messages: Parameters<typeof reduce>[1][]): PanelState {
  return messages.reduce(reduce, state);
}

/** The texts of every view, each found by what it is, not where it sits. */
function views(result: RunResult) {
  const scenario = parseScenario(SCENARIO);
  const exportStats = result.endpoints.find((e) => e.name === 'Export report')!;
  const panel = panelAfter(initialState(), { type: 'result/show', origin: 'saved', heading: { title: 'x', plan: '', host: undefined }, result });
  const table = visibleTable(panel);
  const exportRow = table.rows.find((row) => row.name === 'Export report')!;
  return {
    cli: renderSummary(result, createStyle(false)),
    html: htmlReport(result),
    panelProgress: progressText(panel),
    panelTable: [...table.rows, table.aggregate!].map((row) => Object.keys(row).map((key) => statsCellText(row, key as keyof typeof row)).join(' | ')).join('\n'),
    panelExportP95: statsCellText(exportRow, 'p95Ms'),
    lens: requestNumbersTitle(exportStats),
    runLens: runLensTitle(planFor(scenario, {})),
    status: `${finishedStatusText(result)} / ${finishedStatusTooltip(result)}`,
    problems: thresholdProblems(result.thresholds, scenario, SCENARIO.split('\n'))
      .map((problem) => problem.message)
      .join('\n'),
  };
}

test('a latency reads the same in the CLI, the report, the panel, the lens and the Problems panel', () => {
  const result = recordedResult();
  const p95 = result.endpoints.find((e) => e.name === 'Export report')!.percentiles['95']!;
  assert.ok(p95 > 12_000, `the fixture's p95 is ${p95} ms`);
  const number = formatMsNumber(p95);
  const withUnit = formatMs(p95);
  assert.match(withUnit, /^12,\d{3} ms$/);
  const all = views(result);
  assert.match(all.cli, new RegExp(`Export report\\s.*\\s${number}\\s`), 'CLI stats table');
  assert.match(all.cli, new RegExp(`Export report: ${withUnit}`), 'CLI threshold line');
  assert.ok(all.html.includes(`<td>${number}</td>`), 'HTML stats table');
  assert.ok(all.html.includes(`<td>${withUnit}</td>`), 'HTML threshold table');
  assert.equal(all.panelExportP95, number, 'panel table');
  assert.match(all.lens, new RegExp(`^p95 ${withUnit} · `), 'request lens');
  assert.match(all.problems, new RegExp(`Export report: p95 ${withUnit} > 500 ms`), 'Problems panel');
  for (const [view, text] of Object.entries(all)) assert.doesNotMatch(text, /\b12\.\d s\b/, `${view} never reads the latency in seconds`);
});

test('a rate reads the same in the CLI, the report, the panel and the lens', () => {
  const result = recordedResult();
  const exportStats = result.endpoints.find((e) => e.name === 'Export report')!;
  assert.equal(exportStats.rps, 12.5);
  const rate = formatRate(exportStats.rps);
  assert.equal(rate, '12.5');
  const all = views(result);
  assert.match(all.cli, /Export report\s.*\s12\.5\n/, 'CLI stats table, RPS column');
  assert.match(all.html, /Export report<\/td>.*<td>12\.5<\/td>/, 'HTML stats table');
  assert.match(all.panelTable, /Export report \|.* \| 12\.5 \| /, 'panel table');
  assert.match(all.lens, / · 12\.5 rps$/, 'request lens');
  const aggregate = formatRate(result.aggregate.rps);
  assert.match(all.cli, new RegExp(` · ${aggregate} req/s · `), 'CLI headline');
  assert.match(all.panelProgress, new RegExp(` · ${aggregate} rps · `), 'panel progress');
  assert.ok(all.html.includes(`<div class="value">${aggregate} (`), 'HTML RPS card');
});

test('an error share reads the same in the CLI, the panel, the status bar and the lens', () => {
  const result = recordedResult();
  const { requests, failures } = result.aggregate;
  assert.ok(failures > 0);
  const share = formatPercent(errorPercent(requests, failures));
  const all = views(result);
  assert.match(all.cli, new RegExp(` · ${share} failed`), 'CLI headline');
  assert.match(all.cli, new RegExp(`Aggregated\\s+${formatCount(requests)}\\s+${formatCount(failures)} \\(${share}\\)`), 'CLI stats table');
  assert.match(all.panelProgress, new RegExp(` · ${share} errors$`), 'panel progress');
  assert.match(all.status, new RegExp(`: ${formatCount(requests)} requests, `), 'status bar tooltip');
  assert.equal(finishedStatusText({ ...result, thresholds: [] }), `$(check) ${formatCount(requests)} requests · ${share} err`, 'status bar without rules');
  assert.match(all.problems, new RegExp(`Aggregated: errors ${share} > 1% \\(${formatCount(requests)} requests\\)`), 'Problems panel');
  const exportStats = result.endpoints.find((e) => e.name === 'Export report')!;
  assert.match(all.lens, new RegExp(` · ${formatPercent(errorPercent(exportStats.requests, exportStats.failures))} errors · `), 'request lens');
});

test('a run time reads the same in the plan, the run lens and the report', () => {
  const result = recordedResult();
  const span = formatDuration(90_000);
  assert.equal(span, '1m30s');
  const all = views(result);
  assert.equal(describePlan(result.load, 1), `50 users · spawn 5/s · ${span}`);
  assert.equal(all.runLens, `▶ Run load test · 50 users · spawn 5/s · ${span}`, 'run lens');
  assert.ok(all.html.includes(`<div class="label">Duration</div><div class="value">${span}</div>`), 'HTML duration card');
  assert.ok(all.html.includes(`50 users · spawn 5/s · ${span}`), 'HTML load card');
  const clock = formatClock(90_000);
  assert.match(all.cli, new RegExp(`^Run completed in ${clock} · `), 'CLI headline');
  assert.match(all.panelProgress, new RegExp(`^Completed · ${clock} · `), 'panel progress');
});

test('a live snapshot half-way through a second reads the same elapsed time and numbers in every live view', () => {
  const result = recordedResult();
  const source = result.intervals[0]!;
  const live: IntervalSnapshot = { ...source, elapsedMs: 1_500 };
  const clock = formatClock(1_500);
  assert.equal(clock, '0:02');
  let cli = '';
  createPlainProgress((text) => (cli += text), 90_000).update(live);
  const panel = panelAfter(
    initialState(),
    { type: 'run/started', runId: 'r', heading: { title: 'x', plan: '', host: undefined }, startTime: result.startTime, load: result.load, plannedDurationMs: 90_000, requestNames: ['Home page', 'Export report'] },
    { type: 'run/interval', runId: 'r', snapshot: live },
  );
  const rate = formatRate(live.aggregate.rps);
  const share = formatPercent(errorPercent(live.aggregate.total.requests, live.aggregate.total.failures));
  assert.match(cli, new RegExp(`^\\[${clock}/1:30\\] users ${live.users} \\| ${rate} req/s \\| .* \\| errors ${share}\\n$`), 'CLI progress');
  assert.match(progressText(panel), new RegExp(`^Running · ${clock} / 1:30 · ${live.users} users · ${rate} rps · ${share} errors$`), 'panel progress');
  assert.equal(elapsedLensTitle(live.elapsedMs, 90_000), `${clock} / 1:30`, 'elapsed lens');
  assert.match(liveStatusText(live, result.load), new RegExp(`^\\$\\(pulse\\) ${rate} rps · ${live.users} users · ${share} err$`), 'status bar');
});

// `loadlens merge` against the engine's own aggregator: shard results built from known samples
// (through JSON, as files carry them) merge to exactly what one machine's aggregator gives for
// the same samples, and the thresholds are judged again on the whole.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateRulesOnEveryTarget } from '../../../src/core/analysis';
import { RunAggregator, decodeHistogram, MetricsRecorder, type IntervalPartial, type RunResult } from '../../../src/core/metrics';
import { mergeShardResults } from '../../../src/core/scale/merge-results';
import { ShardJoiner } from '../../../src/core/scale/shard-joiner';
import { parseThresholdRule } from '../../../src/core/scenario/thresholds';
import { htmlReport, parseResultJson, resultJson } from '../../../src/core/report';
import { summaryMarkdown } from '../../../src/core/report/summary-markdown';
import { escapeMarkdown } from '../../../src/core/report/markdown';
import { renderSummary } from '../../../src/cli/summary';
import { createStyle } from '../../../src/cli/format';

const ENDPOINTS = [
  { method: 'GET', name: 'list' },
  { method: 'POST', name: 'create' },
];
const START = 1_800_000_000_000;
const RULE = 'p90 < 50ms error';

/** Second `second` of shard `shard`: known latencies; shard 2 has 15% slow and some failures. */
function samplesOf(shard: number, second: number): IntervalPartial {
  const recorder = new MetricsRecorder(ENDPOINTS.length);
  for (let i = 0; i < 50; i++) {
    const slow = shard === 2 && i % 20 < 3;
    recorder.record(i % 2, (slow ? 200_000 : 10_000) + i * 7 + second * 13, 100 + i, shard === 2 && i === 7 ? 'HTTP 503' : undefined);
  }
  // The second endpoint gets nothing in shard 1's last second: an empty partial (minMicros Infinity).
  return recorder.takePartial({ users: 3 + shard, inFlight: shard, dropped: 0 });
}

function rules() {
  const parsed = parseThresholdRule(RULE);
  assert.ok(parsed.ok);
  return [{ ...parsed.rule, scope: 'header' as const }];
}

function shardResult(shard: number, count: number, seconds: number): RunResult {
  const joiner = new ShardJoiner(ENDPOINTS);
  const intervals = [];
  for (let second = 1; second <= seconds; second++) {
    const partials = [samplesOf(shard, second)];
    const at = { time: START + second * 1000 + shard, elapsedMs: second * 1000 + shard, intervalMs: 1000 };
    joiner.addSecond(partials, at);
    intervals.push({ ...at, partials });
  }
  const result = joiner.result(
    { engineVersion: 't', scenario: { path: '/s.load.http', hash: 'abc' }, load: { kind: 'rate', rate: 100, runTimeMs: seconds * 1000, maxUsers: 10 }, workers: 1, seed: 1, startTime: START, endTime: START + seconds * 1000, outcome: 'completed', fullHistory: true, joined: { shards: count, missing: [] } },
    (stats) => evaluateRulesOnEveryTarget(rules(), stats).map((verdict) => ({ ...verdict, isDefault: false })),
  );
  delete result.joined;
  result.shard = { index: shard, count, intervals };
  return JSON.parse(JSON.stringify(result)) as RunResult;
}

test('merged counts, percentiles and history equal one aggregator over the same samples', () => {
  const seconds = 4;
  const shards = [shardResult(1, 2, seconds), shardResult(2, 2, seconds)];
  const merged = mergeShardResults(shards.map((result, i) => ({ label: `shard${i + 1}.json`, result })));
  assert.ok(merged.ok, merged.ok ? '' : merged.message);
  const { result } = merged;

  const single = new RunAggregator(ENDPOINTS);
  const history = [];
  for (let second = 1; second <= seconds; second++) {
    history.push(single.addInterval([samplesOf(1, second), samplesOf(2, second)], { time: START + second * 1000 + 2, elapsedMs: second * 1000 + 2, intervalMs: 1000 }));
  }
  const expected = single.stats(seconds * 1000);
  assert.deepEqual(result.aggregate, expected.aggregate);
  assert.deepEqual(result.endpoints, expected.endpoints);
  assert.deepEqual(result.intervals, history);
  assert.deepEqual(result.failures, single.failures());
  assert.equal(result.aggregate.requests, 400);
  assert.equal(decodeHistogram(result.aggregate.histogram).totalCount, 400);
  assert.equal(result.workers, 2);
  assert.deepEqual(result.joined, { shards: 2, missing: [] });

  // Shard 2 alone broke `p90 < 50ms` (15% slow); the whole run (7.5% slow) does not.
  assert.ok(shards[1]?.thresholds.some((verdict) => verdict.target === 'aggregate' && !verdict.passed));
  const aggregateVerdict = result.thresholds.find((verdict) => verdict.target === 'aggregate');
  assert.equal(aggregateVerdict?.passed, true);
  assert.equal(aggregateVerdict?.actual, expected.aggregate.percentiles['90']);
});

test('results of different scenarios, twice the same shard, or not a shard are refused', () => {
  const one = shardResult(1, 2, 2);
  const other = { ...shardResult(2, 2, 2), scenario: { path: '/other.load.http', hash: 'def' } };
  const refused = mergeShardResults([{ label: 'a.json', result: one }, { label: 'b.json', result: other }]);
  assert.ok(!refused.ok && /different scenario/.test(refused.message));
  const twice = mergeShardResults([{ label: 'a.json', result: one }, { label: 'c.json', result: shardResult(1, 2, 2) }]);
  assert.ok(!twice.ok && /both shard 1\/2/.test(twice.message));
  const plain = { ...one, shard: undefined };
  const notShard = mergeShardResults([{ label: 'p.json', result: plain }]);
  assert.ok(!notShard.ok && /not a shard's result/.test(notShard.message));
  const damaged = JSON.parse(JSON.stringify(one)) as RunResult;
  (damaged.shard?.intervals[0]?.partials[0] as unknown as { endpoints: unknown[] }).endpoints = [];
  const bad = mergeShardResults([{ label: 'd.json', result: damaged }]);
  assert.ok(!bad.ok && /do not match the requests/.test(bad.message));
  // A worker's load figures from an untrusted file are numbers, or the shard is refused.
  const hostileLoad = JSON.parse(JSON.stringify(one)) as RunResult;
  (hostileLoad.shard?.intervals[0]?.partials[0] as unknown as { generator: unknown }).generator = { loopBusy: '<img src=x>', cpuCores: 1, loopDelayMedianMs: 1, loopDelayMaxMs: -5 };
  const refusedLoad = mergeShardResults([{ label: 'e.json', result: hostileLoad }]);
  assert.ok(!refusedLoad.ok && /do not match the requests/.test(refusedLoad.message));
});

test('a missing shard is said, and the others still merge', () => {
  const merged = mergeShardResults([{ label: 'a.json', result: shardResult(1, 3, 2) }, { label: 'c.json', result: shardResult(3, 3, 2) }]);
  assert.ok(merged.ok);
  assert.deepEqual(merged.result.joined?.missing, [{ shard: 2, fromSecond: 1, reason: 'no result given', toSecond: 2, seconds: 2 }]);
  assert.match(merged.warnings[0] ?? '', /shard 2\/3 is missing/);
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

test('a missing shard is in the HTML report, the summary, the Markdown summary and the JSON with the seconds it lacks', () => {
  const merged = mergeShardResults([{ label: 'a.json', result: shardResult(1, 3, 4) }, { label: 'c.json', result: shardResult(3, 3, 4) }]);
  assert.ok(merged.ok);
  const html = htmlReport(merged.result);
  assert.match(html, /<div class="label">Shards<\/div><div class="value">2 of 3 \(1 missing\)<\/div>/);
  assert.match(html, /<h2>Shards<\/h2><p class="warned">1 of 3 shards missing/);
  assert.match(html, /<tr><td class="text">2\/3<\/td><td>1<\/td><td>4<\/td><td>4 s<\/td><td class="text">no result given<\/td><\/tr>/);
  const line = 'shard 2/3 from second 1 to 4 (4 s missing): no result given';
  assert.match(renderSummary(merged.result, createStyle(false)), new RegExp(`\\nmissing: ${escape(line)}\\n`));
  assert.ok(summaryMarkdown(merged.result).includes(`### Missing shards\n\n- ⚠️ ${escapeMarkdown(line)}\n`));
  const read = parseResultJson(resultJson(merged.result));
  assert.ok(read.ok, read.ok ? '' : read.message);
  assert.deepEqual(read.result.joined, { shards: 3, missing: [{ shard: 2, fromSecond: 1, reason: 'no result given', toSecond: 4, seconds: 4 }] });
  // A run with every shard says so; a result file with a damaged shard list is refused, not drawn.
  const whole = mergeShardResults([1, 2, 3].map((shard) => ({ label: `${shard}.json`, result: shardResult(shard, 3, 2) })));
  assert.ok(whole.ok);
  assert.match(htmlReport(whole.result), /All 3 shards' numbers are in every second of this run/);
  const damaged = JSON.parse(resultJson(merged.result)) as { joined: { missing: unknown } };
  damaged.joined.missing = '<script>';
  assert.deepEqual(parseResultJson(JSON.stringify(damaged)), { ok: false, message: "not a valid Loadlens result: joined.missing: expected a list, found '<script>'" });
});

/** A shard's result whose first partial (or the result itself) a hostile writer changed. */
function crafted(change: (partial: Record<string, unknown>, result: Record<string, unknown>) => void): RunResult {
  const result = shardResult(1, 2, 2);
  const partial = result.shard?.intervals[0]?.partials[0] as unknown as Record<string, unknown>;
  change(partial, result as unknown as Record<string, unknown>);
  return result;
}

test('a crafted shard result (redirects, checks, protocols, workers, outcome) is refused with what is wrong, never thrown', () => {
  const attacks: Array<[string, (partial: Record<string, unknown>, result: Record<string, unknown>) => void, RegExp]> = [
    ['redirects a number', (p) => (p.redirects = 5), /partials that do not match/],
    ['redirects [5]', (p) => (p.redirects = [5]), /partials that do not match/],
    ['redirects of a request that is not there', (p) => (p.redirects = [[9, 1, 1]]), /partials that do not match/],
    ['redirects with a negative count', (p) => (p.redirects = [[0, -1, 1]]), /partials that do not match/],
    ['checks a string', (p) => (p.checks = 'x'), /partials that do not match/],
    ['checks with reasons not a list', (p) => (p.checks = [[0, 1, 7]]), /partials that do not match/],
    ['protocols a string', (p) => ((p.endpoints as Array<Record<string, unknown>>)[0] as Record<string, unknown>).protocols = 'h2', /partials that do not match/],
    ['workers a string', (_p, r) => (r.workers = 'many'), /`workers` is not a count/],
    ['outcome unknown', (_p, r) => (r.outcome = { evil: true }), /`outcome` is not completed, stopped or aborted/],
  ];
  for (const [name, change, reason] of attacks) {
    let outcome: ReturnType<typeof mergeShardResults> | undefined;
    assert.doesNotThrow(() => (outcome = mergeShardResults([{ label: 'evil.json', result: crafted(change) }])), name);
    assert.ok(outcome && !outcome.ok, name);
    assert.match(outcome.message, /^evil\.json: /, name);
    assert.match(outcome.message, reason, name);
  }
  // Well-formed redirects, checks and protocols still merge.
  const fine = crafted((p) => {
    p.redirects = [[1, 2, 3]];
    p.checks = [[0, 4, [['got 503', 1]]]];
    ((p.endpoints as Array<Record<string, unknown>>)[0] as Record<string, unknown>).protocols = 1;
  });
  const merged = mergeShardResults([{ label: 'fine.json', result: fine }]);
  assert.ok(merged.ok, merged.ok ? '' : merged.message);
  assert.deepEqual(merged.result.redirects?.map((r) => [r.name, r.redirected, r.followed]), [['create', 2, 3]]);
});

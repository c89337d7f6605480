// Threshold rules against run statistics: which rules apply to which target, and their verdicts
// (docs/scenario-checks.md, Thresholds).
import type { EndpointStats, ThresholdVerdict } from '../metrics/result';
import type { RequestBlock, Scenario, Threshold, ThresholdMetric, ThresholdOp } from '../scenario/model';
import { parseThresholdRule } from '../scenario/thresholds';
import { measure } from './measure';

export interface RunStats {
  endpoints: EndpointStats[];
  aggregate: EndpointStats;
}

/** The target name of the aggregate in verdicts. */
export const AGGREGATE_TARGET = 'aggregate';

/**
 * Rules that apply: the header rules (for every request and the aggregate) and each request's own
 * rules; `defaults` (scenario syntax, e.g. `p95 < 500ms warn`) only when the file has no threshold
 * at all. A default that does not parse is left out: settings are checked where they are edited.
 */
export function applicableThresholds(scenario: Scenario, defaults: string[]): Threshold[] {
  const fromFile = [...scenario.thresholds, ...scenario.requests.flatMap((request) => request.thresholds)];
  if (fromFile.length > 0) return fromFile;
  const rules: Threshold[] = [];
  for (const text of defaults) {
    const parsed = parseThresholdRule(text);
    if (parsed.ok) rules.push({ ...parsed.rule, scope: 'header' });
  }
  return rules;
}

export function sameMetric(a: ThresholdMetric, b: ThresholdMetric): boolean {
  if (a.kind === 'percentile' && b.kind === 'percentile') return a.percentile === b.percentile;
  return a.kind === b.kind;
}

export function compare(actual: number, op: ThresholdOp, value: number): boolean {
  switch (op) {
    case '<':
      return actual < value;
    case '<=':
      return actual <= value;
    case '>':
      return actual > value;
    case '>=':
      return actual >= value;
  }
}

/**
 * One verdict per (rule, target): a header rule for each request that has no rule of its own on
 * the same metric, then for the aggregate; a request rule for its request. A target with no
 * request gets no verdict for latency or error rules (there is nothing to judge), but does for
 * `rps`, where 0 req/s is a measurement. A baseline rule (`p95 < baseline + 10%`) is judged
 * only against `baseline` (an earlier run's statistics) and only for targets the baseline measured.
 */
export function evaluateThresholds(scenario: Scenario, stats: RunStats, defaults: string[], baseline?: RunStats): ThresholdVerdict[] {
  const verdicts: ThresholdVerdict[] = [];
  const add = (rule: Threshold, target: string, targetStats: EndpointStats, requestIndex?: number): void => {
    const limit = limitOf(rule, target, baseline);
    if (limit === undefined) return;
    const verdict = judge(rule, target, targetStats, limit, requestIndex);
    if (verdict) verdicts.push(verdict);
  };
  for (const rule of applicableThresholds(scenario, defaults)) {
    if (rule.scope === 'header') {
      for (const request of scenario.requests) {
        if (request.thresholds.some((own) => sameMetric(own.metric, rule.metric))) continue;
        add(rule, request.statsName, statsOf(request, stats.endpoints), request.index);
      }
      add(rule, AGGREGATE_TARGET, stats.aggregate);
    } else {
      const request = scenario.requests[rule.scope];
      if (request) add(rule, request.statsName, statsOf(request, stats.endpoints), request.index);
    }
  }
  return verdicts;
}

/**
 * Rules that stand apart from a scenario (`loadlens compare --threshold`): each rule judged on
 * every request name of `stats` and on the aggregate, against `baseline` for baseline rules.
 */
export function evaluateRulesOnEveryTarget(rules: readonly Threshold[], stats: RunStats, baseline?: RunStats): ThresholdVerdict[] {
  const verdicts: ThresholdVerdict[] = [];
  for (const rule of rules) {
    const targets: Array<[string, EndpointStats]> = [...stats.endpoints.map((e): [string, EndpointStats] => [e.name, e]), [AGGREGATE_TARGET, stats.aggregate]];
    for (const [target, targetStats] of targets) {
      const limit = limitOf(rule, target, baseline);
      const verdict = limit && judge(rule, target, targetStats, limit);
      // Given on the command line: not the defaults that stand in for a file's missing rules.
      if (verdict) verdicts.push({ ...verdict, isDefault: false });
    }
  }
  return verdicts;
}

/** A rule's limit for one target, in the rule's unit. */
interface Limit {
  value: number;
  /** For a baseline rule: the baseline's value it was derived from. */
  baseline?: number;
}

/**
 * A plain rule's value, or a baseline rule's limit for this target: the baseline's value plus the
 * offset. Undefined when there is no baseline, or the baseline has nothing to measure for the
 * target (a request it did not have, or latency of a request that never completed): such a rule
 * has no limit to judge against.
 */
function limitOf(rule: Threshold, target: string, baseline: RunStats | undefined): Limit | undefined {
  if (!rule.baseline) return { value: rule.value };
  if (!baseline) return undefined;
  const baseStats = target === AGGREGATE_TARGET ? baseline.aggregate : baseline.endpoints.find((e) => e.name === target);
  const base = baseStats ? measure(rule.metric, baseStats) : undefined;
  if (base === undefined) return undefined;
  const value = rule.baseline.relative ? base * (1 + rule.value / 100) : base + rule.value;
  return { value, baseline: base };
}

/** True for a rule written against a baseline run (`p95 < baseline + 10%`). */
export function isBaselineRule(rule: Threshold): boolean {
  return rule.baseline !== undefined;
}

function judge(rule: Threshold, target: string, stats: EndpointStats, limit: Limit, requestIndex?: number): ThresholdVerdict | undefined {
  const actual = measure(rule.metric, stats);
  if (actual === undefined) return undefined;
  const verdict: ThresholdVerdict = {
    rule: rule.text,
    severity: rule.severity,
    abort: rule.abort,
    target,
    actual,
    requests: stats.requests,
    passed: compare(actual, rule.op, limit.value),
    isDefault: rule.range === undefined,
  };
  if (limit.baseline !== undefined) {
    verdict.limit = limit.value;
    verdict.baseline = limit.baseline;
  }
  if (requestIndex !== undefined) verdict.requestIndex = requestIndex;
  if (rule.range) verdict.ruleLine = rule.range.start.line;
  return verdict;
}

/** The request's row: by name and method, else by name; an empty row if it never ran. */
function statsOf(request: RequestBlock, endpoints: EndpointStats[]): EndpointStats {
  return (
    endpoints.find((e) => e.name === request.statsName && e.method === request.method) ??
    endpoints.find((e) => e.name === request.statsName) ??
    emptyStats(request.method, request.statsName)
  );
}

function emptyStats(method: string, name: string): EndpointStats {
  return {
    method,
    name,
    requests: 0,
    failures: 0,
    minMs: 0,
    maxMs: 0,
    meanMs: 0,
    medianMs: 0,
    contentBytes: 0,
    rps: 0,
    failuresPerSec: 0,
    percentiles: {},
    histogram: '',
  };
}

/**
 * The verdicts of earlier runs judged again on new statistics, without their scenario: what
 * `loadlens merge` does with the shards' verdicts (every shard judged the same rules). Each
 * (rule, target) once; a baseline rule keeps the limit its run resolved.
 */
export function rejudgeVerdicts(previous: readonly ThresholdVerdict[], stats: RunStats): ThresholdVerdict[] {
  const seen = new Set<string>();
  const verdicts: ThresholdVerdict[] = [];
  for (const old of previous) {
    const key = `${old.rule}\u0000${old.target}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const parsed = parseThresholdRule(old.rule);
    if (!parsed.ok) continue;
    const rule: Threshold = { ...parsed.rule, scope: 'header' };
    const targetStats = old.target === AGGREGATE_TARGET ? stats.aggregate : (old.requestIndex !== undefined ? stats.endpoints[old.requestIndex] : undefined) ?? stats.endpoints.find((e) => e.name === old.target);
    const limit = old.limit !== undefined ? { value: old.limit, baseline: old.baseline } : limitOf(rule, old.target, undefined);
    const verdict = targetStats && limit && judge(rule, old.target, targetStats, limit, old.requestIndex);
    if (!verdict) continue;
    verdict.isDefault = old.isDefault;
    if (old.ruleLine !== undefined) verdict.ruleLine = old.ruleLine;
    verdicts.push(verdict);
  }
  return verdicts;
}

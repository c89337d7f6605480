// The top of the report: what ran, how it ended, and the numbers a reader looks for first.
import type { ResolvedLoadModel, RunResult } from '../../metrics/result';
import { formatCount, formatDuration, formatMs, formatRate, formatSuccessPercent, formatTimestamp, NO_VALUE } from '../../present';
import { statsPercentileMs } from '../../analysis/measure';
import { ratesOverTime } from '../interval-rates';
import { withoutCredentials } from '../credentials';
import { escapeHtml } from './escape';

export type OverallVerdict = { kind: 'pass' | 'warn' | 'fail' | 'none'; text: string };

/** Failed if an `error` rule broke or the run was aborted; warnings if only `warn` rules broke. */
export function overallVerdict(result: RunResult): OverallVerdict {
  const failed = result.thresholds.filter((v) => !v.passed);
  if (result.outcome === 'aborted') return { kind: 'fail', text: `Aborted${result.abortedBy ? `: ${result.abortedBy}` : ''}` };
  if (failed.some((v) => v.severity === 'error')) return { kind: 'fail', text: 'Failed' };
  if (failed.length > 0) return { kind: 'warn', text: 'Passed with warnings' };
  if (result.thresholds.length === 0) return { kind: 'none', text: 'No thresholds' };
  return { kind: 'pass', text: 'Passed' };
}

/** `50 users · spawn 5/s · 2m`, `100/s · 1m · max 1000`, `3 stages: 0→100→100→0 users`. */
export function describeLoad(load: ResolvedLoadModel): string {
  switch (load.kind) {
    case 'users':
      return [
        `${load.users} users`,
        load.spawnRate === undefined ? undefined : `spawn ${formatRate(load.spawnRate)}/s`,
        load.runTimeMs === undefined ? undefined : formatDuration(load.runTimeMs),
      ]
        .filter((part) => part !== undefined)
        .join(' · ');
    case 'rate':
      return [`${formatRate(load.rate)}/s`, load.runTimeMs === undefined ? undefined : formatDuration(load.runTimeMs), `max ${load.maxUsers} users`]
        .filter((part) => part !== undefined)
        .join(' · ');
    case 'stages': {
      const targets = [0, ...load.stages.map((s) => s.target)].map((t) => (load.target === 'rate' ? `${formatRate(t)}/s` : String(t)));
      const total = load.stages.reduce((sum, s) => sum + s.durationMs, 0);
      return `${load.stages.length} stages: ${targets.join('→')}${load.target === 'users' ? ' users' : ''} · ${formatDuration(total)}`;
    }
  }
}

/** When the run happened; a Locust run imported without its history has no start time (0). */
export function runTimes(result: RunResult): string {
  if (result.startTime === 0) return `start time unknown, ${formatDuration(result.endTime - result.startTime)}`;
  return `${formatTimestamp(result.startTime)} – ${formatTimestamp(result.endTime)}`;
}

function card(label: string, value: string): string {
  return `<div class="card"><div class="label">${escapeHtml(label)}</div><div class="value">${escapeHtml(value)}</div></div>`;
}

export function summarySection(result: RunResult): string {
  const { aggregate } = result;
  const successRate = formatSuccessPercent(aggregate.requests, aggregate.failures);
  const p95 = statsPercentileMs(aggregate, 95);
  const peakRps = Math.max(0, ...ratesOverTime(result.intervals).map((r) => r?.rps ?? 0));
  const cards = [
    card('Total requests', formatCount(aggregate.requests)),
    card('Success rate', successRate),
    card('Average latency', aggregate.requests === 0 ? NO_VALUE : formatMs(aggregate.meanMs)),
    card('95th percentile', p95 === undefined ? NO_VALUE : formatMs(p95)),
    card('RPS (peak)', `${formatRate(aggregate.rps)} (${formatRate(peakRps)})`),
    card('Failures', formatCount(aggregate.failures)),
    card('Duration', formatDuration(result.endTime - result.startTime)),
    card('Load model', describeLoad(result.load)),
  ];
  if (result.host !== undefined) cards.push(card('Host', withoutCredentials(result.host)));
  cards.push(card('Outcome', result.outcome === 'aborted' && result.abortedBy ? `aborted by ${result.abortedBy}` : result.outcome));
  if (result.dropped > 0) cards.push(card('Dropped arrivals', formatCount(result.dropped)));
  if (result.joined) {
    const { shards, missing } = result.joined;
    cards.push(card('Shards', missing.length === 0 ? formatCount(shards) : `${formatCount(shards - missing.length)} of ${formatCount(shards)} (${missing.length} missing)`));
  }
  const verdict = overallVerdict(result);
  return (
    `<header><h1>${escapeHtml(result.scenario.path)}</h1>` +
    `<p class="sub">${escapeHtml(runTimes(result))} · ` +
    `<span class="verdict ${verdict.kind}">${escapeHtml(verdict.text)}</span></p></header>` +
    `<section><div class="cards">${cards.join('')}</div></section>`
  );
}

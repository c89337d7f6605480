// The report's charts: throughput, response times and users over time, and the distribution.
import type { RunResult } from '../../metrics/result';
import { histogramDistribution } from '../../analysis/histogram';
import { formatCount, formatMs } from '../../present';
import { ratesOverTime } from '../interval-rates';
import { escapeHtml } from './escape';
import { barChart, lineChart, type LineChartInput, type Series } from './svg-chart';

const DISTRIBUTION_BUCKETS = 24;

function figure(caption: string, series: Series[], svg: string): string {
  const legend = series.map((s) => `<span><i class="${s.colour}"></i>${escapeHtml(s.label)}</span>`).join('');
  return `<figure><figcaption>${escapeHtml(caption)}</figcaption><div class="legend">${legend}</div>${svg}</figure>`;
}

/** The seconds in which the load generator was saturated, as shaded stretches (one per run of them). */
function saturatedBands(intervals: RunResult['intervals']): NonNullable<LineChartInput['bands']> {
  const bands: NonNullable<LineChartInput['bands']> = [];
  intervals.forEach((interval, index) => {
    if (!interval.generator?.saturated) return;
    const fromSeconds = index > 0 ? (intervals[index - 1]?.elapsedMs ?? 0) / 1000 : 0;
    const toSeconds = interval.elapsedMs / 1000;
    const last = bands.at(-1);
    if (last && Math.abs(last.toSeconds - fromSeconds) < 1e-6) last.toSeconds = toSeconds;
    else bands.push({ fromSeconds, toSeconds, label: 'load generator saturated' });
  });
  return bands;
}

export function timelineSection(result: RunResult): string {
  if (result.intervals.length === 0) return `<section><h2>Over time</h2><p class="muted">No per-second data in this result.</p></section>`;
  const x = result.intervals.map((i) => i.elapsedMs / 1000);
  // The run's last interval may be a sliver whose rate is noise: a gap, not a cliff (interval-rates.ts).
  const rates = ratesOverTime(result.intervals);
  const throughput: Series[] = [
    { label: 'Requests/s', colour: 'c1', values: rates.map((r) => r?.rps ?? NaN) },
    { label: 'Failures/s', colour: 'c2', values: rates.map((r) => r?.failuresPerSec ?? NaN) },
  ];
  // A window with no request has no percentile: leave a gap rather than draw a fake 0 ms.
  const windowed = (key: string): number[] => result.intervals.map((i) => (i.aggregate.total.requests > 0 && (i.aggregate.window[key] ?? 0) > 0 ? (i.aggregate.window[key] ?? NaN) : NaN));
  const latency: Series[] = [
    { label: 'p50', colour: 'c5', values: windowed('50') },
    { label: 'p95', colour: 'c4', values: windowed('95') },
    { label: 'p99', colour: 'c3', values: windowed('99') },
  ];
  const users: Series[] = [{ label: 'Users', colour: 'c1', values: result.intervals.map((i) => i.users) }];
  const bands = saturatedBands(result.intervals);
  const note = bands.length > 0 ? '<div class="legend"><span><i class="band"></i>load generator saturated: latencies there may be inflated</span></div>' : '';
  return (
    `<section><h2>Over time</h2>` +
    figure('Requests and failures per second', throughput, lineChart({ title: 'Requests and failures per second', unit: 'req/s', xSeconds: x, series: throughput, bands })) +
    figure('Response times (last 10 s window)', latency, lineChart({ title: 'Response times p50, p95, p99', unit: 'ms', xSeconds: x, series: latency, bands })) +
    note +
    figure('Users', users, lineChart({ title: 'Users over time', unit: 'users', xSeconds: x, series: users, bands })) +
    `</section>`
  );
}

export function distributionSection(result: RunResult): string {
  const buckets = histogramDistribution(result.aggregate.histogram, DISTRIBUTION_BUCKETS);
  if (buckets.length === 0) return `<section><h2>Response-time distribution</h2><p class="muted">No response-time histogram in this result.</p></section>`;
  const bars = buckets.map((b) => ({
    label: formatMs(b.fromMs).replace(' ', ''),
    value: b.count,
    detail: `${formatMs(b.fromMs)} – ${formatMs(b.toMs)}: ${formatCount(b.count)} requests`,
  }));
  const svg = barChart('Response-time distribution, all requests', 'requests', bars, 4);
  return `<section><h2>Response-time distribution</h2><figure><figcaption>All requests (log scale of time)</figcaption>${svg}</figure></section>`;
}

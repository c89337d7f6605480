// How a comparison reads, cell by cell, in the terminal table and the Markdown report alike:
// `312 ms`, `+12% ▲ worse`, `+0.5 pp`, `~ noise`.
import { formatCount, formatMs, formatPercent, formatRate } from '../present/numbers';
import type { ComparedMetric, MetricChange, RowComparison } from './compare-results';

export const METRIC_LABELS: Record<ComparedMetric, string> = {
  requests: '# reqs',
  rps: 'RPS',
  median: 'Median',
  p95: 'p95',
  p99: 'p99',
  max: 'Max',
  errors: 'Errors',
};

export function formatMetricValue(metric: ComparedMetric, value: number | undefined): string {
  if (value === undefined) return '-';
  switch (metric) {
    case 'requests':
      return formatCount(value);
    case 'rps':
      return formatRate(value);
    case 'errors':
      return formatPercent(value);
    default:
      return formatMs(value);
  }
}

function signed(text: string, value: number): string {
  return value > 0 ? `+${text}` : value < 0 ? `-${text}` : text;
}

/** The change: relative where the base is not 0, percentage points for the error rate. */
export function formatChange(change: MetricChange): string {
  if (change.change === undefined) return '-';
  if (change.metric === 'errors') {
    const points = Math.abs(change.change);
    return signed(`${points < 1 ? points.toFixed(2) : points.toFixed(1)} pp`, change.change);
  }
  if (change.relative !== undefined) {
    const percent = Math.abs(change.relative * 100);
    return signed(`${percent < 10 ? percent.toFixed(1) : Math.round(percent)}%`, change.relative);
  }
  return signed(formatMetricValue(change.metric, Math.abs(change.change)), change.change);
}

/** `▲ worse`, `▼ better`, `~ noise`, or '' for a metric that is not tested. */
export function formatSignificance(change: MetricChange): string {
  if (change.significant === undefined) return '';
  if (!change.significant || change.verdict === undefined) return '~ noise';
  const up = (change.change ?? 0) > 0;
  return `${up ? '▲' : '▼'} ${change.verdict}`;
}

/** The rows of a comparison as text cells: Type, Name, Metric, Base, New, Change, Significance. */
export function comparisonCells(rows: readonly RowComparison[]): string[][] {
  const cells: string[][] = [];
  for (const row of rows) {
    const name = row.onlyIn ? `${row.name} (only in ${row.onlyIn === 'base' ? 'base' : 'new'})` : row.name;
    row.metrics.forEach((change, index) => {
      cells.push([
        index === 0 ? row.method : '',
        index === 0 ? name : '',
        METRIC_LABELS[change.metric],
        formatMetricValue(change.metric, change.base),
        formatMetricValue(change.metric, change.next),
        formatChange(change),
        formatSignificance(change),
      ]);
    });
  }
  return cells;
}

export const COMPARISON_HEADERS = ['Type', 'Name', 'Metric', 'Base', 'New', 'Change', 'Significance'];

/** Regressions only: the lines a reader must see first. */
export function regressions(rows: readonly RowComparison[]): Array<{ row: RowComparison; change: MetricChange }> {
  return rows.flatMap((row) => row.metrics.filter((change) => change.verdict === 'worse').map((change) => ({ row, change })));
}

/** One change in one cell: `+18% ▲` (a significant regression or gain), `-3.1%` (within noise). */
export function compactChange(change: MetricChange): string {
  const text = formatChange(change);
  if (!change.significant || change.verdict === undefined || change.change === undefined || change.change === 0) return text;
  return `${text} ${change.change > 0 ? '▲' : '▼'}`;
}

/** The metrics of the compact table (one row per request name): the count's change is left out. */
export const COMPACT_METRICS: readonly ComparedMetric[] = ['rps', 'median', 'p95', 'p99', 'max', 'errors'];
export const COMPACT_HEADERS = ['Type', 'Name', ...COMPACT_METRICS.map((metric) => `${METRIC_LABELS[metric]} Δ`)];

/** One row per request name and the aggregate: Type, Name and the change of each compact metric. */
export function compactComparisonCells(rows: readonly RowComparison[]): string[][] {
  return rows.map((row) => [
    row.method,
    row.onlyIn ? `${row.name} (only in ${row.onlyIn})` : row.name,
    ...COMPACT_METRICS.map((metric) => {
      const change = row.metrics.find((m) => m.metric === metric);
      return change ? compactChange(change) : '-';
    }),
  ]);
}

/**
 * The change on a request's code lens, after its value: `▲18%` / `▼12%` when larger than the noise
 * of the two runs, `~+3.1%` within it, '' when there is nothing to compare.
 */
export function lensChange(change: MetricChange | undefined): string {
  if (!change || change.change === undefined) return '';
  const text = formatChange(change);
  if (change.significant && change.verdict !== undefined && change.change !== 0) return `${change.change > 0 ? '▲' : '▼'}${text.replace(/^[+-]/, '')}`;
  return `~${text}`;
}

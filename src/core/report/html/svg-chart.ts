// Charts as inline SVG, drawn here rather than by a script: the report opens offline, prints, and
// needs no JavaScript. Colours come from CSS classes so that dark mode and print restyle them.
import { escapeHtml } from './escape';
import { formatClock } from '../../present/time';

export interface Series {
  label: string;
  /** CSS class of the stroke colour: `c1` ... `c5`. */
  colour: string;
  /** y per x; NaN leaves a gap. */
  values: number[];
}

export interface LineChartInput {
  title: string;
  unit: string;
  /** Seconds since the start, one per value. */
  xSeconds: number[];
  series: Series[];
  /** Stretches shaded behind the lines, in seconds since the start (the load generator's saturated seconds). */
  bands?: Array<{ fromSeconds: number; toSeconds: number; label: string }>;
}

const WIDTH = 720;
const HEIGHT = 220;
const MARGIN = { left: 56, right: 16, top: 22, bottom: 30 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;

/** A round upper bound and step for an axis: 0..max in about `ticks` steps of 1, 2 or 5 × 10^n. */
export function niceScale(max: number, ticks: number): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 0.25 };
  const rough = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude);
  return { max: Math.ceil(max / step) * step, step };
}

function tickLabel(value: number): string {
  if (value >= 10_000) return `${Math.round(value / 1000)}k`;
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(3)));
}

const fmt = (n: number): string => String(Math.round(n * 10) / 10);

function pathOf(xs: number[], ys: number[], x: (v: number) => number, y: (v: number) => number): string {
  let d = '';
  let drawing = false;
  ys.forEach((value, i) => {
    const xv = xs[i];
    if (xv === undefined || !Number.isFinite(value)) {
      drawing = false;
      return;
    }
    d += `${drawing ? 'L' : 'M'}${fmt(x(xv))} ${fmt(y(value))}`;
    drawing = true;
  });
  return d;
}

function frame(title: string, body: string): string {
  return `<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(title)}"><title>${escapeHtml(title)}</title>${body}</svg>`;
}

function yAxis(maxY: number, step: number, unit: string): string {
  let out = '';
  for (let v = 0; v <= maxY + step / 2; v += step) {
    const y = MARGIN.top + PLOT_H - (v / maxY) * PLOT_H;
    out += `<line class="grid" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${fmt(y)}" y2="${fmt(y)}"/>`;
    out += `<text class="tick" x="${MARGIN.left - 6}" y="${fmt(y + 4)}" text-anchor="end">${escapeHtml(tickLabel(v))}</text>`;
  }
  out += `<text class="tick unit" x="4" y="11">${escapeHtml(unit)}</text>`;
  return out;
}

export function lineChart(input: LineChartInput): string {
  const xMax = Math.max(1, ...input.xSeconds);
  const yValues = input.series.flatMap((s) => s.values.filter(Number.isFinite));
  const { max: yMax, step } = niceScale(Math.max(0, ...yValues), 4);
  const x = (v: number): number => MARGIN.left + (v / xMax) * PLOT_W;
  const y = (v: number): number => MARGIN.top + PLOT_H - (v / yMax) * PLOT_H;
  let body = yAxis(yMax, step, input.unit);
  const { step: xStep } = niceScale(xMax, 6);
  for (let v = 0; v <= xMax + xStep / 2; v += xStep) {
    if (v > xMax) break;
    body += `<text class="tick" x="${fmt(x(v))}" y="${HEIGHT - 10}" text-anchor="middle">${formatClock(v * 1000)}</text>`;
  }
  for (const band of input.bands ?? []) {
    const left = x(Math.max(0, band.fromSeconds));
    const width = Math.max(1, x(Math.min(xMax, band.toSeconds)) - left);
    body += `<rect class="band" x="${fmt(left)}" y="${MARGIN.top}" width="${fmt(width)}" height="${PLOT_H}"><title>${escapeHtml(band.label)}</title></rect>`;
  }
  body += `<line class="axis" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${MARGIN.top + PLOT_H}" y2="${MARGIN.top + PLOT_H}"/>`;
  for (const series of input.series) {
    const d = pathOf(input.xSeconds, series.values, x, y);
    if (d !== '') body += `<path class="line ${series.colour}" d="${d}"><title>${escapeHtml(series.label)}</title></path>`;
  }
  return frame(input.title, body);
}

export interface Bar {
  label: string;
  value: number;
  /** Tooltip text. */
  detail: string;
}

/** Vertical bars with a label under every `labelEvery`-th bar. */
export function barChart(title: string, unit: string, bars: Bar[], labelEvery: number): string {
  const { max: yMax, step } = niceScale(Math.max(0, ...bars.map((b) => b.value)), 4);
  const slot = PLOT_W / Math.max(1, bars.length);
  let body = yAxis(yMax, step, unit);
  bars.forEach((bar, i) => {
    const h = (bar.value / yMax) * PLOT_H;
    const left = MARGIN.left + i * slot;
    body += `<rect class="bar" x="${fmt(left + 1)}" y="${fmt(MARGIN.top + PLOT_H - h)}" width="${fmt(Math.max(1, slot - 2))}" height="${fmt(h)}"><title>${escapeHtml(bar.detail)}</title></rect>`;
    if (i % labelEvery === 0) body += `<text class="tick" x="${fmt(left)}" y="${HEIGHT - 10}" text-anchor="middle">${escapeHtml(bar.label)}</text>`;
  });
  body += `<line class="axis" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${MARGIN.top + PLOT_H}" y2="${MARGIN.top + PLOT_H}"/>`;
  return frame(title, body);
}

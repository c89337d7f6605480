// The three charts of Locust's web UI (requests and failures per second, response times, users),
// drawn by uPlot from the bundle, in the colours of the current VS Code theme. A theme change
// rebuilds them, since uPlot bakes colours into its options.
import uPlot from 'uplot';
import { formatMs, formatRate } from '../../src/core/present/numbers';
import { formatDuration } from '../../src/core/present/time';
import type { ChartSeries } from '../../src/core/protocol/webview';
import { el } from './dom';

interface Palette {
  foreground: string;
  grid: string;
  font: string;
  blue: string;
  red: string;
  green: string;
  yellow: string;
  orange: string;
  purple: string;
}

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const value = style.getPropertyValue(name).trim();
  return value === '' ? fallback : value;
}

function readPalette(): Palette {
  const style = getComputedStyle(document.body);
  const family = cssVar(style, '--vscode-font-family', 'sans-serif');
  return {
    foreground: cssVar(style, '--vscode-foreground', '#cccccc'),
    grid: cssVar(style, '--vscode-editorWidget-border', cssVar(style, '--vscode-panel-border', 'rgba(128,128,128,0.35)')),
    font: `11px ${family}`,
    blue: cssVar(style, '--vscode-charts-blue', '#3794ff'),
    red: cssVar(style, '--vscode-charts-red', '#f14c4c'),
    green: cssVar(style, '--vscode-charts-green', '#89d185'),
    yellow: cssVar(style, '--vscode-charts-yellow', '#cca700'),
    orange: cssVar(style, '--vscode-charts-orange', '#d18616'),
    purple: cssVar(style, '--vscode-charts-purple', '#b180d7'),
  };
}

interface ChartSpec {
  id: string;
  title: string;
  series: Array<{ label: string; color: keyof Palette; values: (data: ChartSeries) => Array<number | null>; format: (value: number) => string }>;
}

const SPECS: readonly ChartSpec[] = [
  {
    id: 'chart-rps',
    title: 'Total requests per second',
    series: [
      { label: 'RPS', color: 'green', values: (d) => d.rps, format: formatRate },
      { label: 'Failures/s', color: 'red', values: (d) => d.failuresPerSec, format: formatRate },
    ],
  },
  {
    id: 'chart-latency',
    title: 'Response times (ms, last 10 s)',
    series: [
      { label: '50%', color: 'blue', values: (d) => d.p50, format: formatMs },
      { label: '95%', color: 'orange', values: (d) => d.p95, format: formatMs },
      { label: '99%', color: 'purple', values: (d) => d.p99, format: formatMs },
    ],
  },
  {
    id: 'chart-users',
    title: 'Number of users',
    series: [{ label: 'Users', color: 'yellow', values: (d) => d.users, format: (v) => formatRate(v) }],
  },
];

const CHART_HEIGHT = 180;
const TIME_STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];

function clockLabel(unixSeconds: number): string {
  const date = new Date(unixSeconds * 1000);
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((part) => String(part).padStart(2, '0')).join(':');
}

/**
 * Shades the seconds in which the load generator was saturated (their latencies may be inflated;
 * docs/reading-numbers.md), under the lines: interval i spans from the end of i-1 to its own end.
 */
function shadeSaturated(chart: uPlot, series: ChartSeries | undefined, palette: Palette): void {
  const saturated = series?.saturated;
  if (!saturated?.includes(1)) return;
  const times = chart.data[0];
  const { ctx } = chart;
  const { top, height } = chart.bbox;
  ctx.save();
  ctx.fillStyle = palette.red;
  ctx.globalAlpha = 0.12;
  saturated.forEach((flag, index) => {
    const end = times[index];
    if (flag !== 1 || end === undefined) return;
    const start = times[index - 1] ?? end - 1;
    const left = chart.valToPos(start, 'x', true);
    ctx.fillRect(left, top, Math.max(1, chart.valToPos(end, 'x', true) - left), height);
  });
  ctx.restore();
}

function options(spec: ChartSpec, palette: Palette, width: number, current: () => ChartSeries | undefined): uPlot.Options {
  const axis: uPlot.Axis = { stroke: palette.foreground, font: palette.font, grid: { stroke: palette.grid, width: 1 }, ticks: { stroke: palette.grid, width: 1 } };
  return {
    width,
    height: CHART_HEIGHT,
    series: [
      { label: 'Time' },
      ...spec.series.map((line) => ({
        label: line.label,
        stroke: palette[line.color],
        width: 2,
        // Lines only, except for a run too short to draw one: its one or two points are dots.
        points: { show: (chart: uPlot) => chart.data[0].length < 3 },
        value: (_chart: uPlot, value: number | null) => (value === null || value === undefined ? '–' : line.format(value)),
      })),
    ],
    // Whole seconds on the time axis (intervals are 1 s apart), as clock time like Locust's charts.
    axes: [{ ...axis, incrs: TIME_STEPS_S, values: (_chart, ticks) => ticks.map(clockLabel) }, { ...axis, size: 60 }],
    scales: { y: { range: (_chart, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
    cursor: { drag: { x: false, y: false } },
    legend: { live: true },
    hooks: { drawClear: [(chart) => shadeSaturated(chart, current(), palette)] },
  };
}

function dataOf(spec: ChartSpec, series: ChartSeries): uPlot.AlignedData {
  return [series.time, ...spec.series.map((line) => line.values(series))];
}

function lastDrawn(values: ReadonlyArray<number | null>): number {
  for (let index = values.length - 1; index >= 0; index--) {
    const value = values[index];
    if (value !== null && value !== undefined) return value;
  }
  return 0;
}

/** Words for screen readers: the last drawn value of each line (a gap has none). */
function describe(spec: ChartSpec, series: ChartSeries): string {
  if (series.time.length === 0) return `${spec.title}: no data yet`;
  const last = spec.series.map((line) => `${line.label} ${line.format(lastDrawn(line.values(series)))}`).join(', ');
  const saturated = series.saturated?.filter((flag) => flag === 1).length ?? 0;
  return `${spec.title}, last value: ${last}${saturated > 0 ? `; load generator saturated for ${formatDuration(saturated * 1000)} (shaded)` : ''}`;
}

export class Charts {
  readonly element: HTMLElement;
  private readonly slots: Array<{ spec: ChartSpec; holder: HTMLElement; figure: HTMLElement; chart?: uPlot }>;
  private series: ChartSeries | undefined;

  constructor() {
    this.slots = SPECS.map((spec) => {
      const holder = el('div', { class: 'chart-canvas' });
      const figure = el('figure', { class: 'chart', id: spec.id, role: 'img' }, [el('figcaption', {}, [spec.title]), holder]);
      return { spec, holder, figure };
    });
    this.element = el('div', { class: 'charts' }, this.slots.map((slot) => slot.figure));
    new ResizeObserver(() => this.resize()).observe(this.element);
    // VS Code swaps the body's theme class (vscode-light, vscode-dark, vscode-high-contrast...).
    new MutationObserver(() => this.rebuild()).observe(document.body, { attributes: true, attributeFilter: ['class'] });
  }

  update(series: ChartSeries): void {
    this.series = series;
    for (const slot of this.slots) {
      slot.figure.setAttribute('aria-label', describe(slot.spec, series));
      if (slot.chart) slot.chart.setData(dataOf(slot.spec, series));
      else this.create(slot);
    }
  }

  private width(slot: { holder: HTMLElement }): number {
    return Math.max(240, Math.floor(slot.holder.clientWidth || 480));
  }

  private create(slot: (typeof this.slots)[number]): void {
    if (!this.series) return;
    slot.chart = new uPlot(options(slot.spec, readPalette(), this.width(slot), () => this.series), dataOf(slot.spec, this.series), slot.holder);
  }

  private rebuild(): void {
    for (const slot of this.slots) {
      slot.chart?.destroy();
      slot.chart = undefined;
      slot.holder.replaceChildren();
      this.create(slot);
    }
  }

  private resize(): void {
    for (const slot of this.slots) slot.chart?.setSize({ width: this.width(slot), height: CHART_HEIGHT });
  }
}

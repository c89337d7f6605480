// The panel's page: heading with the plan and progress, the buttons, the charts and the tables.
// It renders a PanelState; clicks become messages to the host or actions on the state.
import type { UiMessage } from '../../src/core/protocol/webview';
import { formatTimestamp } from '../../src/core/present/time';
import type { PanelState, UiAction } from '../state/reducer';
import { isLive, progressFraction, progressText, verdictLine, verdicts, visibleTable } from '../state/selectors';
import { Charts } from './charts';
import { comparisonView } from './comparison';
import { el, replaceChildren, setText } from './dom';
import { failuresTable, insightsList, StatsTableView, thresholdsTable } from './tables';

const ORIGIN_LABEL: Record<PanelState['origin'], string> = { live: 'Run', saved: 'Saved run', imported: 'Imported from Locust CSV' };

export interface AppCallbacks {
  post(message: UiMessage): void;
  act(action: UiAction): void;
}

function section(title: string, id: string, content: HTMLElement): HTMLElement {
  return el('section', { 'aria-labelledby': id }, [el('h2', { id }, [title]), content]);
}

export class App {
  private readonly title = el('h1');
  private readonly badge = el('span', { class: 'badge' });
  private readonly plan = el('p', { class: 'plan' });
  private readonly progress = el('p', { class: 'progress', role: 'status', 'aria-live': 'polite' });
  private readonly bar = el('div', { class: 'bar', role: 'progressbar', 'aria-label': 'Run progress', 'aria-valuemin': '0', 'aria-valuemax': '100' }, [el('div', { class: 'bar-fill' })]);
  private readonly verdict = el('p', { class: 'verdict-line' });
  private readonly stopButton = el('button', { type: 'button', id: 'stop' }, ['■ Stop']);
  private readonly htmlButton = el('button', { type: 'button', id: 'export-html', class: 'secondary' }, ['Export HTML']);
  private readonly csvButton = el('button', { type: 'button', id: 'export-csv', class: 'secondary' }, ['Export CSV']);
  private readonly baselineButton = el('button', { type: 'button', id: 'set-baseline', class: 'secondary', title: 'Keep this run as the baseline of its scenario' }, ['Set as Baseline']);
  private readonly compareButton = el('button', { type: 'button', id: 'compare-with', class: 'secondary', title: 'Compare this run with the baseline or an earlier run' }, ['Compare With…']);
  private readonly comparison = el('div');
  private readonly charts = new Charts();
  private readonly stats: StatsTableView;
  private readonly failures = el('div');
  private readonly thresholds = el('div');
  private readonly insights = el('div');
  private readonly content: HTMLElement;
  private readonly empty = el('p', { class: 'empty' });

  constructor(root: HTMLElement, callbacks: AppCallbacks) {
    this.stats = new StatsTableView((column) => callbacks.act({ type: 'ui/sort', column }));
    this.stopButton.addEventListener('click', () => callbacks.post({ type: 'ui/stop' }));
    this.htmlButton.addEventListener('click', () => callbacks.post({ type: 'ui/export', format: 'html' }));
    this.csvButton.addEventListener('click', () => callbacks.post({ type: 'ui/export', format: 'csv' }));
    this.baselineButton.addEventListener('click', () => callbacks.post({ type: 'ui/set-baseline' }));
    this.compareButton.addEventListener('click', () => callbacks.post({ type: 'ui/compare' }));
    const header = el('header', {}, [
      el('div', { class: 'title-row' }, [this.title, this.badge]),
      this.plan,
      this.progress,
      this.bar,
      this.verdict,
      el('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Run actions' }, [this.stopButton, this.htmlButton, this.csvButton, this.baselineButton, this.compareButton]),
    ]);
    this.content = el('div', { class: 'content' }, [
      section('Charts', 'h-charts', this.charts.element),
      section('Statistics', 'h-stats', el('div', { class: 'table-scroll' }, [this.stats.element])),
      section('Comparison', 'h-comparison', this.comparison),
      section('Thresholds', 'h-thresholds', this.thresholds),
      section('Failures', 'h-failures', el('div', { class: 'table-scroll' }, [this.failures])),
      section('Insights', 'h-insights', this.insights),
    ]);
    root.replaceChildren(header, this.empty, this.content);
  }

  render(state: PanelState): void {
    const live = isLive(state);
    document.body.dataset.phase = state.phase;
    setText(this.title, state.heading?.title ?? 'Loadlens Results');
    setText(this.badge, state.phase === 'empty' ? '' : `${ORIGIN_LABEL[state.origin]}${state.startTime ? ` · ${formatTimestamp(state.startTime)}` : ''}`);
    const planParts = [state.heading?.plan, state.heading?.host ? `against ${state.heading.host}` : undefined].filter((part): part is string => !!part);
    setText(this.plan, planParts.join(' · '));
    setText(this.progress, progressText(state));
    const fraction = progressFraction(state);
    this.bar.hidden = fraction === undefined;
    if (fraction !== undefined) {
      this.bar.setAttribute('aria-valuenow', String(Math.round(fraction * 100)));
      (this.bar.firstElementChild as HTMLElement).style.width = `${(fraction * 100).toFixed(1)}%`;
    }
    const verdictText = verdictLine(state);
    const abort = state.abortedBy ? `Aborting: ${state.abortedBy.rule} broken by ${state.abortedBy.target === 'aggregate' ? 'Aggregated' : state.abortedBy.target}` : '';
    setText(this.verdict, verdictText ?? abort);
    this.verdict.className = `verdict-line ${verdictText?.startsWith('✗') || abort ? 'bad' : 'good'}`;

    this.stopButton.hidden = !live;
    this.stopButton.disabled = !live;
    const exportable = state.result !== undefined;
    this.htmlButton.disabled = !exportable;
    this.csvButton.disabled = !exportable;
    // A baseline is a run of a scenario: not an imported Locust run.
    this.baselineButton.disabled = !exportable || state.origin === 'imported';
    this.compareButton.disabled = !exportable;

    const nothing = state.phase === 'empty';
    this.content.hidden = nothing;
    this.empty.hidden = !nothing;
    setText(this.empty, nothing ? 'Run a load test (▶ Run load test above a scenario), open a previous run, or import Locust CSV results to see them here.' : '');
    if (nothing) return;

    this.charts.update(state.series);
    this.stats.update(visibleTable(state), state.sort, live);
    replaceChildren(this.comparison, [comparisonView(state.comparison)]);
    replaceChildren(this.thresholds, [thresholdsTable(verdicts(state), live)]);
    replaceChildren(this.failures, [failuresTable(state.result?.failures ?? [], live)]);
    replaceChildren(this.insights, [insightsList(state.result?.insights ?? [])]);
  }
}

// The tables: per-request statistics (Locust's columns, sortable from the keyboard), failures,
// and threshold verdicts. Cells are text nodes only.
import type { FailureRow, Insight, ThresholdVerdict } from '../../src/core/metrics/result';
import { formatCount } from '../../src/core/present/numbers';
import { statsCellText } from '../../src/core/present/stats-row';
import { failureTableRows } from '../state/failure-rows';
import { STATS_COLUMNS, type SortOrder, type StatsColumn, type StatsRow, type StatsTable } from '../state/stats-rows';
import { measuredAgainstLimit, targetLabel } from '../../src/core/present/verdicts';
import { el, replaceChildren } from './dom';

function statsRow(row: StatsRow, aggregate: boolean): HTMLTableRowElement {
  return el(
    'tr',
    { class: aggregate ? 'aggregate' : row.failures > 0 ? 'has-failures' : undefined },
    STATS_COLUMNS.map((column) =>
      column.key === 'name' ? el('th', { scope: 'row' }, [statsCellText(row, column.key)]) : el('td', { class: column.numeric ? 'num' : undefined }, [statsCellText(row, column.key)]),
    ),
  );
}

/**
 * The headings are built once and updated in place, so that a heading keeps keyboard focus while
 * live numbers arrive every second.
 */
export class StatsTableView {
  readonly element: HTMLTableElement;
  private readonly headings: Array<{ key: StatsColumn; cell: HTMLTableCellElement; label: Text; mark: HTMLElement; button: HTMLButtonElement }>;
  private readonly body = el('tbody');
  private readonly foot = el('tfoot');

  constructor(onSort: (column: StatsColumn) => void) {
    this.headings = STATS_COLUMNS.map((column) => {
      const label = document.createTextNode(column.label);
      const mark = el('span', { class: 'sort-mark', 'aria-hidden': 'true' });
      const button = el('button', { type: 'button', class: 'sort' }, [label, mark]);
      button.addEventListener('click', () => onSort(column.key));
      const cell = el('th', { scope: 'col', class: column.numeric ? 'num' : undefined, 'aria-sort': 'none' }, [button]);
      return { key: column.key, cell, label, mark, button };
    });
    const head = el('thead', {}, [el('tr', {}, this.headings.map((heading) => heading.cell))]);
    this.element = el('table', { class: 'stats', 'aria-label': 'Statistics per request' }, [head, this.body, this.foot]);
  }

  update(table: StatsTable, sort: SortOrder | undefined, live: boolean): void {
    for (const heading of this.headings) {
      const column = STATS_COLUMNS.find((candidate) => candidate.key === heading.key);
      const label = live && column?.liveLabel ? column.liveLabel : (column?.label ?? heading.key);
      const sorted = sort?.column === heading.key ? (sort.descending ? 'descending' : 'ascending') : 'none';
      if (heading.label.data !== label) heading.label.data = label;
      heading.mark.textContent = sorted === 'descending' ? ' ▼' : sorted === 'ascending' ? ' ▲' : '';
      heading.cell.setAttribute('aria-sort', sorted);
      heading.button.title = `Sort by ${label}`;
    }
    replaceChildren(this.body, table.rows.map((row) => statsRow(row, false)));
    replaceChildren(this.foot, table.aggregate ? [statsRow(table.aggregate, true)] : []);
  }
}

export function failuresTable(failures: readonly FailureRow[], live: boolean): HTMLElement {
  if (failures.length === 0) return el('p', { class: 'muted' }, [live ? 'Failures are listed when the run ends.' : 'No failures.']);
  return el('table', { class: 'failures', 'aria-label': 'Failures' }, [
    el('thead', {}, [el('tr', {}, ['# Failures', 'Method', 'Name', 'Error'].map((label, i) => el('th', { scope: 'col', class: i === 0 ? 'num' : undefined }, [label])))]),
    el(
      'tbody',
      {},
      failureTableRows(failures).map((row) =>
        el('tr', {}, [
          el('td', { class: 'num' }, [row.occurrences]),
          el('td', {}, [row.method]),
          el('td', {}, [row.name]),
          el('td', { class: 'error-text' }, row.words === undefined ? [row.error] : [row.error, el('span', { class: 'failure-words' }, [row.words])]),
        ]),
      ),
    ),
  ]);
}

export function thresholdsTable(verdicts: readonly ThresholdVerdict[], live: boolean): HTMLElement {
  if (verdicts.length === 0) return el('p', { class: 'muted' }, [live ? 'Thresholds are judged when the run ends (abort rules while it runs).' : 'No thresholds were evaluated.']);
  const ordered = [...verdicts].sort((a, b) => Number(a.passed) - Number(b.passed));
  return el('table', { class: 'thresholds', 'aria-label': 'Threshold verdicts' }, [
    el('thead', {}, [el('tr', {}, ['Verdict', 'Rule', 'Target', 'Measured', 'Requests'].map((label) => el('th', { scope: 'col' }, [label])))]),
    el(
      'tbody',
      {},
      ordered.map((verdict) => {
        const mark = verdict.passed ? '✓ passed' : verdict.severity === 'warn' ? '⚠ warning' : '✗ broken';
        const rule = verdict.isDefault ? `${verdict.rule} (default)` : verdict.rule;
        return el('tr', { class: verdict.passed ? 'passed' : verdict.severity === 'warn' ? 'warned' : 'broken' }, [
          el('td', { class: 'verdict' }, [mark]),
          el('td', {}, [rule]),
          el('td', {}, [targetLabel(verdict)]),
          el('td', {}, [measuredAgainstLimit(verdict)]),
          el('td', { class: 'num' }, [formatCount(verdict.requests)]),
        ]);
      }),
    ),
  ]);
}

export function insightsList(insights: readonly Insight[]): HTMLElement {
  if (insights.length === 0) return el('p', { class: 'muted' }, ['No warning signs found.']);
  return el(
    'ul',
    { class: 'insights' },
    insights.map((insight) => el('li', { class: `insight ${insight.severity}` }, [el('strong', {}, [`${insight.severity}: `]), insight.target ? `${insight.target}: ` : '', insight.message])),
  );
}

// The comparison of the shown run with a baseline or an earlier run: base / new / change per
// request name and metric, the words of `loadlens compare`, significant changes marked. Cells are
// text nodes only (the names come from the scenario and the result files).
import type { PanelComparison } from '../../src/core/protocol/webview';
import { el } from './dom';

export const COMPARISON_COLUMNS = ['Type', 'Name', 'Metric', 'Base', 'New', 'Change', 'Significance'];
const NUMERIC = new Set([3, 4, 5]);

export function comparisonView(comparison: PanelComparison | undefined): HTMLElement {
  if (!comparison) return el('p', { class: 'muted' }, ['Not compared. Set as Baseline keeps this run for the next runs of the scenario; Compare With… compares it with the baseline or an earlier run.']);
  const notes = [`Compared with the ${comparison.label}.`, comparison.sameScenario ? '' : ' The other run comes from a different version of the scenario.'].join('');
  return el('div', { class: 'comparison' }, [
    el('p', { class: 'comparison-label' }, [notes]),
    el('div', { class: 'table-scroll' }, [
      el('table', { class: 'comparison-table', 'aria-label': `Change against the ${comparison.label}` }, [
        el('thead', {}, [el('tr', {}, COMPARISON_COLUMNS.map((label, i) => el('th', { scope: 'col', class: NUMERIC.has(i) ? 'num' : undefined }, [label])))]),
        el(
          'tbody',
          {},
          comparison.rows.map((row) =>
            el(
              'tr',
              { class: row.mark ? `change-${row.mark}` : undefined },
              row.cells.map((cell, i) => el('td', { class: NUMERIC.has(i) ? 'num' : i === 6 ? 'significance' : undefined }, [cell])),
            ),
          ),
        ),
      ]),
    ]),
    el('p', { class: 'muted method' }, [comparison.method]),
  ]);
}

// A comparison as the VS Code results panel draws it (src/core/protocol/webview.ts,
// PanelComparison): the rows and words of `loadlens compare`, a mark on each significant change.
import type { PanelComparison } from '../protocol/webview';
import { comparisonCells } from './cells';
import type { Comparison } from './compare-results';

export function panelComparison(comparison: Comparison, label: string): PanelComparison {
  const rows = [...comparison.rows, comparison.aggregate];
  const cells = comparisonCells(rows);
  const marks = rows.flatMap((row) => row.metrics.map((change) => (change.significant ? change.verdict : undefined)));
  return {
    label,
    nextStartTime: comparison.next.startTime,
    sameScenario: comparison.sameScenario,
    rows: cells.map((row, index) => {
      const mark = marks[index];
      return mark ? { cells: row, mark } : { cells: row };
    }),
    method: comparison.method,
  };
}

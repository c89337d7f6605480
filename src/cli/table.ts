// Plain aligned text tables, in the manner of Locust's console statistics.

export type Align = 'left' | 'right';

export interface Column {
  title: string;
  align: Align;
}

/** A row of cells, or `'rule'` for a separator line (Locust draws one above the aggregate row). */
export type Row = string[] | 'rule';

import { escapeControls } from './format';

/** Cells hold names and errors from scenarios and servers: escaped (./format.ts) before they are measured. */
export function renderTable(columns: readonly Column[], rawRows: readonly Row[]): string {
  const rows = rawRows.map((row) => (row === 'rule' ? row : row.map((cell) => escapeControls(cell))));
  const widths = columns.map((column, i) =>
    Math.max(column.title.length, ...rows.map((row) => (row === 'rule' ? 0 : (row[i] ?? '').length))),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (columns[i]?.align === 'right' ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('--');
  return [line(columns.map((c) => c.title)), rule, ...rows.map((row) => (row === 'rule' ? rule : line(row)))].join('\n');
}

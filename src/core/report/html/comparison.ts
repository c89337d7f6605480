// The report's "Change against the baseline" section (`loadlens run --baseline`): base, new and
// change per request name, significant changes marked as in the terminal (src/core/comparison).
import { COMPARISON_HEADERS, comparisonCells } from '../../comparison/cells';
import type { Comparison } from '../../comparison/compare-results';
import { escapeHtml } from './escape';

export function comparisonSection(comparison: Comparison | undefined, baselineLabel: string | undefined): string {
  if (!comparison) return '';
  const cells = comparisonCells([...comparison.rows, comparison.aggregate]);
  const head = `<tr>${COMPARISON_HEADERS.map((label, i) => `<th${i < 3 || i === 6 ? ' class="text"' : ''}>${escapeHtml(label)}</th>`).join('')}</tr>`;
  const rows = cells.map((row) => {
    const significance = row[6] ?? '';
    const mark = significance.includes('worse') ? ' bad' : significance.includes('better') ? ' ok' : '';
    return (
      '<tr>' +
      row.map((cell, i) => (i < 3 ? `<td class="text">${escapeHtml(cell)}</td>` : i === 6 ? `<td class="text${mark}">${escapeHtml(cell)}</td>` : `<td>${escapeHtml(cell)}</td>`)).join('') +
      '</tr>'
    );
  });
  const against = baselineLabel ? ` <span class="muted">(${escapeHtml(baselineLabel)})</span>` : '';
  const warning = comparison.sameScenario ? '' : '<p class="note">The baseline comes from a different version of the scenario: requests are matched by name and method.</p>';
  return (
    `<section><h2>Change against the baseline${against}</h2>${warning}` +
    `<div class="scroll"><table><thead>${head}</thead><tbody>${rows.join('')}</tbody></table></div>` +
    `<p class="note">${escapeHtml(comparison.method)}</p></section>`
  );
}

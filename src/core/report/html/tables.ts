// The report's tables: threshold verdicts, insights, Locust's statistics and percentiles, failures.
import { PERCENTILES, type EndpointStats, type RunResult, type ThresholdVerdict } from '../../metrics/result';
import { parseThresholdRule } from '../../scenario/thresholds';
import { formatCount, formatMetricValue, formatMsNumber as ms, formatProtocols, formatRate } from '../../present';
import { failureWords } from '../../present/failure-words';
import { escapeHtml } from './escape';

const text = (value: string): string => `<td class="text">${escapeHtml(value)}</td>`;
const num = (value: string): string => `<td>${escapeHtml(value)}</td>`;
/** A header row; the columns in `textColumns` hold text and align left. */
const heads = (labels: string[], textColumns: number[]): string =>
  `<tr>${labels.map((label, i) => `<th${textColumns.includes(i) ? ' class="text"' : ''}>${escapeHtml(label)}</th>`).join('')}</tr>`;
const table = (head: string, rows: string[]): string => `<div class="scroll"><table><thead>${head}</thead><tbody>${rows.join('')}</tbody></table></div>`;

function actualOf(verdict: ThresholdVerdict): string {
  const parsed = parseThresholdRule(verdict.rule);
  return parsed.ok ? formatMetricValue(parsed.rule.metric, verdict.actual) : formatCount(verdict.actual);
}

export function verdictsSection(result: RunResult): string {
  if (result.thresholds.length === 0) return `<section><h2>Thresholds</h2><p class="muted">No threshold was checked.</p></section>`;
  const rows = result.thresholds.map((v) => {
    const outcome = v.passed ? '<td class="text ok">pass</td>' : `<td class="text ${v.severity === 'error' ? 'bad' : 'warned'}">${v.severity === 'error' ? 'FAIL' : 'warn'}</td>`;
    const rule = `${v.rule}${v.isDefault ? ' (default)' : ''}`;
    return `<tr>${outcome}${text(rule)}${text(v.target)}${num(actualOf(v))}${num(formatCount(v.requests))}${text(v.severity)}</tr>`;
  });
  return `<section><h2>Thresholds</h2>${table(heads(['Result', 'Rule', 'Target', 'Measured', 'Requests', 'Severity'], [0, 1, 2, 5]), rows)}</section>`;
}

export function insightsSection(result: RunResult): string {
  if (result.insights.length === 0) return `<section><h2>Insights</h2><p class="muted">No warning signs.</p></section>`;
  const items = result.insights.map((i) => `<li class="${i.severity}"><span class="tag">${i.severity}</span>${escapeHtml(i.message)}</li>`);
  return `<section><h2>Insights</h2><ul class="insights">${items.join('')}</ul></section>`;
}

function rowsWithTotal(result: RunResult, row: (stats: EndpointStats) => string): string[] {
  return [...result.endpoints.map(row), row(result.aggregate).replace('<tr>', '<tr class="total">')];
}

/** Locust's statistics table, with the same columns as its HTML report. */
export function statsSection(result: RunResult): string {
  const row = (s: EndpointStats): string => {
    const has = s.requests > 0;
    const p = (key: string): string => (has ? ms(s.percentiles[key] ?? 0) : 'N/A');
    return (
      `<tr>${text(s.method)}${text(s.name)}${num(formatCount(s.requests))}${num(formatCount(s.failures))}` +
      `${num(has ? ms(s.medianMs) : 'N/A')}${num(p('95'))}${num(p('99'))}${num(ms(s.meanMs))}${num(ms(s.minMs))}${num(ms(s.maxMs))}` +
      `${num(formatCount(has ? Math.round(s.contentBytes / s.requests) : 0))}${num(formatRate(s.rps))}${num(formatRate(s.failuresPerSec))}${text(formatProtocols(s.protocols))}</tr>`
    );
  };
  const head = heads(['Type', 'Name', '# Requests', '# Fails', 'Median', '95%ile', '99%ile', 'Average', 'Min', 'Max', 'Average size', 'RPS', 'Failures/s', 'Protocol'], [0, 1, 13]);
  const percentileRow = (s: EndpointStats): string =>
    `<tr>${text(s.method)}${text(s.name)}${PERCENTILES.map((p) => num(s.requests > 0 ? ms(s.percentiles[String(p)] ?? 0) : 'N/A')).join('')}</tr>`;
  const percentileHead = heads(['Type', 'Name', ...PERCENTILES.map((p) => `${p}%`)], [0, 1]);
  return (
    `<section><h2>Request statistics</h2><p class="note">Times in ms, sizes in bytes.</p>${table(head, rowsWithTotal(result, row))}</section>` +
    `<section><h2>Response time percentiles</h2><p class="note">In ms.</p>${table(percentileHead, rowsWithTotal(result, percentileRow))}</section>`
  );
}

/** A failure's text and, under it, the plain words the panel, Send Request and the CLI give it (failure-words.ts). */
function errorCell(error: string): string {
  const words = failureWords(error);
  return words === undefined ? text(error) : `<td class="text">${escapeHtml(error)}<br><span class="muted">${escapeHtml(words)}</span></td>`;
}

export function failuresSection(result: RunResult): string {
  if (result.failures.length === 0) return `<section><h2>Failures</h2><p class="muted">No failures.</p></section>`;
  const rows = result.failures.map((f) => `<tr>${num(formatCount(f.occurrences))}${text(f.method)}${text(f.name)}${errorCell(f.error)}</tr>`);
  return `<section><h2>Failures</h2>${table(heads(['# Failures', 'Method', 'Name', 'Error'], [1, 2, 3]), rows)}</section>`;
}

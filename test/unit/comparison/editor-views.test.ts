// The comparison as the editor shows it: the change on a request's code lens and the rows of the
// results panel, from the same significance as `loadlens compare`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareResults, type MetricChange, type RowComparison } from '../../../src/core/comparison';
import { lensChange } from '../../../src/core/comparison/cells';
import { panelComparison } from '../../../src/core/comparison/panel-view';
import { asHostMessage, asPanelSnapshot } from '../../../src/core/protocol/webview';
import { requestNumbersTitle } from '../../../src/vscode/run/logic/lens-text';
import { buildRunResult, HOSPITAL_ENDPOINTS, type EndpointSpec } from '../../fixtures/results';

const change = (overrides: Partial<MetricChange>): MetricChange => ({ metric: 'p95', base: 36.4, next: 43, change: 6.6, relative: 0.18, ...overrides });

describe('lensChange', () => {
  it('a change larger than the noise: an arrow and its size', () => {
    assert.equal(lensChange(change({ significant: true, verdict: 'worse' })), '▲18%');
    assert.equal(lensChange(change({ next: 32, change: -4.4, relative: -0.12, significant: true, verdict: 'better' })), '▼12%');
  });

  it('a change within the noise: ~ and the signed size; nothing to compare: nothing', () => {
    assert.equal(lensChange(change({ change: 1.1, relative: 0.031, significant: false })), '~+3.1%');
    assert.equal(lensChange(undefined), '');
    assert.equal(lensChange({ metric: 'p95', base: 10 }), '');
  });
});

/** The hospital endpoints with List hospitals `factor` times slower. */
function slowerList(factor: number): EndpointSpec[] {
  return HOSPITAL_ENDPOINTS.map((e) => (e.name === 'List hospitals' ? { ...e, latencyMs: (s, u, r) => e.latencyMs(s, u, r) * factor } : e));
}

describe('a run compared with a slower one', () => {
  const base = buildRunResult({ seed: 1 });
  const next = buildRunResult({ seed: 2, endpoints: slowerList(1.4) });
  const comparison = compareResults(base, next);

  it('the slower request lens shows its p95 with ▲ and the change; an unchanged one with ~', () => {
    const list = next.endpoints.find((e) => e.name === 'List hospitals');
    const home = next.endpoints.find((e) => e.name === 'Home page');
    assert.ok(list && home);
    assert.match(requestNumbersTitle(list, comparison), /^p95 [\d.,]+ ms ▲\d+% · [\d.]+% errors · [\d.,]+ rps$/);
    assert.match(requestNumbersTitle(home, comparison), /^p95 [\d.,]+ ms ~[+-][\d.]+% · /);
    assert.match(requestNumbersTitle(home), /^p95 [\d.,]+ ms · /, 'without a comparison, no change');
  });

  it('the panel rows are the words of loadlens compare, the significant ones marked', () => {
    const view = panelComparison(comparison, 'baseline (2026-11-30 03:10:04)');
    assert.equal(view.nextStartTime, next.startTime);
    const rows = [...comparison.rows, comparison.aggregate] as RowComparison[];
    assert.equal(view.rows.length, rows.reduce((n, row) => n + row.metrics.length, 0));
    const p95 = view.rows.find((row, i) => row.cells[2] === 'p95' && view.rows.slice(0, i + 1).reverse().find((r) => r.cells[1] !== '')?.cells[1] === 'List hospitals');
    assert.ok(p95);
    assert.equal(p95.mark, 'worse');
    assert.match(p95.cells[5] ?? '', /^\+\d+%$/);
    assert.equal(p95.cells[6], '▲ worse');
    assert.ok(view.rows.every((row) => row.cells.length === 7 && (row.mark === undefined) === (row.cells[6] !== '▲ worse' && row.cells[6] !== '▼ better')));
  });

  it('the comparison crosses the webview boundary checked, and a malformed one is refused', () => {
    const view = panelComparison(comparison, 'baseline');
    assert.ok(asHostMessage({ type: 'comparison/show', comparison: view }));
    assert.equal(asHostMessage({ type: 'comparison/show', comparison: { ...view, rows: [{ cells: [1, 2] }] } }), undefined);
    assert.equal(asHostMessage({ type: 'comparison/show', comparison: { ...view, rows: [{ cells: [], mark: '<b>' }] } }), undefined);
    const snapshot = { phase: 'empty', origin: 'live', requestNames: [], series: { time: [], rps: [], failuresPerSec: [], p50: [], p95: [], p99: [], users: [] } };
    assert.ok(asPanelSnapshot({ ...snapshot, comparison: view }));
    assert.equal(asPanelSnapshot({ ...snapshot, comparison: { label: 3 } }), undefined);
  });
});

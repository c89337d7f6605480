import { test } from 'node:test';
import { emptyPanelSnapshot, resultSnapshot } from '../../../src/core/report/panel-snapshot';
import assert from 'node:assert/strict';
import { asHostMessage, asUiMessage } from '../../../src/core/protocol/webview';
import { result, snapshot } from './fixtures';

test('ui messages: known types pass, anything else is dropped', () => {
  assert.deepEqual(asUiMessage({ type: 'ui/ready', protocolVersion: 1 }), { type: 'ui/ready', protocolVersion: 1 });
  assert.deepEqual(asUiMessage({ type: 'ui/export', format: 'csv', extra: '<script>' }), { type: 'ui/export', format: 'csv' });
  assert.equal(asUiMessage({ type: 'ui/export', format: 'pdf' }), undefined);
  assert.equal(asUiMessage({ type: 'ui/ready' }), undefined);
  assert.equal(asUiMessage({ type: 'run/stop' }), undefined);
  assert.equal(asUiMessage('ui/stop'), undefined);
  assert.equal(asUiMessage(null), undefined);
});

test('host messages are checked before the panel reads them', () => {
  assert.ok(asHostMessage({ type: 'run/interval', runId: 'a', snapshot: snapshot(1, 1, []) }));
  assert.equal(asHostMessage({ type: 'run/interval', runId: 'a', snapshot: { time: 'now' } }), undefined);
  assert.ok(asHostMessage({ type: 'result/show', origin: 'imported', heading: { title: 't', plan: '' }, result: result() }));
  assert.equal(asHostMessage({ type: 'result/show', origin: 'remote', heading: { title: 't', plan: '' }, result: result() }), undefined);
  assert.equal(asHostMessage({ type: 'run/finished', runId: 'a', result: { endpoints: 'x' } }), undefined);
  assert.ok(asHostMessage({ type: 'panel/snapshot', protocolVersion: 1, snapshot: emptyPanelSnapshot() }));
  assert.ok(asHostMessage({ type: 'panel/snapshot', protocolVersion: 1, snapshot: resultSnapshot('saved', { title: 't', plan: '' }, result()) }));
  assert.equal(asHostMessage({ type: 'panel/snapshot', protocolVersion: 1, snapshot: { ...emptyPanelSnapshot(), phase: 'exploded' } }), undefined);
  assert.equal(asHostMessage({ type: 'panel/snapshot', protocolVersion: 1, snapshot: { ...emptyPanelSnapshot(), phase: 'finished' } }), undefined, 'finished without a result');
  assert.equal(asHostMessage({ type: 'panel/snapshot', protocolVersion: 1, snapshot: { ...emptyPanelSnapshot(), series: { time: ['x'] } } }), undefined);
  assert.equal(asHostMessage({ type: 'run/started', runId: 'a', heading: { title: 't', plan: '' }, startTime: 1, load: {}, requestNames: [1] }), undefined);
});

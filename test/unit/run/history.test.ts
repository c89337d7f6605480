import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filesToPrune, historyFileName, listHistory, parseHistoryFileName, scenarioSlug } from '../../../src/vscode/run/logic/history';

const start = Date.UTC(2026, 10, 26, 17, 45, 3, 120);

test('a history name sorts by time and carries the scenario', () => {
  assert.equal(historyFileName(start, 'hospital.load.http'), '20261126T174503120Z-hospital.json');
  assert.deepEqual(parseHistoryFileName('20261126T174503120Z-hospital.json'), { fileName: '20261126T174503120Z-hospital.json', startTime: start, scenario: 'hospital' });
  assert.equal(parseHistoryFileName('notes.json'), undefined);
});

test('unsafe characters never reach the file name', () => {
  assert.equal(scenarioSlug('../../etc/pass wd.load.http'), 'pass-wd');
  assert.equal(scenarioSlug('.load.http'), 'scenario');
});

test('listing is newest first and ignores files that are not ours', () => {
  const names = [historyFileName(start, 'a.load.http'), 'README.md', historyFileName(start + 1000, 'b.load.http')];
  assert.deepEqual(listHistory(names).map((entry) => entry.scenario), ['b', 'a']);
});

test('pruning keeps the newest maxRuns of that scenario and touches nothing else', () => {
  const names = [0, 1, 2, 3, 4].map((i) => historyFileName(start + i * 60_000, 'h.load.http'));
  const other = historyFileName(start - 60_000, 'other.load.http');
  const pruned = filesToPrune([...names, other, 'keep-me.json'], 3, 'h');
  assert.deepEqual(pruned, [names[1], names[0]]);
  assert.deepEqual(filesToPrune(names, 10, 'h'), []);
  assert.deepEqual(filesToPrune([other], 0, 'h'), []);
});

// Finding the saved run that stands for what a reload lost: a file's newest runs by name only,
// whether a run ran the document's very text, and the run the panel showed last.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { historyFileName } from '../../../src/vscode/run/logic/history';
import { MAX_RUNS_READ_PER_FILE, newestRunsOf, ranThisText, savedRunFile } from '../../../src/vscode/run/logic/saved-runs';
import { result } from '../webview/fixtures';
import { HOSPITAL } from './scenario-fixture';

const start = Date.UTC(2026, 10, 26, 17, 45, 3, 120);
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

test('a file’s runs are found by name, newest first, and only a few of them', () => {
  const mine = [0, 1, 2, 3, 4, 5, 6].map((i) => historyFileName(start + i * 60_000, 'hospital.load.http'));
  const names = [...mine, historyFileName(start + 600_000, 'other.load.http'), 'notes.json'];
  const found = newestRunsOf(names, 'hospital.load.http');
  assert.equal(found.length, MAX_RUNS_READ_PER_FILE);
  assert.deepEqual(
    found.map((entry) => entry.fileName),
    [...mine].reverse().slice(0, MAX_RUNS_READ_PER_FILE),
  );
  assert.deepEqual(newestRunsOf(names, 'missing.load.http'), []);
});

test('a run is restored only onto the very text and file it ran', () => {
  const ran = { ...result(), scenario: { path: '/ws/hospital.load.http', hash: sha256(HOSPITAL) } };
  assert.equal(ranThisText(ran, '/ws/hospital.load.http', sha256(HOSPITAL)), true);
  assert.equal(ranThisText(ran, '/ws/hospital.load.http', sha256(HOSPITAL.replace('GET /hospital', 'GET /hospitals'))), false, 'an edited request');
  assert.equal(ranThisText(ran, '/ws/other/hospital.load.http', sha256(HOSPITAL)), false, 'a file of the same name elsewhere');
});

test('the run the panel showed last is found by its start and its file name', () => {
  const names = [historyFileName(start, 'hospital.load.http'), historyFileName(start, 'other.load.http'), historyFileName(start + 1, 'hospital.load.http')];
  assert.equal(savedRunFile(names, start, 'hospital.load.http'), names[0]);
  assert.equal(savedRunFile(names, start + 1, 'hospital.load.http'), names[2]);
  assert.equal(savedRunFile(names, start + 2, 'hospital.load.http'), undefined);
});

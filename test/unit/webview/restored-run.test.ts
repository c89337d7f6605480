// After a reload the webview comes back with only what it drew (webview-ui/state/persisted.ts):
// the host reads the full result back (run history, or its copy of an import, kept on disk here
// in a real folder) and Export writes that, never the webview's drawn copy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, unlink, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHistogram, encodeHistogram, recordMicros } from '../../../src/core/metrics/histogram';
import type { RunResult } from '../../../src/core/metrics/result';
import { asPanelSnapshot, type HostMessage, type RunHeading } from '../../../src/core/protocol/webview';
import { historyCsv } from '../../../src/core/report';
import { ImportedRuns, MAX_IMPORTED_RUNS, type RunFolder } from '../../../src/vscode/panel/imported-runs';
import { lastShownAfter } from '../../../src/vscode/panel/last-shown';
import { PanelShown } from '../../../src/vscode/panel/panel-shown';
import { restoredRun, type FindShownRun } from '../../../src/vscode/panel/restored-run';
import { persistedState } from '../../../webview-ui/state/persisted';
import { initialState, reduce } from '../../../webview-ui/state/reducer';
import { endpoint, result, snapshot } from './fixtures';

function nodeFolder(path: string): RunFolder {
  return {
    fileNames: async () => readdir(path).catch(() => []),
    read: (fileName) => readFile(join(path, fileName), 'utf8'),
    async write(fileName, text) {
      await mkdir(path, { recursive: true });
      await writeFile(join(path, fileName), text);
    },
    delete: (fileName) => unlink(join(path, fileName)),
  };
}

/** A Locust import of ten minutes, with a histogram, as importLocustCsv makes one. */
function importedRun(startTime = 1_700_000_000_000): RunResult {
  const histogram = createHistogram();
  for (let ms = 1; ms <= 500; ms++) recordMicros(histogram, ms * 1000);
  return result({
    startTime,
    endTime: startTime + 600_000,
    aggregate: endpoint('Aggregated', '', { histogram: encodeHistogram(histogram) }),
    intervals: Array.from({ length: 600 }, (_, i) => ({ ...snapshot(i + 1, 10, [['Home page', 5, 0]]), time: startTime + (i + 1) * 1000 })),
  });
}

const heading: RunHeading = { title: 'locust-run', plan: 'imported from Locust CSV' };

/** What the webview saved after showing these messages, read back as VS Code hands it to the host. */
function savedByWebview(...messages: HostMessage[]): unknown {
  return JSON.parse(JSON.stringify(persistedState(messages.reduce(reduce, initialState()))));
}

async function withFolder(body: (folder: string) => Promise<void>): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'loadlens-imported-'));
  try {
    await body(folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

test('an imported run still exports in full after a reload: the host reads its own copy back', () =>
  withFolder(async (folder) => {
    const imports = new ImportedRuns(nodeFolder(folder));
    const full = importedRun();
    const show: HostMessage = { type: 'result/show', origin: 'imported', heading, result: full };
    await imports.keep(full, heading.title);
    const saved = savedByWebview(show);
    assert.deepEqual((saved as { result: RunResult }).result.intervals, [], 'the webview saved no intervals');

    const find: FindShownRun = (origin, startTime, name) => (origin === 'imported' ? imports.find(startTime, name) : Promise.resolve(undefined));
    const restored = await restoredRun(asPanelSnapshot(saved), lastShownAfter(show, undefined), find);
    const shown = new PanelShown();
    shown.showSnapshot(restored!.snapshot, restored!.exportable);
    const exported = shown.result();
    assert.ok(exported, 'Export has a result');
    assert.equal(exported.result.intervals.length, 600);
    assert.equal(exported.result.aggregate.histogram, full.aggregate.histogram);
    assert.equal(historyCsv(exported.result, false), historyCsv(full, false));
    assert.deepEqual(exported.heading, heading);
  }));

test('without the host copy, the restored panel draws but Export does not write the drawn copy', async () => {
  const full = importedRun();
  const show: HostMessage = { type: 'result/show', origin: 'saved', heading, result: full };
  const restored = await restoredRun(asPanelSnapshot(savedByWebview(show)), lastShownAfter(show, undefined), () => Promise.resolve(undefined));
  assert.equal(restored?.exportable, false);
  const shown = new PanelShown();
  shown.showSnapshot(restored!.snapshot, restored!.exportable);
  assert.equal(shown.snapshot()?.phase, 'finished', 'the panel still draws the run');
  assert.equal(shown.result(), undefined);
  assert.equal(shown.shownWithoutResult, true);
});

test('a saved run is read back from history by its origin, start and scenario name', async () => {
  const full = importedRun();
  const show: HostMessage = { type: 'result/show', origin: 'saved', heading: { title: 'hospital.load.http', plan: '10 users' }, result: full };
  const asked: unknown[] = [];
  const restored = await restoredRun(asPanelSnapshot(savedByWebview(show)), undefined, (...args) => {
    asked.push(args);
    return Promise.resolve(full);
  });
  assert.deepEqual(asked, [['saved', full.startTime, 'hospital.load.http']]);
  assert.equal(restored?.exportable, true);
  assert.equal(restored?.snapshot.result?.intervals.length, 600);
});

test('the host keeps the newest imports only, and finds none of another start', () =>
  withFolder(async (folder) => {
    const imports = new ImportedRuns(nodeFolder(folder));
    for (let i = 0; i < MAX_IMPORTED_RUNS + 2; i++) await imports.keep(importedRun(1_700_000_000_000 + i * 60_000), heading.title);
    assert.equal((await readdir(folder)).length, MAX_IMPORTED_RUNS);
    assert.equal(await imports.find(1_700_000_000_000, heading.title), undefined, 'the oldest was dropped');
    assert.ok(await imports.find(1_700_000_000_000 + (MAX_IMPORTED_RUNS + 1) * 60_000, heading.title));
    assert.equal(await imports.find(1_700_000_000_001, heading.title), undefined);
  }));

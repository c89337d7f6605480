import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvFileSet, csvPrefixOf, importSetFromPicked } from '../../../src/vscode/run/logic/csv-files';
import { engineCrashMessage, runErrorMessage } from '../../../src/vscode/run/logic/run-failure';
import { responseDocumentText, responseTabTitle } from '../../../src/vscode/run/logic/response-text';

test('Locust file names: any of the three gives the prefix and the others', () => {
  assert.equal(csvPrefixOf('/r/results_stats.csv'), '/r/results');
  assert.equal(csvPrefixOf('/r/results_stats_history.csv'), '/r/results');
  assert.equal(csvPrefixOf('/r/results_failures.csv'), '/r/results');
  assert.equal(csvPrefixOf('/r/mine.csv'), '/r/mine');
  assert.deepEqual(csvFileSet('/r/x'), { prefix: '/r/x', stats: '/r/x_stats.csv', failures: '/r/x_failures.csv', history: '/r/x_stats_history.csv' });
  const picked = importSetFromPicked(['/r/results_failures.csv', '/r/results_stats.csv']);
  assert.ok(picked.ok && picked.set.stats === '/r/results_stats.csv');
  assert.equal(importSetFromPicked(['/r/a_stats.csv', '/r/b_stats.csv']).ok, false);
});

test('engine errors get the editor\'s way of fixing them', () => {
  assert.equal(
    runErrorMessage('no-host', 'GET /hospital has a relative URL'),
    'No host for relative request URLs: GET /hospital has a relative URL. Add `# @host http://...` to the file, set `loadlens.host`, or enter a host in “Run Load Test with Options…”.',
  );
  assert.match(runErrorMessage('data-unreadable', 'patients.csv: ENOENT'), /^A data file could not be read: patients.csv: ENOENT\. Check the `# @data` path/);
  assert.equal(
    runErrorMessage('setup-failed', "the @setup request 'Get a token' (line 8) failed: HTTP 503"),
    "The setup failed, so no load was started: the @setup request 'Get a token' (line 8) failed: HTTP 503. Every `# @setup` request must succeed before users start: check the request named above and the server it calls, then run again.",
  );
});

test('a crash says what happened, when, and what to do', () => {
  const message = engineCrashMessage({ code: null, signal: 'SIGKILL' }, 42_000);
  assert.match(message, /^The load engine was killed \(SIGKILL\) after 0:42, without a result\./);
  assert.match(message, /Loadlens output/);
  assert.match(engineCrashMessage({ code: 1, signal: null }, undefined), /exited with code 1 before the run started/);
});

test('a response reads like REST Client\'s: summary, status line, headers, pretty JSON', () => {
  const text = responseDocumentText({
    title: 'List hospitals',
    method: 'GET',
    url: 'http://127.0.0.1:8888/hospital',
    status: 200,
    statusText: 'OK',
    httpVersion: '1.1',
    headers: [['Content-Type', 'application/json']],
    body: new TextEncoder().encode('{"id":1,"name":"<img src=x onerror=alert(1)>"}'),
    durationMs: 23.4,
  });
  assert.equal(
    text,
    '# List hospitals · GET http://127.0.0.1:8888/hospital · 23 ms · 46 bytes\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{\n  "id": 1,\n  "name": "<img src=x onerror=alert(1)>"\n}\n',
  );
  assert.equal(responseTabTitle({ status: 503, durationMs: 4.25 }), 'Response 503 · 4.3 ms');
});

test('binary bodies are described, not dumped', () => {
  const text = responseDocumentText({ title: 't', method: 'GET', url: 'u', status: 200, statusText: 'OK', httpVersion: '1.1', headers: [['content-type', 'image/png']], body: new Uint8Array(2048), durationMs: 1 });
  assert.match(text, /\(2,048 bytes of image\/png, not shown\)/);
});

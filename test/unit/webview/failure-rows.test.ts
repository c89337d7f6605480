import { test } from 'node:test';
import assert from 'node:assert/strict';
import { failureTableRows } from '../../../webview-ui/state/failure-rows';

test('the failures table gives a code the plain words the CLI and Send Request give it, most frequent first', () => {
  const rows = failureTableRows([
    { method: 'GET', name: 'home', error: 'HTTP 503', occurrences: 3 },
    { method: 'GET', name: 'dev', error: 'DEPTH_ZERO_SELF_SIGNED_CERT', occurrences: 1200 },
    { method: 'POST', name: 'login', error: 'ECONNREFUSED', occurrences: 7 },
  ]);
  assert.deepEqual(rows, [
    {
      occurrences: '1,200',
      method: 'GET',
      name: 'dev',
      error: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      words: 'the server\'s certificate is self-signed, and only certificates the system trusts are accepted: set loadlens.insecure to accept it, or --insecure in the CLI',
    },
    { occurrences: '7', method: 'POST', name: 'login', error: 'ECONNREFUSED', words: 'connection refused: is the server running and listening on that port?' },
    { occurrences: '3', method: 'GET', name: 'home', error: 'HTTP 503' },
  ]);
});

test('a failure text a server chose gets no words, even one that names an Object member', () => {
  for (const error of ['constructor', '__proto__', '<img src=x onerror=alert(1)>']) assert.equal(failureTableRows([{ method: 'GET', name: 'x', error, occurrences: 1 }])[0]?.words, undefined, error);
});

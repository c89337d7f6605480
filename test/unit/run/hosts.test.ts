import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLoopbackUrl, originOf } from '../../../src/vscode/run/logic/hosts';

test('loopback targets need no confirmation', () => {
  for (const url of ['http://localhost:8888', 'http://127.0.0.1', 'https://127.8.9.1:443/x', 'http://[::1]:3000', 'http://api.localhost']) {
    assert.equal(isLoopbackUrl(url), true, url);
  }
});

test('anything else, or anything unreadable, is not local', () => {
  for (const url of ['http://example.com', 'http://10.0.0.1', 'http://0.0.0.0', 'http://localhost.example.com', 'http://127.0.0.1.nip.io', 'not a url', '']) {
    assert.equal(isLoopbackUrl(url), false, url);
  }
});

test('confirmations are remembered per origin', () => {
  assert.equal(originOf('https://API.example.com:8443/v1/'), 'https://api.example.com:8443');
  assert.equal(originOf('ftp://example.com'), undefined);
});

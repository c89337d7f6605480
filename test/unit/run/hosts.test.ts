import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLoopbackUrl, originOf } from '../../../src/core/plan/loopback';

test('loopback targets need no confirmation', () => {
  for (const url of ['http://localhost:8888', 'http://LocalHost', 'http://127.0.0.1', 'https://127.8.9.1:443/x', 'http://[::1]:3000', 'http://[0:0:0:0:0:0:0:1]/']) {
    assert.equal(isLoopbackUrl(url), true, url);
  }
});

test('other spellings of 127.0.0.0/8 that the URL parser reads as such are loopback too', () => {
  for (const url of ['http://127.1', 'http://2130706433:8080', 'http://0x7f.0.0.1', 'http://127.0.0.1.', 'http://%31%32%37.0.0.1']) {
    assert.equal(isLoopbackUrl(url), true, url);
  }
});

test('IPv4-mapped IPv6 loopback addresses are loopback', () => {
  for (const url of ['http://[::ffff:127.0.0.1]:8080/', 'http://[::FFFF:127.255.0.1]', 'http://[::ffff:7f00:1]', 'http://[0:0:0:0:0:ffff:127.0.0.2]']) {
    assert.equal(isLoopbackUrl(url), true, url);
  }
});

test('anything else, or anything unreadable, is not local', () => {
  for (const url of ['http://example.com', 'http://10.0.0.1', 'http://0.0.0.0', 'http://[::]', 'http://localhost.example.com', 'http://127.0.0.1.nip.io',
    'http://staging.loadlens.invalid', 'http://128.0.0.1', 'http://[fe80::1]', 'http://[::2]', 'not a url', '']) {
    assert.equal(isLoopbackUrl(url), false, url);
  }
});

test('mapped or embedded addresses outside 127.0.0.0/8 are not local', () => {
  // [::127.0.0.1] is the deprecated IPv4-compatible form: the kernel does not route it to loopback.
  for (const url of ['http://[::ffff:10.0.0.1]', 'http://[::ffff:8.8.8.8]', 'http://[::ffff:128.0.0.1]', 'http://[::127.0.0.1]', 'http://[64:ff9b::127.0.0.1]']) {
    assert.equal(isLoopbackUrl(url), false, url);
  }
});

test('names that only look local ask: *.localhost, a trailing dot, a user part', () => {
  // The engine resolves *.localhost with the system resolver, which may ask a DNS server.
  for (const url of ['http://api.localhost', 'http://localhost.', 'http://127.0.0.1@staging.loadlens.invalid', 'http://localhost@staging.loadlens.invalid:80']) {
    assert.equal(isLoopbackUrl(url), false, url);
  }
});

test('a URL still holding a template (known only at run time) is not local', () => {
  for (const url of ['http://{{host}}/api', '{{baseUrl}}/x', 'http://127.0.0.1.{{suffix}}']) {
    assert.equal(isLoopbackUrl(url), false, url);
  }
});

test('confirmations are remembered per origin', () => {
  assert.equal(originOf('https://API.example.com:8443/v1/'), 'https://api.example.com:8443');
  assert.equal(originOf('ftp://example.com'), undefined);
});

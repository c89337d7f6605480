// A user's jar (src/engine/cookie-jar.ts): nothing made until a cookie is set, a written Cookie
// header kept first, Set-Cookie found among raw headers of either transport.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setCookieValues, UserCookies, withJarCookies } from '../../../src/engine/cookie-jar';

test('the jar exists only once a cookie was set, and clear() ends the session', () => {
  const cookies = new UserCookies();
  assert.equal(cookies.holdsCookies, false);
  assert.equal(cookies.cookieHeader('http://127.0.0.1:1/'), undefined);
  cookies.store('http://127.0.0.1:1/login', ['sid=1; Path=/', 'x=2; Domain=other.invalid', '']);
  assert.equal(cookies.holdsCookies, true);
  assert.equal(cookies.cookieHeader('http://127.0.0.1:1/me'), 'sid=1');
  // Host-only: another host (or another port's host name) does not get it.
  assert.equal(cookies.cookieHeader('http://localhost:1/me'), undefined);
  cookies.clear();
  assert.equal(cookies.holdsCookies, false);
  assert.equal(cookies.cookieHeader('http://127.0.0.1:1/me'), undefined);
});

test('Secure cookies go over https only, loopback included', () => {
  const cookies = new UserCookies();
  cookies.store('https://localhost:1/', ['s=1; Secure; Path=/']);
  assert.equal(cookies.cookieHeader('https://localhost:1/'), 's=1');
  assert.equal(cookies.cookieHeader('http://localhost:1/'), undefined);
});

test('Set-Cookie values from string or Buffer headers, any case; none is undefined', () => {
  assert.deepEqual(setCookieValues(['Content-Type', 'text/plain', 'Set-Cookie', 'a=1', 'set-cookie', 'b=2']), ['a=1', 'b=2']);
  assert.deepEqual(setCookieValues([Buffer.from('SET-COOKIE'), Buffer.from('c=3')]), ['c=3']);
  assert.equal(setCookieValues(['content-length', '2', 'set-cookies', 'x']), undefined);
});

test('a written Cookie header is sent as written with the jar cookies after it; the input is not changed', () => {
  const written = ['Accept', '*/*', 'Cookie', 'mine=1;'];
  assert.deepEqual(withJarCookies(written, 'sid=2'), ['Accept', '*/*', 'Cookie', 'mine=1; sid=2']);
  assert.deepEqual(written, ['Accept', '*/*', 'Cookie', 'mine=1;']);
  assert.deepEqual(withJarCookies(['Accept', '*/*'], 'sid=2'), ['Accept', '*/*', 'cookie', 'sid=2']);
});

test('a URL tough-cookie cannot read neither throws nor gets cookies (the request path must not crash on it)', () => {
  const cookies = new UserCookies();
  cookies.store('http://127.0.0.1:1/', ['a=1']);
  assert.doesNotThrow(() => cookies.store('not a url', ['b=2']));
  assert.equal(cookies.cookieHeader('not a url'), undefined);
  assert.equal(cookies.cookieHeader('http://127.0.0.1:1/'), 'a=1');
});

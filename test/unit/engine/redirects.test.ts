// The next hop of a redirect (src/engine/redirects.ts): method rules, headers dropped with the
// body or with the origin, and every Location a hostile server could send refused with a reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextHop, type Hop } from '../../../src/engine/redirects';

const post: Hop = {
  method: 'POST',
  origin: 'http://127.0.0.1:8080',
  path: '/a/b?x=1',
  headers: ['Content-Type', 'application/json', 'Authorization', 'Bearer t', 'Cookie', 'w=1', 'Host', 'api.localhost', 'X-Trace', '7'],
  body: '{"a":1}',
};

test('301/302/303 go on as GET without the body and its headers; 307/308 keep both; HEAD stays HEAD', () => {
  for (const status of [301, 302, 303]) {
    assert.deepEqual(nextHop(post, status, '/next', undefined), {
      method: 'GET',
      origin: 'http://127.0.0.1:8080',
      path: '/next',
      headers: ['Authorization', 'Bearer t', 'Cookie', 'w=1', 'Host', 'api.localhost', 'X-Trace', '7'],
      body: undefined,
    });
  }
  for (const status of [307, 308]) {
    const hop = nextHop(post, status, '/next', undefined) as Hop;
    assert.equal(hop.method, 'POST');
    assert.equal(hop.body, post.body);
    assert.equal(hop.headers, post.headers);
  }
  assert.equal((nextHop({ ...post, method: 'HEAD', body: undefined }, 303, '/n', undefined) as Hop).method, 'HEAD');
});

test('a relative Location resolves against the URL that answered', () => {
  assert.equal((nextHop(post, 302, 'c?y=2', undefined) as Hop).path, '/a/c?y=2');
  assert.equal((nextHop(post, 302, '../up', undefined) as Hop).path, '/up');
  assert.equal((nextHop(post, 302, '?only=query', undefined) as Hop).path, '/a/b?only=query');
  assert.equal((nextHop(post, 302, '//127.0.0.1:9090/p', undefined) as Hop).origin, 'http://127.0.0.1:9090');
});

test('another origin: the written Authorization, Cookie and Host are dropped; the guard may refuse it', () => {
  const hop = nextHop(post, 307, 'http://localhost:9090/x', undefined) as Hop;
  assert.deepEqual(hop.headers, ['Content-Type', 'application/json', 'X-Trace', '7']);
  assert.equal(nextHop(post, 302, 'https://elsewhere.invalid/x', (origin) => origin.startsWith('http://localhost')), 'redirect to unconfirmed host elsewhere.invalid');
  assert.equal(typeof nextHop(post, 302, 'http://localhost:9090/x', (origin) => origin.startsWith('http://localhost')), 'object');
  // The same origin is never asked about: the request is already going there.
  assert.equal(typeof nextHop(post, 302, '/same', () => false), 'object');
  const long = `https://${'h'.repeat(300)}.invalid/`;
  assert.equal((nextHop(post, 302, long, () => false) as string).length, 'redirect to unconfirmed host '.length + 101);
});

test('the same origin written in another form keeps the written headers; another origin still drops them', () => {
  // The first hop's origin is kept as written in the request (src/engine/send-once.ts, virtual-user.ts).
  for (const written of ['http://LOCALHOST:8080', 'HTTP://localhost:8080', 'http://LocalHost:8080']) {
    const hop = nextHop({ ...post, origin: written }, 307, '/b', () => false);
    assert.equal(typeof hop, 'object', written);
    assert.deepEqual((hop as Hop).headers, post.headers, written);
    assert.equal((hop as Hop).origin, 'http://localhost:8080');
  }
  for (const [written, location] of [
    ['http://127.0.0.1:80', '/b'],
    ['https://127.0.0.1:443', 'https://127.0.0.1/b'],
    ['http://LOCALHOST', 'http://localhost:80/b'],
  ] as const) {
    assert.deepEqual((nextHop({ ...post, origin: written }, 307, location, () => false) as Hop).headers, post.headers, written);
  }
  // Not the same origin, however it is written: another port, another scheme, another host.
  for (const [written, location] of [
    ['http://LOCALHOST:8080', 'http://localhost:8081/b'],
    ['http://127.0.0.1:80', 'https://127.0.0.1/b'],
    ['http://LOCALHOST:8080', 'http://127.0.0.1:8080/b'],
  ] as const) {
    assert.deepEqual((nextHop({ ...post, origin: written }, 307, location, undefined) as Hop).headers, ['Content-Type', 'application/json', 'X-Trace', '7'], `${written} -> ${location}`);
    assert.equal(typeof nextHop({ ...post, origin: written }, 307, location, () => false), 'string', `${written} -> ${location}: the guard is asked`);
  }
});

test('hostile Locations are refused with the reason', () => {
  assert.equal(nextHop(post, 302, '/a\r\nSet-Cookie: x=1', undefined), 'redirect refused: Location with CR, LF or NUL');
  assert.equal(nextHop(post, 302, '/a\nb', undefined), 'redirect refused: Location with CR, LF or NUL');
  assert.equal(nextHop(post, 302, '/a\0b', undefined), 'redirect refused: Location with CR, LF or NUL');
  assert.equal(nextHop(post, 302, `/${'x'.repeat(8192)}`, undefined), 'redirect refused: Location over 8 KiB');
  assert.equal(nextHop(post, 302, 'file:///etc/passwd', undefined), 'redirect refused: file: scheme');
  assert.equal(nextHop(post, 302, 'data:text/plain,hi', undefined), 'redirect refused: data: scheme');
  assert.equal(nextHop(post, 302, 'javascript:alert(1)', undefined), 'redirect refused: javascript: scheme');
  assert.equal(nextHop(post, 302, 'http://user:pw@127.0.0.1:8080/', undefined), 'redirect refused: Location with credentials');
  assert.equal(nextHop(post, 302, 'http://[::1', undefined), 'redirect refused: Location is not a URL');
});

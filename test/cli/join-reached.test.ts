// Which failed join requests had reached the coordinator (src/cli/commands/join.ts): only those
// restart a shard's 60 s give-up time, so a coordinator never reached is given up on.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { reachedBeforeFailing } from '../../src/cli/commands/join';

async function fetchError(url: string): Promise<unknown> {
  try {
    await fetch(url, { method: 'POST', body: '{}' });
  } catch (error) {
    return error;
  }
  throw new Error(`${url} answered`);
}

test('a connection refused or timed out in the connect did not reach the coordinator', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const refused = await fetchError(`http://127.0.0.1:${port}/`);
  assert.equal((refused as { cause?: { code?: string } }).cause?.code, 'ECONNREFUSED');
  assert.equal(reachedBeforeFailing(refused), false);
  // undici's connect timeout (a coordinator behind a firewall that drops packets) cannot be made on
  // loopback: its error as fetch throws it.
  const connectTimeout = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('Connect Timeout Error'), { code: 'UND_ERR_CONNECT_TIMEOUT' }) });
  assert.equal(reachedBeforeFailing(connectTimeout), false);
  for (const code of ['ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT']) {
    assert.equal(reachedBeforeFailing(Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) })), false, code);
  }
  assert.equal(reachedBeforeFailing(new Error('no cause')), false);
});

test('a join the coordinator took and then cut had reached it', async () => {
  const cutting = createServer((req) => req.socket.destroy());
  await new Promise<void>((resolve) => cutting.listen(0, '127.0.0.1', resolve));
  try {
    const cut = await fetchError(`http://127.0.0.1:${(cutting.address() as AddressInfo).port}/`);
    assert.match(String((cut as { cause?: { code?: string } }).cause?.code), /^UND_ERR_/);
    assert.equal(reachedBeforeFailing(cut), true);
  } finally {
    cutting.close();
  }
  const headersTimeout = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('Headers Timeout Error'), { code: 'UND_ERR_HEADERS_TIMEOUT' }) });
  assert.equal(reachedBeforeFailing(headersTimeout), true);
});

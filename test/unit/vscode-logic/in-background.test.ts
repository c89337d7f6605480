// Work the extension does not await: a rejection is logged with what failed, never left unhandled.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inBackground } from '../../../src/vscode/shared/in-background';

test('a rejected background save is logged with what failed and why, and is not left unhandled', async () => {
  const logged: string[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    inBackground(Promise.reject(new Error('storage is read-only')), "Saving the panel's last shown run", { warn: (message) => logged.push(message) });
    inBackground(Promise.resolve(true), 'Posting to the panel', { warn: (message) => logged.push(message) });
    await new Promise((resolve) => setTimeout(resolve, 20));
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
  assert.equal(logged.length, 1);
  assert.match(logged[0] ?? '', /^Saving the panel's last shown run failed: Error: storage is read-only/);
  assert.deepEqual(unhandled, []);
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSender } from '../../../src/cli/live-metrics/sender';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('createSender: a bounded queue that never holds up the run', () => {
  it('delivers in order, one at a time', async () => {
    const seen: number[] = [];
    let inFlight = 0;
    const sender = createSender<number>(async (item) => {
      inFlight++;
      assert.equal(inFlight, 1, 'one delivery at a time');
      await tick();
      seen.push(item);
      inFlight--;
    });
    for (let i = 1; i <= 5; i++) sender.push(i);
    assert.deepEqual(await sender.close(), { delivered: 5, lost: 0 });
    assert.deepEqual(seen, [1, 2, 3, 4, 5]);
  });

  it('push returns at once even when the target hangs, and the queue drops its oldest beyond the bound', async () => {
    const sender = createSender<number>(() => new Promise<void>(() => {}), { maxQueue: 3, closeTimeoutMs: 50 });
    const started = Date.now();
    for (let i = 0; i < 10; i++) sender.push(i);
    assert.ok(Date.now() - started < 50, 'pushing never waits');
    const report = await sender.close();
    // 1 hangs in flight, 3 wait, 6 were dropped: all 10 lost, none delivered.
    assert.deepEqual([report.delivered, report.lost], [0, 10]);
  });

  it('retries a failed delivery, then counts it lost and goes on with the next', async () => {
    const attempts = new Map<number, number>();
    const sender = createSender<number>(
      async (item) => {
        attempts.set(item, (attempts.get(item) ?? 0) + 1);
        if (item === 1) throw new Error('ECONNREFUSED');
        if (item === 2 && attempts.get(2) === 1) throw new Error('HTTP 503');
      },
      { attempts: 3, retryDelayMs: 1 },
    );
    sender.push(1);
    sender.push(2);
    sender.push(3);
    const report = await sender.close();
    assert.deepEqual([report.delivered, report.lost], [2, 1]);
    assert.deepEqual([attempts.get(1), attempts.get(2), attempts.get(3)], [3, 2, 1]);
    assert.equal(report.lastError, 'HTTP 503');
  });

  it('close waits no longer than its timeout', async () => {
    const sender = createSender<number>(() => new Promise<void>(() => {}), { closeTimeoutMs: 100 });
    sender.push(1);
    const started = Date.now();
    await sender.close();
    assert.ok(Date.now() - started < 2000);
  });
});

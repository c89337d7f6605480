import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openCpuWindow, parsePidStat, parseProcStat, processTree } from '../lib/cpu.mjs';
import { checksTable, formatTable } from '../lib/table.mjs';

test('/proc/stat: busy is user+nice+system+irq+softirq (tasks are charged their softirq time)', () => {
  const stat = parseProcStat('cpu  100 5 20 1000 3 7 9 2 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\n');
  assert.equal(stat.busy, 141);
  assert.equal(stat.steal, 2);
});

test('/proc/PID/stat: a command name with spaces and parentheses does not shift the fields', () => {
  const line = '42 (my (odd) name) S 7 42 42 0 -1 4194560 100 0 0 0 11 22 33 44 20 0 1 0 100 1000 50';
  assert.deepEqual(parsePidStat(line), { ppid: 7, own: 33, user: 11, system: 22, children: 77 });
});

test('a busy child reaped in the window counts as the tool, not as other processes', async () => {
  const window = openCpuWindow([]);
  const { spawnSync } = await import('node:child_process');
  spawnSync(process.execPath, ['-e', 'const end = Date.now() + 400; while (Date.now() < end);']);
  const cpu = window.close();
  assert.ok(cpu.tool >= 0.2, `tool ${cpu.tool}`);
  assert.ok(processTree(process.pid).includes(process.pid));
});

test('tables align columns and mark failures on a busy machine', () => {
  const text = formatTable(['a', 'n'], [['x', '1'], ['long', '100']]);
  assert.equal(text, 'a       n\n----  ---\nx       1\nlong  100');
  const checks = checksTable([{ name: 'c', expected: 'e', measured: 'm', pass: false, noisy: true, otherCores: 0.5 }]);
  assert.match(checks, /FAIL \(machine busy\)/);
  assert.match(checks, /0\.50 cores/);
});

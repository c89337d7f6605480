// Ctrl-C: the first SIGINT stops the run cleanly and every report asked for is still written.

import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DemoServer } from '../../examples/demo-server.mjs';
import type { RunResult } from '../../src/core/metrics/result';
import { ensureBuilt, startCli, tempDir } from './helpers';
import { startDemo } from './servers';

describe('Ctrl-C during loadlens run', () => {
  const dir = tempDir();
  let demo: DemoServer;
  before(async () => {
    ensureBuilt();
    demo = await startDemo();
  });
  after(async () => {
    await demo.close();
    dir.remove();
  });

  it('stops cleanly, writes the reports and exits by the thresholds', async () => {
    const file = dir.file(
      'long.load.http',
      ['# @users 2', '# @run-time 1h', '# @think 100ms', '# @threshold errors < 50%', '', '### Home', 'GET /', ''].join('\n'),
    );
    const out = join(dir.path, 'stopped');
    const cli = startCli(['run', file, '-H', demo.url, '--csv', out, '--html', `${out}.html`, '--json', `${out}.json`]);
    // The first progress line means requests are flowing.
    await cli.waitFor(/\[0:0\d\/1:00:00\] users/);
    cli.kill('SIGINT');
    const { code, stdout, stderr } = await cli.done;
    assert.equal(code, 0, stderr + stdout);
    assert.match(stderr, /Stopping/);
    const result = JSON.parse(readFileSync(`${out}.json`, 'utf8')) as RunResult;
    assert.equal(result.outcome, 'stopped');
    assert.ok(result.aggregate.requests > 0);
    for (const path of [`${out}_stats.csv`, `${out}_failures.csv`, `${out}_stats_history.csv`, `${out}.html`]) {
      assert.ok(existsSync(path), `${path} written`);
    }
    assert.match(stdout, /Run stopped after/);
  });

  it('exits 1 after Ctrl-C when an error threshold is broken at that point', async () => {
    const file = dir.file(
      'strict.load.http',
      ['# @users 1', '# @run-time 1h', '# @think 50ms', '# @threshold p95 < 1ms', '', '### List', 'GET /hospital', ''].join('\n'),
    );
    const json = join(dir.path, 'strict.json');
    const cli = startCli(['run', file, '-H', demo.url, '--json', json]);
    await cli.waitFor(/\[0:0\d\/1:00:00\] users/);
    cli.kill('SIGINT');
    const { code, stderr } = await cli.done;
    assert.equal(code, 1, stderr);
    assert.ok(existsSync(json));
  });

  it('survives Ctrl-C in a terminal, which signals the CLI\'s whole process group', async () => {
    const file = dir.file('terminal.load.http', ['# @users 2', '# @run-time 1h', '# @think 100ms', '', '### Home', 'GET /', ''].join('\n'));
    const json = join(dir.path, 'terminal.json');
    const cli = startCli(['run', file, '-H', demo.url, '--json', json], { ownProcessGroup: true });
    await cli.waitFor(/\[0:0\d\/1:00:00\] users/);
    cli.killGroup('SIGINT');
    const { code, stdout, stderr } = await cli.done;
    assert.equal(code, 0, stderr + stdout);
    const result = JSON.parse(readFileSync(json, 'utf8')) as RunResult;
    assert.equal(result.outcome, 'stopped');
  });
});

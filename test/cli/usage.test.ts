// The command line's surface through the built binary: help, version, unknown commands.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { ensureBuilt, ROOT, runCli } from './helpers';

describe('loadlens usage', () => {
  before(ensureBuilt);

  for (const command of ['run', 'check', 'report']) {
    it(`prints help for ${command} and exits 0`, async () => {
      const { code, stdout } = await runCli([command, '--help']);
      assert.equal(code, 0);
      assert.match(stdout, new RegExp(`^Usage: loadlens ${command} `));
      assert.match(stdout, /Examples:/);
    });
  }

  it('documents every run option of the spec in `run --help`', async () => {
    const { stdout } = await runCli(['run', '-h']);
    for (const option of ['-H, --host URL', '-u, --users N', '-r, --spawn-rate R', '-t, --run-time D', '--rate R', '--headless', '--csv PREFIX', '--csv-full-history', '--html FILE', '--json FILE', '--stop-timeout D', '--workers N|auto', '--seed N', '-q, --quiet']) {
      assert.ok(stdout.includes(option), option);
    }
  });

  it('prints the version of package.json', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const { code, stdout } = await runCli(['--version']);
    assert.equal(code, 0);
    assert.equal(stdout, `loadlens ${version}\n`);
  });

  it('points a scenario given without a command to `loadlens run`', async () => {
    const { code, stderr } = await runCli(['api.load.http']);
    assert.equal(code, 2);
    assert.match(stderr, /unknown command 'api\.load\.http'\. To run it: loadlens run api\.load\.http/);
  });

  it('exits 2 with the overview when no command is given', async () => {
    const { code, stdout } = await runCli([]);
    assert.equal(code, 2);
    assert.match(stdout, /loadlens run SCENARIO\.load\.http/);
  });
});

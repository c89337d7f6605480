// `loadlens check`: the FILE:LINE:COL: severity: message format, exit codes, and every example.

import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensureBuilt, EXAMPLES, runCli, tempDir } from './helpers';

describe('loadlens check', () => {
  const dir = tempDir();
  before(ensureBuilt);
  after(() => dir.remove());

  it('prints each diagnostic as FILE:LINE:COL: severity: message (1-based) and exits 2 on errors', async () => {
    const file = dir.file(
      'broken.load.http',
      ['# @host http://127.0.0.1:1', '# @users 5', '# @run-time 5x', '', '### one', 'GET /a/{{nope}}', ''].join('\n'),
    );
    const { code, stdout } = await runCli(['check', file]);
    assert.equal(code, 2);
    const lines = stdout.trim().split('\n');
    for (const line of lines) assert.match(line, /^.+:\d+:\d+: (error|warning|info): \S/);
    // `5x` starts at line 3, column 13; `nope` inside {{...}} on line 6.
    assert.ok(lines.some((line) => line.startsWith(`${file}:3:13: error: `)), stdout);
    assert.ok(lines.some((line) => line.startsWith(`${file}:6:`) && line.includes('nope')), stdout);
  });

  it('puts a ?? mistake on the line and column of the wrong word; httpYac js checks only warn', async () => {
    const text = ['# @host http://127.0.0.1:1', '# @users 1', '# @run-time 1s', '', '### one', 'GET /a', '?? body matches (x', '?? status eqals 200', '?? js response.ok'];
    const file = dir.file('checks.load.http', text.join('\n'));
    const { code, stdout } = await runCli(['check', file]);
    assert.equal(code, 2, stdout);
    assert.ok(stdout.includes(`${file}:7:17: error: regular expression does not compile`), stdout);
    assert.ok(stdout.includes(`${file}:8:11: error: unknown check operator 'eqals': did you mean '=='?`) || stdout.includes(`${file}:8:11: error: unknown check operator 'eqals'`), stdout);
    assert.ok(stdout.includes(`${file}:9:4: warning: httpYac js check: not run under load`), stdout);
  });

  it('exits 0 when there are only warnings', async () => {
    const file = dir.file('warn.load.http', ['# @users 1', '# @run-time 1s', '# @frobnicate yes', '', '### one', 'GET /a', ''].join('\n'));
    const { code, stdout } = await runCli(['check', file]);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /:3:\d+: warning: /);
    assert.doesNotMatch(stdout, /: error: /);
  });

  it('says clearly when a file is missing, and exits 2', async () => {
    const { code, stderr } = await runCli(['check', join(dir.path, 'nowhere.load.http')]);
    assert.equal(code, 2);
    assert.match(stderr, /cannot read scenario .*nowhere\.load\.http: no such file/);
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
  });

  it('passes every example with no errors', async () => {
    const examples = readdirSync(EXAMPLES).filter((name) => name.endsWith('.load.http')).map((name) => join(EXAMPLES, name));
    assert.ok(examples.length >= 6);
    const { code, stdout } = await runCli(['check', ...examples]);
    assert.equal(code, 0, stdout);
    assert.doesNotMatch(stdout, /: error: /);
  });
});

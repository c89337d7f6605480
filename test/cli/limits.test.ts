// Values beyond Loadlens's limits on the command line and in a file: exit 2 with a message that
// names the limit, before anything is sent (src/core/scenario/limits.ts, docs/security.md).
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { ensureBuilt, runCli, tempDir } from './helpers';

describe('limits', () => {
  const dir = tempDir();
  let scenario: string;
  before(() => {
    ensureBuilt();
    // Port 9 on loopback: nothing may be sent, and nothing listens there anyway.
    scenario = dir.file('s.load.http', '# @host http://127.0.0.1:9\n# @users 1\n# @run-time 1s\n\n### Home\nGET /\n');
  });
  after(() => dir.remove());

  const flags: Array<[string[], RegExp]> = [
    [['-u', '1000000000000'], /^loadlens: --users is at most 100,000 \(Loadlens's limit, docs\/security\.md\), got '1000000000000'\.$/],
    [['--rate', '99999999999'], /^loadlens: --rate is at most 1,000,000\/s/],
    [['-u', '5', '-r', '1000000'], /^loadlens: --spawn-rate is at most 100,000\/s/],
    [['--workers', '1000'], /^loadlens: --workers is at most 64/],
    [['-t', '800h'], /^loadlens: --run-time is at most 720h \(30 days/],
    [['--stop-timeout', '9999h'], /^loadlens: --stop-timeout is at most 720h/],
  ];
  for (const [args, message] of flags) {
    it(`run ${args.join(' ')}: exit 2, the limit in words`, async () => {
      const { code, stderr } = await runCli(['run', scenario, ...args]);
      assert.equal(code, 2, stderr);
      assert.match(stderr.trim(), message);
    });
  }

  it('check: @users 1000000000000 is an error on its line (exit 2)', async () => {
    const file = dir.file('huge.load.http', '# @host http://127.0.0.1:9\n# @users 1000000000000\n# @run-time 1s\n\n### Home\nGET /\n');
    const { code, stdout } = await runCli(['check', file]);
    assert.equal(code, 2);
    assert.match(stdout, /huge\.load\.http:2:10: error: @users is at most 100,000/);
  });

  it('run: variables doubled 40 deep are a scenario error (exit 2), not a worker\'s stack trace', async () => {
    const lines = ['# @host http://127.0.0.1:9', '# @users 1', '# @run-time 1s'];
    for (let i = 0; i < 40; i++) lines.push(`@v${i} = {{v${i + 1}}}{{v${i + 1}}}`);
    lines.push('@v40 = ab', '', '### Home', 'GET /?q={{v0}}', '');
    const file = dir.file('doubling.load.http', lines.join('\n'));
    const { code, stderr } = await runCli(['run', file]);
    assert.equal(code, 2, stderr);
    assert.match(stderr, /doubling\.load\.http:24:2: error: @v20 expands to more than 1,048,576 characters/);
    assert.doesNotMatch(stderr, /\n\s+at /);
  });

  it('run: @stage 0s 5 is an error (it ran 0 requests and exited 0)', async () => {
    const file = dir.file('zero.load.http', '# @host http://127.0.0.1:9\n# @stage 0s 5\n\n### Home\nGET /\n');
    const { code, stderr } = await runCli(['run', file]);
    assert.equal(code, 2, stderr);
    assert.match(stderr, /zero\.load\.http:2:1: error: the stages last 0s in all, so the run would send nothing/);
  });
});

// `compare` and `run --baseline` end to end: the same scenario run against a server whose delay is
// set per run, then compared; exit codes, JUnit (against Jenkins' schema), the Markdown summary,
// $GITHUB_STEP_SUMMARY and GitHub's workflow commands.

import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { schemaProblems } from '../fixtures/junit/schema';
import { ensureBuilt, runCli, tempDir } from './helpers';
import { startServer, type TestServer } from './servers';

describe('loadlens compare and run --baseline', () => {
  const dir = tempDir();
  let server: TestServer;
  let delayMs = 2;
  const scenarioWith = (rules: string[]) =>
    ['# @users 4', '# @run-time 2s', ...rules.map((rule) => `# @threshold ${rule}`), '', '### Home', 'GET /', '', '### List', 'GET /list', ''].join('\n');
  let plain: string;
  let withBaselineRules: string;
  const vars = () => ['--host', server.url];

  before(async () => {
    ensureBuilt();
    server = await startServer((_req, res) => setTimeout(() => res.end('ok'), delayMs));
    plain = dir.file('plain.load.http', scenarioWith(['p95 < 5s']));
    withBaselineRules = dir.file('gate.load.http', scenarioWith(['p95 < baseline + 50ms', 'errors < baseline + 0.5% warn']));
    // The base run and a slow run, with the same scenario file as the gate below would be in CI.
    delayMs = 2;
    const base = await runCli(['run', plain, ...vars(), '-q', '--json', join(dir.path, 'base.json')]);
    assert.equal(base.code, 0, base.stderr);
    delayMs = 100;
    const slow = await runCli(['run', plain, ...vars(), '-q', '--json', join(dir.path, 'slow.json')]);
    assert.equal(slow.code, 0, slow.stderr);
    delayMs = 2;
  });
  after(async () => {
    await server.close();
    dir.remove();
  });

  it('compare: prints base / new / change, marks the slowdown, and exits 0 without rules', async () => {
    const outcome = await runCli(['compare', join(dir.path, 'base.json'), join(dir.path, 'slow.json'), '--json', join(dir.path, 'c.json'), '--markdown', join(dir.path, 'c.md')]);
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.match(outcome.stdout, /Type\s+Name\s+Metric\s+Base\s+New\s+Change\s+Significance/);
    assert.match(outcome.stdout, /p95\s+\S+ ms\s+\S+ ms\s+\+\d+%\s+▲ worse/);
    assert.match(outcome.stdout, /bootstrap over both HDR histograms/);
    assert.equal(outcome.stderr, '', 'same scenario: no warning');
    const json = JSON.parse(readFileSync(join(dir.path, 'c.json'), 'utf8')) as { comparison: { aggregate: { metrics: Array<{ metric: string; verdict?: string }> } } };
    assert.equal(json.comparison.aggregate.metrics.find((m) => m.metric === 'p95')?.verdict, 'worse');
    assert.match(readFileSync(join(dir.path, 'c.md'), 'utf8'), /### Regressions/);
  });

  it('compare --threshold: exit 1 when a baseline rule breaks, 0 when it holds, 2 for a bad rule', async () => {
    const files = [join(dir.path, 'base.json'), join(dir.path, 'slow.json')];
    const broken = await runCli(['compare', ...files, '--threshold', 'p95 < baseline + 50%', '--threshold', 'errors < baseline + 1%']);
    assert.equal(broken.code, 1, broken.stdout);
    assert.match(broken.stdout, /✗ p95 < baseline \+ 50%\s+Home: \d+ ms \(limit \d+(\.\d)? ms, baseline \d+(\.\d)? ms\)/);
    const holds = await runCli(['compare', ...files, '--threshold', 'p95 < baseline + 10s']);
    assert.equal(holds.code, 0, holds.stdout);
    const bad = await runCli(['compare', ...files, '--threshold', 'p95 < baseline * 2']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--threshold 'p95 < baseline \* 2': cannot read '\* 2' after baseline/);
  });

  it('compare warns about results of different scenarios but still compares', async () => {
    const other = JSON.parse(readFileSync(join(dir.path, 'slow.json'), 'utf8')) as { scenario: { hash: string } };
    other.scenario.hash = 'f'.repeat(64);
    writeFileSync(join(dir.path, 'other.json'), JSON.stringify(other));
    const outcome = await runCli(['compare', join(dir.path, 'base.json'), join(dir.path, 'other.json')]);
    assert.equal(outcome.code, 0);
    assert.match(outcome.stderr, /warning: the two results come from different scenarios/);
    const missing = await runCli(['compare', join(dir.path, 'base.json')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /takes two results/);
  });

  it('run with baseline rules and no --baseline: exit 2 before sending, on the rule\'s line', async () => {
    const before = server.requests;
    const outcome = await runCli(['run', withBaselineRules, ...vars(), '-q']);
    assert.equal(outcome.code, 2);
    assert.match(outcome.stderr, /gate\.load\.http:3:1: error: `p95 < baseline \+ 50ms` compares with a baseline run, and none was given: pass --baseline RESULT\.json/);
    assert.equal(server.requests, before, 'nothing was sent');
    const checked = await runCli(['check', withBaselineRules], { env: { GITHUB_ACTIONS: 'true' } });
    assert.equal(checked.code, 2);
    assert.match(checked.stdout, /^::error file=.*gate\.load\.http,line=3,col=1,.*title=Loadlens baseline-missing::`p95 < baseline \+ 50ms` compares/m);
    const withBase = await runCli(['check', withBaselineRules, '--baseline', join(dir.path, 'base.json')]);
    assert.equal(withBase.code, 0, withBase.stdout);
  });

  it('run --baseline: a slower server breaks the rule (exit 1) with the change in every report', async () => {
    delayMs = 100;
    const summary = join(dir.path, 'step-summary.md');
    writeFileSync(summary, '# earlier step\n');
    const outcome = await runCli(
      ['run', withBaselineRules, ...vars(), '-q', '--baseline', join(dir.path, 'base.json'), '--junit', join(dir.path, 'out', 'junit.xml'), '--summary', join(dir.path, 'out', 'summary.md'), '--html', join(dir.path, 'out', 'r.html')],
      { env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary } },
    );
    delayMs = 2;
    assert.equal(outcome.code, 1, outcome.stdout + outcome.stderr);
    assert.match(outcome.stdout, /Change against the baseline .*base\.json\n/);
    assert.match(outcome.stdout, /^GET\s+Home\b.*\+\d+% ▲.*\+\d+% ▲/m, 'median and p95 marked as significant rises');
    assert.match(outcome.stdout, /^::error file=.*gate\.load\.http,line=7,title=Loadlens threshold p95 < baseline \+ 50ms::p95 < baseline \+ 50ms broken on Home: \d+ ms \(limit/m);
    const junit = readFileSync(join(dir.path, 'out', 'junit.xml'), 'utf8');
    assert.equal(schemaProblems(junit), '');
    assert.match(junit, /<failure type="threshold" message="p95 &lt; baseline \+ 50ms broken on Home/);
    assert.match(junit, /Against the baseline .*base\.json: \d+ significant regressions?/);
    const markdown = readFileSync(join(dir.path, 'out', 'summary.md'), 'utf8');
    assert.match(markdown, /^## ❌ Loadlens: Failed/);
    assert.match(markdown, /### Change against the baseline/);
    const step = readFileSync(summary, 'utf8');
    assert.ok(step.startsWith('# earlier step\n## ❌ Loadlens: Failed'), 'appended, not overwritten');
    assert.match(readFileSync(join(dir.path, 'out', 'r.html'), 'utf8'), /<h2>Change against the baseline/);
  });

  it('run --baseline: the same fast server passes (exit 0)', async () => {
    const outcome = await runCli(['run', withBaselineRules, ...vars(), '-q', '--baseline', join(dir.path, 'base.json')]);
    assert.equal(outcome.code, 0, outcome.stdout + outcome.stderr);
    assert.match(outcome.stdout, /✓ p95 < baseline \+ 50ms/);
    assert.doesNotMatch(outcome.stdout, /^::/m, 'no workflow commands outside GitHub Actions');
  });
});

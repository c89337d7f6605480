// The certificate warning wherever the CLI shows a result: `run`, `report` (a saved result),
// `merge` (shards' results) and `coordinate` (a joined run), against a real HTTPS server on
// loopback with a self-signed certificate. Once per command, on stdout after the summary, and
// never for a run made with --insecure (docs/cli.md, "Certificate warnings").

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { RunResult } from '../../src/core/metrics/result';
import { startHttp1TlsServer } from '../support/tls-servers';
import { ensureBuilt, runCli, startCli, tempDir } from './helpers';

/** The warning as `run` prints it; `count` is how many requests it names. */
const WARNING = /warning: (\d+) requests? failed on the server's certificate \(DEPTH_ZERO_SELF_SIGNED_CERT\): the server's certificate is self-signed, and only certificates the system trusts are accepted: set loadlens\.insecure to accept it, or --insecure in the CLI\n/g;

function warnings(stdout: string): number[] {
  return [...stdout.matchAll(WARNING)].map((match) => Number(match[1]));
}

describe('the certificate warning in every command that shows a result', () => {
  const dir = tempDir();
  let server: Awaited<ReturnType<typeof startHttp1TlsServer>>;
  let scenario = '';
  const read = (name: string) => JSON.parse(readFileSync(`${dir.path}/${name}`, 'utf8')) as RunResult;
  const certificateFailures = (result: RunResult) => result.failures.filter((f) => f.error === 'DEPTH_ZERO_SELF_SIGNED_CERT').reduce((sum, f) => sum + f.occurrences, 0);

  before(async () => {
    ensureBuilt();
    server = await startHttp1TlsServer('dev');
    scenario = dir.file('dev.load.http', ['# @users 2', '# @run-time 1s', '# @think 100ms', '', '### dev', `GET https://127.0.0.1:${server.port}/dev`, ''].join('\n'));
  });
  after(async () => {
    await server.close();
    dir.remove();
  });

  it('report: a saved result with certificate failures gets the warning run printed; an --insecure one does not', async () => {
    const checked = await runCli(['run', scenario, '-q', '--json', `${dir.path}/checked.json`]);
    const count = certificateFailures(read('checked.json'));
    assert.ok(count > 0, checked.stdout + checked.stderr);
    assert.deepEqual(warnings(checked.stdout), [count], 'run');

    const report = await runCli(['report', `${dir.path}/checked.json`]);
    assert.equal(report.code, 0, report.stderr);
    assert.deepEqual(warnings(report.stdout), [count], report.stdout);
    assert.ok(report.stdout.indexOf('warning:') > report.stdout.indexOf('Failures'), 'after the summary');
    // --quiet leaves out the summary, not the warning (as `run -q`).
    assert.deepEqual(warnings((await runCli(['report', `${dir.path}/checked.json`, '--quiet'])).stdout), [count]);

    const insecure = await runCli(['run', scenario, '-q', '--insecure', '--json', `${dir.path}/insecure.json`]);
    assert.equal(insecure.code, 0, insecure.stdout + insecure.stderr);
    assert.equal(read('insecure.json').aggregate.failures, 0);
    const quiet = await runCli(['report', `${dir.path}/insecure.json`]);
    assert.doesNotMatch(quiet.stdout, /certificate/);
  });

  it('merge: the joined result of shards that failed on the certificate gets the warning once, with the sum', async () => {
    const shards = await Promise.all([1, 2].map((i) => runCli(['run', scenario, '-q', '--shard', `${i}/2`, '--json', `${dir.path}/shard${i}.json`])));
    for (const shard of shards) assert.equal(warnings(shard.stdout).length, 1, shard.stdout + shard.stderr);
    const merged = await runCli(['merge', `${dir.path}/shard1.json`, `${dir.path}/shard2.json`, '--json', `${dir.path}/merged.json`]);
    const count = certificateFailures(read('merged.json'));
    assert.equal(count, certificateFailures(read('shard1.json')) + certificateFailures(read('shard2.json')));
    assert.deepEqual(warnings(merged.stdout), [count], merged.stdout + merged.stderr);
  });

  it('coordinate: the joined run gets the warning once, and so does the shard', { timeout: 60_000 }, async () => {
    const coordinator = startCli(['coordinate', scenario, '--shards', '1', '--listen', '127.0.0.1:0', '--json', `${dir.path}/joined.json`], { timeoutMs: 50_000 });
    await coordinator.waitFor(/--join (http:\/\/127\.0\.0\.1:\d+)/);
    const joinUrl = /--join (http:\/\/127\.0\.0\.1:\d+)/.exec(coordinator.text())?.[1] as string;
    const shard = await startCli(['run', '--join', joinUrl, '-q'], { timeoutMs: 50_000 }).done;
    const joined = await coordinator.done;
    const count = certificateFailures(read('joined.json'));
    assert.ok(count > 0, joined.stdout + joined.stderr);
    assert.deepEqual(warnings(joined.stdout), [count], joined.stdout + joined.stderr);
    assert.deepEqual(warnings(shard.stdout), [count], shard.stdout + shard.stderr);
  });
});

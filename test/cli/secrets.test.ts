// Credentials in a host (`http://admin:{{$processEnv PASS}}@...`) never reach the terminal or a
// report file: the summary, the "Running ... against" line, --json, --csv, --html, and `report`
// reading an older result that still holds them.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensureBuilt, runCli, tempDir } from './helpers';
import { answer, startServer, type TestServer } from './servers';

const PASSWORD = 'p@ss-w0rd-in-host-51c2';

describe('credentials in the host', () => {
  const dir = tempDir();
  let server: TestServer;
  before(async () => {
    ensureBuilt();
    server = await startServer(answer(200));
    process.env.LOADLENS_TEST_PASS = PASSWORD;
  });
  after(async () => {
    delete process.env.LOADLENS_TEST_PASS;
    await server.close();
    dir.remove();
  });

  const everything = (outcome: { stdout: string; stderr: string }, prefix: string) => {
    const files = readdirSync(dir.path).filter((name) => name.startsWith(prefix));
    return [outcome.stdout, outcome.stderr, ...files.map((name) => readFileSync(join(dir.path, name), 'utf8'))].join('\n');
  };

  it('from # @host with $processEnv: not in the summary, JSON, CSV or HTML', async () => {
    const host = server.url.replace('http://', 'http://admin:{{$processEnv LOADLENS_TEST_PASS}}@');
    const file = dir.file('secret-host.load.http', [`# @host ${host}`, '# @users 1', '# @run-time 1s', '', '### one', 'GET /', ''].join('\n'));
    const out = join(dir.path, 'hostfile');
    const outcome = await runCli(['run', file, '--json', `${out}.json`, '--csv', out, '--html', `${out}.html`], { cwd: dir.path });
    assert.equal(outcome.code, 0, outcome.stdout + outcome.stderr);
    const all = everything(outcome, 'hostfile');
    assert.ok(all.includes(server.url.replace('http://', '')), 'the host itself is still shown');
    assert.ok(!all.includes('p@ss') && !all.includes('w0rd') && !all.includes('admin'), all.slice(0, 2000));
    assert.equal((JSON.parse(readFileSync(`${out}.json`, 'utf8')) as { host: string }).host, server.url);
  });

  it('from --host: not in the "Running ... against" line or the summary', async () => {
    const file = dir.file('plain.load.http', ['# @users 1', '# @run-time 1s', '', '### one', 'GET /', ''].join('\n'));
    const out = join(dir.path, 'flag');
    const outcome = await runCli(['run', file, '-H', server.url.replace('http://', `http://admin:${encodeURIComponent(PASSWORD)}@`), '--json', `${out}.json`], { cwd: dir.path });
    assert.equal(outcome.code, 0, outcome.stdout + outcome.stderr);
    const all = everything(outcome, 'flag');
    assert.match(outcome.stderr, new RegExp(`Running .*plain\\.load\\.http against ${server.url.replace(/[.]/g, '\\.')}`));
    assert.ok(!all.includes('w0rd') && !all.includes('admin'), all.slice(0, 2000));
  });

  it('`report` of an older result that holds them shows and writes none', async () => {
    const out = join(dir.path, 'hostfile.json');
    const old = JSON.parse(readFileSync(out, 'utf8')) as { host: string };
    old.host = `http://admin:${PASSWORD}@127.0.0.1:9`;
    writeFileSync(join(dir.path, 'old.json'), JSON.stringify(old));
    const outcome = await runCli(['report', join(dir.path, 'old.json'), '--json', join(dir.path, 'oldcopy-result.json'), '--html', join(dir.path, 'oldcopy.html')], { cwd: dir.path });
    assert.equal(outcome.code, 0, outcome.stdout + outcome.stderr);
    const all = everything(outcome, 'oldcopy');
    assert.ok(all.includes('127.0.0.1:9'));
    assert.ok(!all.includes('w0rd') && !all.includes('admin'), all.slice(0, 2000));
  });
});

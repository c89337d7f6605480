// Attacks through a scenario's file paths, end to end through the built CLI: `check` must not
// print a file from outside the project, and `run` must not send one. Each of these printed or
// sent the file before the rule of src/engine/file-access.ts existed.
import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensureBuilt, runCli, tempDir } from './helpers';
import { startServer, type TestServer } from './servers';

const SECRET = 'loadlens-test-secret-7f3a9';

describe('files outside the project', () => {
  const dir = tempDir();
  const project = join(dir.path, 'work', 'project');
  const outside = join(dir.path, 'outside');
  let server: TestServer;
  const received: string[] = [];
  before(async () => {
    ensureBuilt();
    mkdirSync(project, { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(outside, 'x.csv'), `token\n${SECRET}\n`);
    writeFileSync(join(outside, 'body.txt'), SECRET);
    server = await startServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push(`${req.url ?? ''} ${body}`);
        res.end('ok');
      });
    });
    process.env.LOADLENS_TEST_SECRET = SECRET;
  });
  after(async () => {
    delete process.env.LOADLENS_TEST_SECRET;
    await server.close();
    dir.remove();
  });

  const scenario = (name: string, lines: string[]) => {
    const path = join(project, name);
    writeFileSync(path, [`# @host ${server.url}`, '# @users 1', '# @run-time 1s', ...lines, ''].join('\n'));
    return path;
  };

  it('check with # @data /proc/self/environ prints no environment variable', async () => {
    const file = scenario('environ.load.http', ['# @data /proc/self/environ as e', '', '### one', 'GET /{{e.x}}']);
    const { code, stdout, stderr } = await runCli(['check', file], { cwd: project });
    assert.equal(code, 2, stdout + stderr);
    assert.doesNotMatch(stdout + stderr, new RegExp(SECRET));
    assert.doesNotMatch(stdout + stderr, /PATH=|HOME=/);
    assert.match(stdout, /environ\.load\.http:4:\d+: error: data file '\/proc\/self\/environ' is \/proc\/self\/environ, outside the folders a scenario may read .*--allow-path DIR/);
  });

  it('check with # @data ../../../../etc/passwd prints none of its lines', async () => {
    const file = scenario('passwd.load.http', ['# @data ../../../../../../../../etc/passwd as e', '', '### one', 'GET /{{e.x}}']);
    const { code, stdout, stderr } = await runCli(['check', file], { cwd: project });
    assert.equal(code, 2, stdout + stderr);
    assert.doesNotMatch(stdout + stderr, /root:/);
    assert.match(stdout, /outside the folders a scenario may read/);
  });

  it('run with # @data ../../x.csv sends nothing and exits 2', async () => {
    const before = received.length;
    const file = scenario('data.load.http', ['# @data ../../outside/x.csv as d', '', '### one', 'GET /?t={{d.token}}']);
    const { code, stdout, stderr } = await runCli(['run', file, '-q'], { cwd: project });
    assert.equal(code, 2, stdout + stderr);
    assert.match(stderr, /data file '\.\.\/\.\.\/outside\/x\.csv' is .*outside the folders a scenario may read/);
    assert.equal(received.length, before, 'nothing was sent');
    assert.doesNotMatch(stdout + stderr, new RegExp(SECRET));
  });

  it('run with < /abs/path sends nothing and exits 2', async () => {
    const before = received.length;
    const file = scenario('body.load.http', ['', '### one', 'POST /upload', 'Content-Type: text/plain', '', `< ${join(outside, 'body.txt')}`]);
    const { code, stdout, stderr } = await runCli(['run', file, '-q'], { cwd: project });
    assert.equal(code, 2, stdout + stderr);
    assert.match(stderr, /body file '.*body\.txt' is .*outside the folders a scenario may read/);
    assert.equal(received.length, before, 'nothing was sent');
  });

  it('--allow-path DIR lets check and run read inside DIR', async () => {
    const file = scenario('allowed.load.http', ['# @data ../../outside/x.csv as d', '', '### one', 'POST /upload?t={{d.token}}', 'Content-Type: text/plain', '', '< ../../outside/body.txt']);
    const checked = await runCli(['check', file, '--allow-path', outside], { cwd: project });
    assert.equal(checked.code, 0, checked.stdout + checked.stderr);
    const before = received.length;
    const { code, stdout, stderr } = await runCli(['run', file, '-q', '-t', '1s', '--allow-path', '../../outside'], { cwd: project });
    assert.equal(code, 0, stdout + stderr);
    assert.ok(received.length > before, 'sent');
    assert.ok(received.slice(before).every((line) => line === `/upload?t=${SECRET} ${SECRET}`), received.slice(before, before + 2).join('\n'));
  });

  it('the scenario folder and the current directory are allowed without a flag', async () => {
    writeFileSync(join(project, 'near.csv'), 'id\n7\n');
    writeFileSync(join(dir.path, 'work', 'cwd.csv'), 'id\n8\n');
    const file = scenario('near.load.http', ['# @data near.csv as n', '# @data ../cwd.csv as c', '', '### one', 'GET /n/{{n.id}}/{{c.id}}']);
    const { code, stdout, stderr } = await runCli(['check', file], { cwd: join(dir.path, 'work') });
    assert.equal(code, 0, stdout + stderr);
    const inProject = await runCli(['check', file], { cwd: project });
    assert.equal(inProject.code, 2, 'from the project folder, ../cwd.csv is outside');
  });

  it('--allow-path with a folder that does not exist is a usage error', async () => {
    const file = scenario('typo.load.http', ['', '### one', 'GET /']);
    const { code, stderr } = await runCli(['check', file, '--allow-path', join(dir.path, 'no-such-folder')], { cwd: project });
    assert.equal(code, 2);
    assert.match(stderr, /--allow-path .*no-such-folder.*not a folder/);
  });

  it('a data file with a header row only is an error in check and in run, and nothing is sent', async () => {
    writeFileSync(join(project, 'empty.csv'), 'id,name\n');
    const file = scenario('header-only.load.http', ['# @data empty.csv as d', '', '### one', 'GET /{{d.id}}']);
    const checked = await runCli(['check', file], { cwd: project });
    assert.equal(checked.code, 2);
    assert.match(checked.stdout, /data file 'empty\.csv' has no data rows/);
    const before = received.length;
    const { code } = await runCli(['run', file, '-q'], { cwd: project });
    assert.equal(code, 2);
    assert.equal(received.length, before);
  });
});

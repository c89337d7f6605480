// What the CLI prints and writes when its input or its reader is hostile: control bytes from a
// scenario or a result are escaped, a reader that goes away does not end the run, two reports
// never share a file, and a report that cannot be written leaves the previous one whole.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { resultJson } from '../../src/core/report';
import { buildRunResult } from '../fixtures/results';
import { CLI, ensureBuilt, runCli, tempDir } from './helpers';
import { answer, startServer, type TestServer } from './servers';

const ESC = '\x1b';

/** The CLI with stdout (and stderr, if asked) closed by the reader at once, as `| head -c 0` does. */
function runWithClosedReader(args: string[], cwd: string, closeStderr: boolean): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy();
  let stderr = '';
  if (closeStderr) child.stderr.destroy();
  else child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((resolve) => child.on('close', (code) => {
    clearTimeout(timer);
    resolve({ code, stderr });
  }));
}

describe('output safety', () => {
  const dir = tempDir();
  let server: TestServer;
  before(async () => {
    ensureBuilt();
    server = await startServer(answer(200));
  });
  after(async () => {
    await server.close();
    dir.remove();
  });

  const quickScenario = (name: string) => dir.file(name, [`# @host ${server.url}`, '# @users 1', '# @run-time 1s', '', '### one', 'GET /', ''].join('\n'));

  it('check escapes control bytes from the scenario instead of echoing them', async () => {
    const file = dir.file('controls.load.http', ['# @users 1', '# @run-time 1s', `# @host http://127.0.0.1:1`, `# @data ${ESC}]0;pwned\x07x.csv as d`, '', '### one', `GET /{{nope${ESC}[2J}}`, ''].join('\n'));
    const { code, stdout, stderr } = await runCli(['check', file], { cwd: dir.path });
    assert.equal(code, 2);
    assert.ok(!stdout.includes(ESC) && !stderr.includes(ESC) && !stdout.includes('\x07'), JSON.stringify(stdout));
    assert.match(stdout, /data file '\\x1b\]0;pwned\\x07x\.csv' not found/);
    assert.match(stdout, /\{\{nope\\x1b\[2J\}\}/);
  });

  it('report escapes control bytes and direction marks in result names, errors and rules', async () => {
    const result = buildRunResult({ durationS: 3 });
    const first = result.endpoints[0];
    assert.ok(first);
    first.name = `Evil${ESC}[2J\u202eeman`;
    result.failures = [{ method: 'GET', name: first.name, error: `boom${ESC}]8;;http://x.invalid${ESC}\\`, occurrences: 2 }];
    const path = join(dir.path, 'hostile-result.json');
    writeFileSync(path, resultJson(result));
    const { code, stdout } = await runCli(['report', path], { cwd: dir.path });
    assert.equal(code, 0, stdout);
    assert.ok(!stdout.includes(ESC) && !stdout.includes('\u202e'), JSON.stringify(stdout.slice(0, 400)));
    assert.match(stdout, /Evil\\x1b\[2J\\u202eeman/);
  });

  it('a reader that closes stdout does not crash the run: reports are written and the exit code is the run\'s', async () => {
    const file = quickScenario('pipe.load.http');
    const json = join(dir.path, 'pipe.json');
    const { code, stderr } = await runWithClosedReader(['run', file, '--json', json], dir.path, false);
    assert.equal(code, 0, stderr);
    assert.doesNotMatch(stderr, /EPIPE|\n\s+at /);
    assert.ok(existsSync(json));
  });

  it('with stdout and stderr both closed, the run still finishes and writes its reports', async () => {
    const file = quickScenario('pipes.load.http');
    const json = join(dir.path, 'pipes.json');
    const { code } = await runWithClosedReader(['run', file, '--json', json], dir.path, true);
    assert.equal(code, 0);
    assert.ok(existsSync(json));
    const checked = await runWithClosedReader(['check', join(dir.path, 'controls.load.http')], dir.path, true);
    assert.equal(checked.code, 2, 'check keeps its own exit code');
  });

  it('two reports naming one file are refused with exit 2 before anything is sent', async () => {
    const file = quickScenario('same.load.http');
    const before = server.requests;
    const same = join(dir.path, 'same.out');
    const both = await runCli(['run', file, '--json', same, '--html', same], { cwd: dir.path });
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--html and --json both name .*same\.out: each report needs a file of its own/);
    const csv = await runCli(['run', file, '--csv', join(dir.path, 'r'), '--html', join(dir.path, 'r_stats.csv')], { cwd: dir.path });
    assert.equal(csv.code, 2);
    assert.equal(server.requests, before, 'nothing was sent');
    assert.ok(!existsSync(same));
  });

  it('report refuses to write over the result it reads', async () => {
    const path = join(dir.path, 'keep.json');
    writeFileSync(path, resultJson(buildRunResult({ durationS: 2 })));
    const original = readFileSync(path, 'utf8');
    const { code, stderr } = await runCli(['report', path, '--html', path], { cwd: dir.path });
    assert.equal(code, 2);
    assert.match(stderr, /is the result being read/);
    assert.equal(readFileSync(path, 'utf8'), original);
  });

  it('a report that cannot be written whole leaves the previous one as it was (exit 3)', () => {
    const source = join(dir.path, 'source.json');
    writeFileSync(source, resultJson(buildRunResult({ durationS: 30 })));
    const out = join(dir.path, 'previous.json');
    const good = runCliSync(['report', source, '--json', out, '-q'], '');
    assert.equal(good.status, 0, good.stderr);
    const previous = readFileSync(out, 'utf8');
    assert.ok(previous.length > 4096);
    // A file size limit of 1 KiB makes the write fail part-way (EFBIG), as a full disk would.
    const failed = runCliSync(['report', source, '--json', out, '-q'], "ulimit -f 1; trap '' XFSZ;");
    assert.equal(failed.status, 3, failed.stderr);
    assert.match(failed.stderr, /cannot write .*previous\.json/);
    assert.equal(readFileSync(out, 'utf8'), previous, 'the previous report is whole');
  });

  function runCliSync(args: string[], shellPrefix: string) {
    const quoted = [process.execPath, CLI, ...args].map((arg) => `'${arg.replace(/'/g, "'\\''")}'`).join(' ');
    return spawnSync('bash', ['-c', `${shellPrefix} exec ${quoted}`], { cwd: dir.path, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 30_000 });
  }
});

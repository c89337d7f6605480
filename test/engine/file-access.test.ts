// The file rule of src/engine/file-access.ts: what a scenario's `# @data` and `< file` may read.
// Attacks kept here: paths out of the project, symbolic links out of it, devices and pipes, and
// files inside the project whose first line is a secret rather than a CSV header.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseScenario } from '../../src/core/scenario';
import { fileAccess, FileAccessError, readScenarioFile, resolveScenarioFile } from '../../src/engine/file-access';
import { checkScenarioOnDisk, createFileCheckEnvironment, fileAccessDiagnostics } from '../../src/engine/file-check-environment';
import { runToCompletion, spawnEngine } from '../../src/engine/spawn';
import { ensureBuilt, startCommand, startServer } from './helpers';

const root = mkdtempSync(join(tmpdir(), 'loadlens-access-'));
const project = join(root, 'project');
const shared = join(root, 'shared');
const elsewhere = join(root, 'elsewhere');
for (const folder of [project, shared, elsewhere]) mkdirSync(folder);
writeFileSync(join(project, 'users.csv'), 'id,name\n1,Ann\n');
writeFileSync(join(shared, 'shared.csv'), 'id\n1\n');
writeFileSync(join(elsewhere, 'secret.txt'), 'TOP-SECRET-VALUE\n');
symlinkSync(join(elsewhere, 'secret.txt'), join(project, 'innocent.csv'));
symlinkSync(join(shared, 'shared.csv'), join(project, 'linked.csv'));
after(() => rmSync(root, { recursive: true, force: true }));

const scenarioPath = join(project, 'api.load.http');
const access = fileAccess([project], 'allow its folder with --allow-path DIR');

describe('resolveScenarioFile', () => {
  it('allows a regular file inside an allowed folder, relative to the scenario', () => {
    assert.deepEqual(resolveScenarioFile(scenarioPath, 'users.csv', access), { ok: true, realPath: join(project, 'users.csv') });
    assert.equal(resolveScenarioFile(scenarioPath, './users.csv', access).ok, true);
  });

  it('refuses ../ paths and absolute paths outside, naming the path and the rule', () => {
    for (const written of ['../elsewhere/secret.txt', join(elsewhere, 'secret.txt'), '../../../../../../etc/passwd', '/proc/self/environ']) {
      const verdict = resolveScenarioFile(scenarioPath, written, access);
      assert.equal(verdict.ok, false, written);
      if (verdict.ok) continue;
      assert.equal(verdict.refusal, 'outside', written);
      assert.ok(verdict.message.includes(`'${written}'`), verdict.message);
      assert.match(verdict.message, /outside the folders a scenario may read .*--allow-path DIR/);
    }
  });

  it('says outside, not "not found", for a missing path outside: no probing of the machine', () => {
    const verdict = resolveScenarioFile(scenarioPath, '../elsewhere/nothing-here.csv', access);
    assert.equal(!verdict.ok && verdict.refusal, 'outside');
  });

  it('follows symbolic links: a link inside that leads outside is refused, one that leads to another allowed folder is not', () => {
    const verdict = resolveScenarioFile(scenarioPath, 'innocent.csv', access);
    assert.equal(!verdict.ok && verdict.refusal, 'outside');
    assert.ok(!verdict.ok && verdict.message.includes('which leads to'), 'says where the link leads');
    assert.equal(resolveScenarioFile(scenarioPath, 'linked.csv', access).ok, false);
    assert.equal(resolveScenarioFile(scenarioPath, 'linked.csv', fileAccess([project, shared], 'x')).ok, true);
  });

  it('refuses what is not a regular file: a folder, a device, a pipe', () => {
    mkdirSync(join(project, 'folder'));
    symlinkSync('/dev/zero', join(project, 'zero.csv'));
    execFileSync('mkfifo', [join(project, 'pipe.csv')]);
    assert.equal(resolveScenarioFile(scenarioPath, 'folder', access).ok, false);
    const itself = resolveScenarioFile(scenarioPath, '.', access);
    assert.equal(!itself.ok && itself.refusal, 'not-regular', 'the allowed folder itself');
    // /dev/zero is outside as well; allowed as a folder it is still no regular file.
    const devices = fileAccess([project, '/dev'], 'x');
    for (const written of ['zero.csv', 'pipe.csv', 'folder']) {
      const verdict = resolveScenarioFile(scenarioPath, written, devices);
      assert.equal(!verdict.ok && verdict.refusal, 'not-regular', written);
    }
    assert.throws(() => readScenarioFile(scenarioPath, 'pipe.csv', access), FileAccessError, 'a pipe is refused, not opened (which would block)');
  });

  it('says missing for a missing file inside, so the check says "not found"', () => {
    const verdict = resolveScenarioFile(scenarioPath, 'nope.csv', access);
    assert.equal(!verdict.ok && verdict.refusal, 'missing');
  });

  it('readScenarioFile reads what is allowed and throws, without the content, on the rest', () => {
    assert.equal(readScenarioFile(scenarioPath, 'users.csv', access).toString(), 'id,name\n1,Ann\n');
    assert.equal(readScenarioFile(scenarioPath, 'users.csv', access, 3).toString(), 'id,');
    for (const written of ['innocent.csv', '../elsewhere/secret.txt']) {
      assert.throws(() => readScenarioFile(scenarioPath, written, access), (error: Error) => error instanceof FileAccessError && !error.message.includes('TOP-SECRET'));
    }
  });
});

describe('the file rule in the check', () => {
  it('reports refused files on their lines, and the core still says "not found" for missing ones', () => {
    const text = ['# @users 1', '# @data ../elsewhere/secret.txt as s', '# @data missing.csv as m', '', '### one', 'POST http://127.0.0.1:1/', '', '< innocent.csv', ''].join('\n');
    const { diagnostics } = checkScenarioOnDisk(text, scenarioPath, access);
    const byLine = (line: number) => diagnostics.filter((d) => d.range.start.line === line && d.severity === 'error').map((d) => d.code);
    assert.deepEqual(byLine(1), ['file-outside']);
    assert.deepEqual(byLine(2), ['missing-data-file']);
    assert.deepEqual(byLine(7), ['file-outside']);
    for (const diagnostic of diagnostics) assert.doesNotMatch(diagnostic.message, /TOP-SECRET/);
  });

  it('reports multipart part files outside the allowed folders on their `< file` lines', () => {
    const text = [
      '# @users 1', '', '### upload', 'POST http://127.0.0.1:1/', 'Content-Type: multipart/form-data; boundary=B', '',
      '--B', 'Content-Disposition: form-data; name="a"; filename="a.csv"', '', '< ./users.csv',
      '--B', 'Content-Disposition: form-data; name="b"; filename="b.txt"', '', '< ../elsewhere/secret.txt',
      '--B', 'Content-Disposition: form-data; name="c"; filename="c.txt"', '', '< innocent.csv', '--B--', '',
    ].join('\n');
    const { diagnostics } = checkScenarioOnDisk(text, scenarioPath, access);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(errors.map((d) => [d.range.start.line, d.code]), [[13, 'file-outside'], [17, 'file-outside']]);
    assert.match(errors[0]?.message ?? '', /^multipart part file .*\.\.\/elsewhere\/secret\.txt/);
    for (const diagnostic of diagnostics) assert.doesNotMatch(diagnostic.message, /TOP-SECRET/);
  });

  it('reports unknown references inside a <@ body file on the <@ line, naming the file, and never reads one outside', () => {
    writeFileSync(join(project, 'order.json'), '{"id":"{{id}}","name":"{{nmae}}","row":"{{u.nope}}"}');
    writeFileSync(join(elsewhere, 'outside.json'), '{"x":"{{TOP-SECRET}}"}');
    const text = ['# @users 1', '# @data users.csv as u', '@id = 7', '@name = Ann', '', '### one', 'POST http://127.0.0.1:1/', '', '<@ ./order.json', '', '### two', 'POST http://127.0.0.1:1/', '', '<@latin1 ../elsewhere/outside.json', ''].join('\n');
    const { diagnostics } = checkScenarioOnDisk(text, scenarioPath, access);
    const onLine = (line: number) => diagnostics.filter((d) => d.range.start.line === line).map((d) => [d.code, d.message]);
    assert.deepEqual(onLine(8), [
      ['unknown-variable', "in body file './order.json': unknown variable 'nmae': define it with @nmae = ... or check the spelling"],
      ['unknown-data-column', onLine(8)[1]?.[1]],
    ]);
    assert.match(onLine(8)[1]?.[1] ?? '', /^in body file '\.\/order\.json': .*nope/);
    assert.deepEqual(onLine(13).map(([code]) => code), ['file-outside']);
    assert.equal(diagnostics.find((d) => d.code === 'body-file-variables'), undefined, 'the variables are processed now: no warning');
  });

  it('never lists the "columns" of a file that is not a CSV with a plausible header (a .env, /etc/passwd-like lines)', () => {
    writeFileSync(join(project, '.env'), 'API_KEY=sk-live-0123456789\n');
    writeFileSync(join(project, 'passwd.csv'), 'root:x:0:0:root:/root:/bin/bash\nx\n');
    writeFileSync(join(project, 'key.csv'), '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n');
    const environment = createFileCheckEnvironment(scenarioPath, access);
    for (const file of ['.env', 'passwd.csv', 'key.csv']) assert.equal(environment.csvColumns?.(file), undefined, file);
    const text = ['# @users 1', '# @data .env as e', '', '### one', 'GET http://127.0.0.1:1/{{e.x}}', ''].join('\n');
    const { diagnostics } = checkScenarioOnDisk(text, scenarioPath, access);
    for (const diagnostic of diagnostics) assert.doesNotMatch(diagnostic.message, /sk-live/);
  });

  it('cuts a long column list to a few names', () => {
    writeFileSync(join(project, 'wide.csv'), `${Array.from({ length: 40 }, (_, i) => `c${i}`).join(',')}\n${'1,'.repeat(39)}1\n`);
    const text = ['# @users 1', '# @data wide.csv as w', '', '### one', 'GET http://127.0.0.1:1/{{w.nope}}', ''].join('\n');
    const message = checkScenarioOnDisk(text, scenarioPath, access).diagnostics.find((d) => d.code === 'unknown-data-column')?.message ?? '';
    assert.match(message, /\(columns: c0, c1, c2, c3, c4, c5 and 34 more\)/);
    assert.doesNotMatch(message, /c39/);
  });

  it('refuses a data file with a header row and no data rows (it would send empty values)', () => {
    writeFileSync(join(project, 'header-only.csv'), 'id,name\n');
    writeFileSync(join(project, 'header-blank.csv'), 'id,name\r\n\r\n\n');
    writeFileSync(join(project, 'header-no-newline.csv'), 'id,name');
    writeFileSync(join(project, 'one-row.csv'), 'id,name\n1,Ann');
    const codes = (file: string) =>
      fileAccessDiagnostics(parseScenario(`# @data ${file} as d\n\n### one\nGET http://127.0.0.1:1/\n`), scenarioPath, access).map((d) => d.code);
    for (const file of ['header-only.csv', 'header-blank.csv', 'header-no-newline.csv']) assert.deepEqual(codes(file), ['data-file-no-rows'], file);
    assert.deepEqual(codes('one-row.csv'), []);
    assert.deepEqual(codes('users.csv'), []);
  });
});

describe('the engine, where the files are read', () => {
  // The engine enforces the rule itself, whatever its parent checked: a parent that names no
  // folders gets the scenario's folder only.
  async function run(text: string, allowedFolders?: string[]) {
    ensureBuilt();
    const handle = spawnEngine({ onLog: () => undefined });
    try {
      return await runToCompletion(handle, { ...startCommand(text, { runTimeMs: 600 }, scenarioPath), ...(allowedFolders ? { allowedFolders } : {}) });
    } finally {
      handle.kill();
    }
  }

  it('refuses a data file and a body file outside its allowed folders, and sends nothing', async () => {
    const server = await startServer((_req, res) => res.end('ok'));
    try {
      writeFileSync(join(elsewhere, 'rows.csv'), 'token\nTOP-SECRET-VALUE\n');
      const data = `# @host ${server.url}\n# @users 1\n# @data ../elsewhere/rows.csv as d\n\n### one\nGET /{{d.token}}\n`;
      await assert.rejects(run(data), (error: Error & { code?: string }) => error.code === 'scenario-invalid' && /outside the folders a scenario may read/.test(error.message) && !/TOP-SECRET/.test(error.message));
      const body = `# @host ${server.url}\n# @users 1\n\n### one\nPOST /\n\n< innocent.csv\n`;
      await assert.rejects(run(body, [project]), (error: Error & { code?: string }) => error.code === 'scenario-invalid' && /which leads to/.test(error.message));
      assert.equal(server.total(), 0);
      const allowed = await run(data, [project, elsewhere]);
      assert.ok(allowed.aggregate.requests > 0);
      assert.ok((server.hits.get('/TOP-SECRET-VALUE') ?? 0) > 0, 'with the folder allowed, the rows are sent');
    } finally {
      await server.close();
    }
  });

  it('says why a data file is no valid CSV without quoting it', async () => {
    const server = await startServer((_req, res) => res.end('ok'));
    try {
      writeFileSync(join(project, 'broken.csv'), 'id,name\nTOP-SECRET-CELL"x",1\n');
      const text = `# @host ${server.url}\n# @users 1\n# @data broken.csv as d\n\n### one\nGET /{{d.id}}\n`;
      await assert.rejects(run(text), (error: Error & { code?: string }) => {
        assert.equal(error.code, 'data-unreadable');
        assert.match(error.message, /broken\.csv: not valid CSV at line 2: a quote in the middle of an unquoted value/);
        assert.doesNotMatch(error.message, /TOP-SECRET/);
        return true;
      });
      assert.equal(server.total(), 0);
    } finally {
      await server.close();
    }
  });

  it('refuses a header-only data file before sending', async () => {
    const server = await startServer((_req, res) => res.end('ok'));
    try {
      writeFileSync(join(project, 'only-header.csv'), 'id\n');
      const text = `# @host ${server.url}\n# @users 1\n# @data only-header.csv as d\n\n### one\nGET /{{d.id}}\n`;
      await assert.rejects(run(text), (error: Error & { code?: string }) => error.code === 'scenario-invalid' && /has no data rows/.test(error.message));
      assert.equal(server.total(), 0);
    } finally {
      await server.close();
    }
  });
});

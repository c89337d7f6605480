// Finding and reading http-client.env.json and its private twin (src/engine/environment-files.ts):
// nearest folder wins, never above the folders a scenario may read, through the one file rule,
// and bad JSON said with its line and column, never its content.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it, mock } from 'node:test';
import { environmentValues } from '../../src/core/plan';
import { EnvironmentFilesCache, environmentsFor, findEnvironments, parseEnvironmentFile } from '../../src/engine/environment-files';
import { fileAccess } from '../../src/engine/file-access';

const root = mkdtempSync(join(tmpdir(), 'loadlens-envfiles-'));
after(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

describe('findEnvironments', () => {
  const workspace = join(root, 'workspace');
  const scenario = join(workspace, 'team', 'load', 'api.load.http');
  write(scenario, '');
  const access = fileAccess([workspace], 'allow it');

  it('finds the files in a folder above, up to the allowed folder; none above it', () => {
    write(join(root, 'http-client.env.json'), '{"outside": {"host": "http://127.0.0.1:9"}}');
    assert.deepEqual(findEnvironments(scenario, access).names, [], 'a file above the workspace is not looked at');
    write(join(workspace, 'http-client.env.json'), '{"dev": {"host": "http://127.0.0.1:1"}}');
    const found = findEnvironments(scenario, access);
    assert.deepEqual(found.names, ['dev']);
    assert.deepEqual(found.files, [join(workspace, 'http-client.env.json')]);
  });

  it('the nearest folder with either file wins, and both files come from it', () => {
    write(join(workspace, 'team', 'http-client.private.env.json'), '// secrets\n{"qa": {"token": "t"},}');
    const found = findEnvironments(scenario, access);
    assert.deepEqual(found.names, ['qa'], 'comments and a trailing comma are accepted; the workspace file is not merged in');
    assert.deepEqual(environmentValues(found, 'qa').get('token'), { value: 't', secret: true });
  });

  it('a file that leads outside the allowed folders (a symbolic link) is refused with the rule, not read', () => {
    const elsewhere = write(join(root, 'elsewhere', 'http-client.env.json'), '{"x": {"leak": "from-outside"}}');
    const linked = join(workspace, 'team', 'load', 'http-client.env.json');
    symlinkSync(elsewhere, linked);
    const found = findEnvironments(scenario, access);
    rmSync(linked);
    assert.deepEqual(found.names, []);
    assert.equal(found.problems[0]?.severity, 'error');
    assert.match(found.problems[0]?.message ?? '', /outside the folders a scenario may read/);
  });
});

describe('parseEnvironmentFile', () => {
  it('says where the JSON breaks (1-based line and column) without quoting it', () => {
    const parsed = parseEnvironmentFile('{\n  "dev": {\n    "token": "hunter2"\n    "x": 1\n  }\n}', 'http-client.private.env.json');
    assert.ok('problem' in parsed);
    assert.deepEqual({ line: parsed.problem.line, column: parsed.problem.column }, { line: 4, column: 5 });
    assert.equal(parsed.problem.message, 'not valid JSON: a comma expected');
    assert.ok(!JSON.stringify(parsed).includes('hunter2'));
  });

  it('reads a BOM-prefixed file', () => {
    const parsed = parseEnvironmentFile('\uFEFF{"dev": {"a": "1"}}', 'f');
    assert.deepEqual(parsed, { content: { dev: { a: '1' } } });
  });
});

describe('environmentsFor: REST Client\'s rest-client.environmentVariables setting', () => {
  const setting = { $shared: { api: '/v1' }, local: { host: 'http://127.0.0.1:3' } };

  it('stands in when no environment file is found, read the same way and never private', () => {
    const alone = join(root, 'no-files', 'a.load.http');
    write(alone, '');
    const found = environmentsFor(alone, fileAccess([join(root, 'no-files')], 'allow it'), setting);
    assert.deepEqual(found.names, ['local']);
    assert.deepEqual(environmentValues(found, 'local').get('api'), { value: '/v1', secret: false });
    assert.deepEqual(found.files, ['the rest-client.environmentVariables setting']);
  });

  it('is not used when a file defines environments (the files win)', () => {
    const dir = join(root, 'with-files');
    write(join(dir, 'http-client.env.json'), '{"fromFile": {"host": "http://127.0.0.1:4"}}');
    const found = environmentsFor(join(dir, 'b.load.http'), fileAccess([dir], 'allow it'), setting);
    assert.deepEqual(found.names, ['fromFile']);
  });
});

describe('EnvironmentFilesCache (the editor asks on every re-check and hover)', () => {
  const workspace = join(root, 'cached');
  const scenario = join(workspace, 'load', 'api.load.http');
  write(scenario, '');
  const access = fileAccess([workspace], 'allow it');
  const top = join(workspace, 'http-client.env.json');
  const nearer = join(workspace, 'load', 'http-client.private.env.json');

  it('gives the same lookup again while the files are unchanged, without reading them again', () => {
    write(top, '{"dev": {"host": "http://127.0.0.1:1"}}');
    const cache = new EnvironmentFilesCache();
    const first = cache.find(scenario, access);
    assert.deepEqual(first.names, ['dev']);
    // A new read and parse would give a new object.
    assert.equal(cache.find(scenario, access), first);
    assert.equal(cache.find(scenario, access), first);
  });

  it('sees an edited file, a new file in a nearer folder and a deleted one at once', () => {
    const cache = new EnvironmentFilesCache();
    write(top, '{"dev": {"host": "http://127.0.0.1:1"}}');
    assert.deepEqual(cache.find(scenario, access).names, ['dev']);
    write(top, '{"dev": {"host": "http://127.0.0.1:1"}, "staging": {"host": "http://127.0.0.1:2"}}');
    assert.deepEqual(cache.find(scenario, access).names, ['dev', 'staging'], 'the edit is seen with no wait');
    write(nearer, '{"qa": {"token": "t"}}');
    assert.deepEqual(cache.find(scenario, access).names, ['qa'], 'the nearer folder now wins');
    assert.equal(environmentValues(cache.find(scenario, access), 'qa').get('token')?.secret, true);
    unlinkSync(nearer);
    assert.deepEqual(cache.find(scenario, access).names, ['dev', 'staging'], 'back to the file above');
    write(top, '{"dev": {"host": "http://127.0.0.1:1"},');
    assert.equal(cache.find(scenario, access).problems[0]?.severity, 'error', 'a file broken by the edit is said at once');
  });

  it('sees an edit that keeps the size and changes only the content and the modification time', () => {
    const cache = new EnvironmentFilesCache();
    write(top, '{"dev": {"host": "http://127.0.0.1:1"}}');
    utimesSync(top, 1_000_000, 1_000_000);
    assert.deepEqual(cache.find(scenario, access).names, ['dev']);
    write(top, '{"qa_": {"host": "http://127.0.0.1:1"}}');
    utimesSync(top, 1_000_500, 1_000_500);
    assert.deepEqual(cache.find(scenario, access).names, ['qa_']);
  });

  it('a write that lands just after the file was read is seen at the next lookup, not cached under its stamp', () => {
    // A real race cannot be timed in a test: the write is made right after the read returns.
    const cache = new EnvironmentFilesCache();
    write(top, '{"dev": {"host": "http://127.0.0.1:1"}}');
    utimesSync(top, 2_000_000, 2_000_000);
    let armed = true;
    const readSync = fs.readSync;
    const reading = mock.method(fs, 'readSync', (...args: Parameters<typeof fs.readSync>) => {
      const bytes = readSync(...args);
      if (armed) {
        armed = false;
        writeFileSync(top, '{"qa_": {"host": "http://127.0.0.1:1"}}');
        utimesSync(top, 2_000_500, 2_000_500);
      }
      return bytes;
    });
    try {
      assert.deepEqual(cache.find(scenario, access).names, ['dev'], 'the content read before the write');
      assert.equal(armed, false, 'the file was read through readSync');
    } finally {
      reading.mock.restore();
    }
    assert.deepEqual(cache.find(scenario, access).names, ['qa_'], 'the write is seen');
  });

  it('keeps each scenario and each set of readable folders apart', () => {
    write(top, '{"dev": {}}');
    const other = write(join(root, 'cached-other', 'b.load.http'), '');
    const cache = new EnvironmentFilesCache();
    assert.deepEqual(cache.find(scenario, access).names, ['dev']);
    assert.deepEqual(cache.find(other, fileAccess([join(root, 'cached-other')], 'allow it')).names, []);
    assert.deepEqual(cache.find(scenario, fileAccess([join(workspace, 'load')], 'allow it')).names, [], 'the file above the readable folder is not looked at');
  });
});

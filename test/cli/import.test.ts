// `loadlens import`: usage, exit codes, standard input and output, side files, notes on stderr.

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CLI, ensureBuilt, runCli, tempDir } from './helpers';

describe('loadlens import', () => {
  const dir = tempDir();
  before(ensureBuilt);
  after(() => dir.remove());

  it('exits 2 with the kinds when the kind is unknown or missing', async () => {
    const unknown = await runCli(['import', 'wsdl', 'x.wsdl']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /cannot import 'wsdl': the kinds are curl/);
    const missing = await runCli(['import']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /what to import\? Usage: loadlens import/);
  });

  it('exits 2 with what, where and what to do when a curl command cannot be read', async () => {
    const noUrl = await runCli(['import', 'curl', 'curl -H "a: b"']);
    assert.equal(noUrl.code, 2);
    assert.match(noUrl.stderr, /cannot import the curl command: the curl command has no URL: give one/);
    const dangling = await runCli(['import', 'curl', 'curl http://a.localhost -H']);
    assert.equal(dangling.code, 2);
    assert.match(dangling.stderr, /curl option -H needs a value/);
    assert.doesNotMatch(noUrl.stderr + dangling.stderr, /\n\s+at /, 'no stack trace');
  });

  it('exits 2 on a bad --host or --keep-origin, with an example of a good one', async () => {
    const har = dir.file('one.har', JSON.stringify({ log: { entries: [] } }));
    const host = await runCli(['import', 'har', har, '--host', 'localhost:8888']);
    assert.equal(host.code, 2);
    assert.match(host.stderr, /--host needs an http:\/\/ or https:\/\/ URL, e\.g\. --host http:\/\/localhost:8888/);
    const origin = await runCli(['import', 'har', har, '--keep-origin', 'https://cdn.example.invalid/path']);
    assert.equal(origin.code, 2);
    assert.match(origin.stderr, /--keep-origin takes origins such as https:\/\/api\.example\.com/);
  });

  it('exits 2 when a HAR or OpenAPI file is missing or not what it should be, saying what and where', async () => {
    const missing = await runCli(['import', 'openapi', join(dir.path, 'nowhere.yaml')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read OpenAPI document .*nowhere\.yaml: no such file/);
    const notJson = await runCli(['import', 'har', dir.file('broken.har', '{"log": {"entries": [}')]);
    assert.equal(notJson.code, 2);
    assert.match(notJson.stderr, /cannot import .*broken\.har: not JSON, so not a HAR file: /);
    const yaml = await runCli(['import', 'openapi', dir.file('bad.yaml', 'openapi: 3.1.0\npaths:\n  /a: [\n')]);
    assert.equal(yaml.code, 2);
    assert.match(yaml.stderr, /bad\.yaml: not valid YAML at line 4, column 1/);
    const two = await runCli(['import', 'har', 'a.har', 'b.har']);
    assert.equal(two.code, 2);
    assert.match(two.stderr, /takes one SOURCE file, got 2/);
    assert.doesNotMatch(missing.stderr + notJson.stderr + yaml.stderr, /\n\s+at /, 'no stack trace');
  });

  it('reads the command from standard input with -, and writes the scenario to standard output without -o', () => {
    const result = spawnSync(process.execPath, [CLI, 'import', 'curl', '-'], {
      input: "curl 'http://api.localhost:8080/items?page=1' -H 'accept: application/json' -k",
      encoding: 'utf8',
      cwd: dir.path,
    });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^# @host http:\/\/api\.localhost:8080$/m);
    assert.match(result.stdout, /^GET \/items\?page=1$/m);
    assert.match(result.stdout, /^accept: application\/json$/m);
    // -k is not carried: a comment in the scenario and a line on stderr.
    assert.match(result.stdout, /^# Not carried over: -k .*--insecure/m);
    assert.match(result.stderr, /note: request 1: -k .*--insecure/);
    assert.match(result.stderr, /wrote standard output; 1 note above/);
  });

  it('--host replaces the command\'s server; words after -- are taken as already split', async () => {
    const out = join(dir.path, 'split.load.http');
    const result = await runCli(['import', 'curl', '--host', 'http://127.0.0.1:9', '-o', out, '--', 'curl', '-X', 'POST', 'https://prod.example.invalid/a b', '-d', 'x=1']);
    assert.equal(result.code, 0, result.stderr);
    const text = readFileSync(out, 'utf8');
    assert.match(text, /^# @host http:\/\/127\.0\.0\.1:9$/m);
    assert.match(text, /^POST \/a%20b$/m);
    const check = await runCli(['check', out]);
    assert.equal(check.code, 0, check.stdout);
  });

  it('writes a body that cannot be inline beside the scenario, and the scenario sends it', async () => {
    const out = join(dir.path, 'multi.load.http');
    dir.file('photo.png', '\u0089PNG fake');
    const result = await runCli(['import', 'curl', 'curl -F name=x -F pic=@photo.png http://api.localhost/upload', '-o', out], { cwd: dir.path });
    assert.equal(result.code, 0, result.stderr);
    assert.match(readFileSync(out, 'utf8'), /^< \.\/multi\.body-1\.multipart$/m);
    assert.ok(existsSync(join(dir.path, 'multi.body-1.multipart')));
    assert.match(result.stderr, /its body is in multi\.body-1\.multipart/);
    const check = await runCli(['check', out]);
    assert.equal(check.code, 0, check.stdout);
  });

  it('names a file the command reads but that is not there, and goes on', async () => {
    const result = await runCli(['import', 'curl', 'curl -d @missing.txt http://api.localhost/p'], { cwd: dir.path });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /note: request 1: -d data from missing\.txt: the file cannot be read here/);
  });
});

// Environments on the command line (docs/scenario-environments.md, Environments): `--env NAME` picks one
// of http-client.env.json, `--var` beats the file which beats the environment, the nearest folder's
// files win, an unknown environment or a name it lacks stops the run before anything is sent, and
// values of http-client.private.env.json appear in no output: not stdout, stderr, JSON, HTML, CSV
// or JUnit, even when the server echoes them into a failure text and one is part of the host.
import { strict as assert } from 'node:assert';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { planRun } from '../../src/core/plan';
import { filesOf } from '../../src/cli/commands/coordinate';
import { commandLineFileAccess, readScenarioFile } from '../../src/engine/file-access';
import { runEnvironment } from '../../src/engine/run-environment';
import { ensureBuilt, runCli, startCli, tempDir } from './helpers';
import { startServer, type TestServer } from './servers';

const SECRET = 'sekr1t-t0ken-7f3a9';
const SHORT_RUN = ['# @users 1', '# @run-time 1s'];

/** A server that keeps each request's path and answers with the Authorization header echoed back. */
async function recordingServer(): Promise<TestServer & { paths: string[] }> {
  const paths: string[] = [];
  const server = await startServer((req: IncomingMessage, res: ServerResponse) => {
    paths.push(req.url ?? '');
    const echoed = String(req.headers.authorization ?? '');
    res.writeHead(200, { 'content-type': 'text/plain', 'x-echo': echoed });
    res.end(`you sent ${echoed} to ${req.url ?? ''}`);
  });
  return Object.assign(server, { paths });
}

describe('environments: --env, --var, nearest folder, private values', () => {
  const dir = tempDir();
  let dev: Awaited<ReturnType<typeof recordingServer>>;
  let staging: Awaited<ReturnType<typeof recordingServer>>;
  before(async () => {
    ensureBuilt();
    [dev, staging] = await Promise.all([recordingServer(), recordingServer()]);
  });
  after(async () => {
    await Promise.all([dev.close(), staging.close()]);
    dir.remove();
  });

  const folder = (name: string, environments: object, privateEnvironments?: object): string => {
    const path = join(dir.path, name);
    mkdirSync(path, { recursive: true });
    writeFileSync(join(path, 'http-client.env.json'), JSON.stringify(environments, null, 2));
    if (privateEnvironments) writeFileSync(join(path, 'http-client.private.env.json'), JSON.stringify(privateEnvironments, null, 2));
    return path;
  };
  const scenario = (path: string, lines: string[]) => {
    writeFileSync(path, [...lines, ''].join('\n'));
    return path;
  };

  it('--env picks the environment whose host the run uses; --env of none found is exit 2 listing them', async () => {
    const home = folder('pick', { $shared: { path: '/shared' }, dev: { host: dev.url }, staging: { host: staging.url } });
    const file = scenario(join(home, 'api.load.http'), ['# @host {{host}}', ...SHORT_RUN, '', '### one', 'GET /p{{path}}']);
    const [devBefore, stagingBefore] = [dev.requests, staging.requests];
    const outcome = await runCli(['run', file, '--env', 'staging', '-q'], { cwd: dir.path });
    assert.equal(outcome.code, 0, outcome.stdout + outcome.stderr);
    assert.ok(staging.requests > stagingBefore, 'the staging server got the load');
    assert.equal(dev.requests, devBefore, 'the dev server got nothing');
    assert.ok(staging.paths.includes('/p/shared'), '$shared applies to the chosen environment');

    const missing = await runCli(['run', file, '--env', 'prod', '-q'], { cwd: dir.path });
    assert.equal(missing.code, 2, missing.stdout + missing.stderr);
    assert.match(missing.stderr, /no environment 'prod'/);
    assert.match(missing.stderr, /'dev', 'staging'/);
    assert.match(missing.stderr, /Nothing was sent/);
    assert.equal(dev.requests, devBefore);

    const none = await runCli(['run', file, '-q'], { cwd: dir.path });
    assert.equal(none.code, 2, 'without --env, {{host}} has no value: nothing is sent');
    assert.match(none.stderr, /'host' comes from an environment \('dev', 'staging'\) and none is chosen/);
  });

  it('precedence: the environment, then the file\'s @name = value, then --var', async () => {
    const home = folder('precedence', { dev: { host: dev.url, a: '/env-a', b: '/env-b', c: '/env-c' } });
    const file = scenario(join(home, 'p.load.http'), ['# @host {{host}}', ...SHORT_RUN, '@b = /file-b', '@c = /file-c', '', '### a', 'GET /p{{a}}', '', '### b', 'GET /p{{b}}', '', '### c', 'GET /p{{c}}']);
    dev.paths.length = 0;
    const outcome = await runCli(['run', file, '--env', 'dev', '--var', 'c=/var-c', '-q'], { cwd: dir.path });
    assert.equal(outcome.code, 0, outcome.stdout + outcome.stderr);
    assert.deepEqual([...new Set(dev.paths)].sort(), ['/p/env-a', '/p/file-b', '/p/var-c']);
  });

  it('--var alone gives a value, and a malformed --var is a usage error that does not echo it', async () => {
    const file = scenario(join(dir.path, 'var-only.load.http'), ['# @host {{target}}', ...SHORT_RUN, '', '### one', 'GET /']);
    const outcome = await runCli(['run', file, '--var', `target=${dev.url}`, '-q'], { cwd: dir.path });
    assert.equal(outcome.code, 0, outcome.stdout + outcome.stderr);
    const bad = await runCli(['run', file, '--var', 'no-equals-sign-hunter2', '-q'], { cwd: dir.path });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--var needs NAME=VALUE/);
    assert.ok(!bad.stderr.includes('hunter2'));
  });

  it('the nearest folder\'s files win over those further up', async () => {
    const top = folder('nearest', { dev: { host: dev.url } });
    const inner = folder(join('nearest', 'team', 'load'), { dev: { host: staging.url } });
    mkdirSync(join(top, 'other'), { recursive: true });
    const near = scenario(join(inner, 'n.load.http'), ['# @host {{host}}', ...SHORT_RUN, '', '### one', 'GET /nearest']);
    const far = scenario(join(top, 'other', 'f.load.http'), ['# @host {{host}}', ...SHORT_RUN, '', '### one', 'GET /from-above']);
    const [devBefore, stagingBefore] = [dev.requests, staging.requests];
    const nearRun = await runCli(['run', near, '--env', 'dev', '-q'], { cwd: top });
    assert.equal(nearRun.code, 0, nearRun.stdout + nearRun.stderr);
    assert.ok(staging.requests > stagingBefore && dev.requests === devBefore, 'the file beside the scenario won');
    // No file beside it: the one in the folder above (the current directory) is found.
    const farRun = await runCli(['run', far, '--env', 'dev', '-q'], { cwd: top });
    assert.equal(farRun.code, 0, farRun.stdout + farRun.stderr);
    assert.ok(dev.paths.includes('/from-above'));
  });

  it('a name the chosen environment lacks stops the run before anything is sent; check --env says so too', async () => {
    const home = folder('lacks', { dev: { host: dev.url, token: 'x' }, staging: { host: staging.url } });
    const file = scenario(join(home, 'l.load.http'), ['# @host {{host}}', ...SHORT_RUN, '', '### one', 'GET /', 'Authorization: {{token}}', '', '### two', 'GET /{{nowhere}}']);
    const before = staging.requests;
    const outcome = await runCli(['run', file, '--env', 'staging', '-q'], { cwd: dir.path });
    assert.equal(outcome.code, 2, outcome.stdout + outcome.stderr);
    assert.match(outcome.stderr, /l\.load\.http:7:\d+: error: 'token' is not defined in the environment 'staging' \(only in 'dev'\)/);
    assert.equal(staging.requests, before);

    const checked = await runCli(['check', file, '--env', 'staging'], { cwd: dir.path });
    assert.equal(checked.code, 2);
    assert.match(checked.stdout, /'token' is not defined in the environment 'staging'/);
    // Without --env: a name some environment defines is fine; one none defines is a warning.
    const any = await runCli(['check', file], { cwd: dir.path });
    assert.equal(any.code, 0, any.stdout + any.stderr);
    assert.doesNotMatch(any.stdout, /token/);
    assert.match(any.stdout, /l\.load\.http:10:\d+: warning: unknown variable 'nowhere'/);
    const unknownEnvironment = await runCli(['check', file, '--env', 'prod'], { cwd: dir.path });
    assert.equal(unknownEnvironment.code, 2);
    assert.match(unknownEnvironment.stdout, /no environment 'prod'.*'dev', 'staging'/);
  });

  it('an unknown --env is said in the same words by run, check, coordinate and kubernetes (exit 2, naming the environments found)', async () => {
    const home = folder('unknown-env', { dev: { host: dev.url }, staging: { host: staging.url } });
    const file = scenario(join(home, 'u.load.http'), ['# @host {{host}}', ...SHORT_RUN, '', '### one', 'GET /u']);
    const before = dev.requests + staging.requests;
    const outcomes = {
      run: await runCli(['run', file, '--env', 'nope', '-q'], { cwd: dir.path }),
      check: await runCli(['check', file, '--env', 'nope'], { cwd: dir.path }),
      coordinate: await runCli(['coordinate', file, '--env', 'nope', '--shards', '2', '--listen', '127.0.0.1:0'], { cwd: dir.path }),
      kubernetes: await runCli(['kubernetes', file, '--env', 'nope', '--shards', '2'], { cwd: dir.path }),
    };
    const expected = `no environment 'nope' in ${join(home, 'http-client.env.json')}: the environments found are 'dev', 'staging'`;
    for (const [command, outcome] of Object.entries(outcomes)) {
      assert.equal(outcome.code, 2, `${command}: ${outcome.stdout}${outcome.stderr}`);
      const said = /no environment 'nope'[^\n]*?(?=\. |\.?\n)/.exec(outcome.stdout + outcome.stderr)?.[0];
      assert.equal(said, expected, `${command} says it in the same words`);
    }
    assert.equal(dev.requests + staging.requests, before, 'nothing was sent');
  });

  it('bad JSON in an environment file: exit 2 naming the file, line and column', async () => {
    const home = join(dir.path, 'broken');
    mkdirSync(home);
    writeFileSync(join(home, 'http-client.private.env.json'), `{\n  "dev": {\n    "token": "${SECRET}"\n    "other": 1\n  }\n}\n`);
    const file = scenario(join(home, 'b.load.http'), [`# @host ${dev.url}`, ...SHORT_RUN, '', '### one', 'GET /']);
    const outcome = await runCli(['run', file, '--env', 'dev', '-q'], { cwd: dir.path });
    assert.equal(outcome.code, 2);
    assert.match(outcome.stderr, /http-client\.private\.env\.json:4:5: not valid JSON: a comma expected/);
    assert.ok(!outcome.stderr.includes(SECRET), 'the message never quotes the file');
    const checked = await runCli(['check', file], { cwd: dir.path });
    assert.equal(checked.code, 2);
    assert.match(checked.stdout, /http-client\.private\.env\.json:4:5: error: not valid JSON/);
  });

  it('private values appear in no output: terminal, JSON, HTML, CSV, JUnit; not even echoed into a failure or in the host', async () => {
    const home = folder('private', { dev: { user: 'alice' } }, { dev: { token: SECRET, base: `${dev.url}/${SECRET}` } });
    const file = scenario(join(home, 's.load.http'), [
      '# @host {{base}}',
      ...SHORT_RUN,
      '',
      '### echo',
      'GET /items?key={{token}}&user={{user}}',
      'Authorization: Bearer {{token}}',
      '?? header x-echo == nope',
      '?? body == "nope"',
    ]);
    const out = join(home, 'report');
    dev.paths.length = 0;
    const outcome = await runCli(['run', file, '--env', 'dev', '--json', `${out}.json`, '--html', `${out}.html`, '--csv', out, '--junit', `${out}.xml`], { cwd: dir.path });
    // The checks fail on purpose: the failure texts are where a server's echo would show the secret.
    assert.ok(outcome.code === 0 || outcome.code === 1, outcome.stdout + outcome.stderr);
    assert.ok(dev.paths.some((path) => path.includes(`/${SECRET}/items?key=${SECRET}`)), 'the secret was sent, in the path and the query');
    const files = readdirSync(home).filter((name) => name.startsWith('report'));
    assert.ok(files.length >= 6, files.join(', '));
    const result = JSON.parse(readFileSync(`${out}.json`, 'utf8')) as { failures: Array<{ error: string }>; host?: string };
    assert.ok(result.failures.some((failure) => failure.error.includes('[private]')), JSON.stringify(result.failures));
    assert.match(result.host ?? '', /\[private\]/);
    for (const text of [outcome.stdout, outcome.stderr, ...files.map((name) => readFileSync(join(home, name), 'utf8'))]) {
      assert.ok(!text.includes(SECRET) && !text.includes('sekr1t'), text.slice(0, 3000));
    }
    assert.match(outcome.stdout, /\[private\]/, 'the summary shows where the secret was');
  });

  // A base URL as teams write it: a trailing slash (the host loses it, src/core/plan/host.ts) and
  // a mixed-case host name (`new URL` lower-cases it). Neither normalised form may leak.
  const TENANT = 'Tenant-SEKRIT42';
  const leaks = (text: string) => /sekrit42/i.test(text);
  const normalisedBase = () => `${dev.url.replace('127.0.0.1', 'LocalHost')}/${TENANT}/`;
  const reportArgs = (out: string) => ['--json', `${out}.json`, '--html', `${out}.html`, '--junit', `${out}.xml`, '--summary', `${out}.md`];
  const everyOutput = (home: string, prefix: string, outcome: { stdout: string; stderr: string }) => {
    const files = readdirSync(home).filter((name) => name.startsWith(prefix));
    assert.ok(files.length >= 4, files.join(', '));
    return [outcome.stdout, outcome.stderr, ...files.map((name) => readFileSync(join(home, name), 'utf8'))];
  };

  it('a private base URL with a trailing slash and a mixed-case host appears in no output of `run`', async () => {
    const home = folder('normalised', { dev: {} }, { dev: { baseUrl: normalisedBase() } });
    const file = scenario(join(home, 's.load.http'), ['# @host {{baseUrl}}', ...SHORT_RUN, '', '### one', 'GET /items', '?? status == 299']);
    dev.paths.length = 0;
    const outcome = await runCli(['run', file, '--env', 'dev', ...reportArgs(join(home, 'report'))], { cwd: dir.path });
    assert.ok(outcome.code === 0 || outcome.code === 1, outcome.stdout + outcome.stderr);
    assert.ok(dev.paths.some((path) => path === `/${TENANT}/items`), `the secret was sent: ${dev.paths.join(', ')}`);
    for (const text of everyOutput(home, 'report', outcome)) assert.ok(!leaks(text), text.slice(0, 3000));
    const result = JSON.parse(readFileSync(join(home, 'report.json'), 'utf8')) as { host?: string };
    assert.equal(result.host, '[private]');
  });

  it('`coordinate` redacts the joined result it builds itself: summary, JSON, HTML, JUnit, Markdown', async () => {
    const home = folder('coordinated', { dev: {} }, { dev: { baseUrl: normalisedBase() } });
    const file = scenario(join(home, 's.load.http'), ['# @host {{baseUrl}}', ...SHORT_RUN, '', '### one', 'GET /items']);
    dev.paths.length = 0;
    const coordinator = startCli(['coordinate', file, '--env', 'dev', '--shards', '1', '--listen', '127.0.0.1:0', ...reportArgs(join(home, 'joined'))], { cwd: dir.path, timeoutMs: 60_000 });
    await coordinator.waitFor(/--join (http:\/\/127\.0\.0\.1:\d+)/);
    const joinUrl = /--join (http:\/\/127\.0\.0\.1:\d+)/.exec(coordinator.text())?.[1] as string;
    const shard = await runCli(['run', '--join', joinUrl], { cwd: dir.path, timeoutMs: 60_000 });
    const outcome = await coordinator.done;
    assert.equal(outcome.code, 0, outcome.stdout + outcome.stderr);
    assert.ok(dev.paths.some((path) => path === `/${TENANT}/items`), `the secret was sent: ${dev.paths.join(', ')}`);
    for (const text of [...everyOutput(home, 'joined', outcome), shard.stdout, shard.stderr]) assert.ok(!leaks(text), text.slice(0, 3000));
    const result = JSON.parse(readFileSync(join(home, 'joined.json'), 'utf8')) as { host?: string };
    assert.equal(result.host, '[private]');
  });
});

describe('a coordinated run hands its environment files to the shards', () => {
  const dir = tempDir();
  after(() => dir.remove());

  it('both files, found above the scenario, travel under their own names to sit beside the shard\'s scenario', () => {
    writeFileSync(join(dir.path, 'http-client.env.json'), '{"dev": {"host": "http://127.0.0.1:1"}}');
    writeFileSync(join(dir.path, 'http-client.private.env.json'), `{"dev": {"token": "${SECRET}"}}`);
    mkdirSync(join(dir.path, 'load'));
    const scenarioPath = join(dir.path, 'load', 'c.load.http');
    const text = ['# @host {{host}}', ...SHORT_RUN, '', '### one', 'GET /', 'Authorization: {{token}}', ''].join('\n');
    writeFileSync(scenarioPath, text);
    const access = commandLineFileAccess(scenarioPath, [], dir.path);
    const plan = planRun(text, { environment: 'dev' }, runEnvironment(scenarioPath, access));
    assert.deepEqual(plan.problems, []);
    const files = filesOf(scenarioPath, plan, (written) => readScenarioFile(scenarioPath, written, access));
    const decoded = Object.fromEntries(files.map((file) => [file.path, Buffer.from(file.base64, 'base64').toString('utf8')]));
    assert.deepEqual(Object.keys(decoded).sort(), ['http-client.env.json', 'http-client.private.env.json']);
    assert.match(decoded['http-client.private.env.json'] ?? '', new RegExp(SECRET));
  });
});

// planRun: the one preparation of a run (src/core/plan/). Pure: the environment is built here by
// hand, with the engine's own template compiler; nothing is read from disk or the process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NO_ENVIRONMENTS, planRun, type RunEnvironment } from '../../../src/core/plan';
import type { RunOptions } from '../../../src/core/protocol/engine';
import { checkScenario } from '../../../src/core/scenario';
import { createRandom, randomInt } from '../../../src/core/schedule';
import { TemplateCompiler } from '../../../src/engine/compile-template';

function environment(overrides: Partial<RunEnvironment> = {}): RunEnvironment {
  return {
    processEnv: {},
    dotenv: {},
    environments: NO_ENVIRONMENTS,
    check: (text, outside) => checkScenario(text, { outside }),
    templates: (values) => new TemplateCompiler({ ...values, data: new Map(), requestsByName: new Map() }),
    freshSeed: 424242,
    ...overrides,
  };
}

function plan(text: string, options: RunOptions = {}, overrides: Partial<RunEnvironment> = {}) {
  return planRun(text, options, environment(overrides));
}

const RELATIVE = '# @users 1\n# @run-time 1s\n\n###\nGET /a\n';

test('host precedence: the option, else # @host, else the default (the setting)', () => {
  const withFile = `# @host http://127.0.0.1:2/\n${RELATIVE}`;
  assert.equal(plan(withFile, { host: 'http://127.0.0.1:1/', defaultHost: 'http://127.0.0.1:3' }).host, 'http://127.0.0.1:1');
  assert.equal(plan(withFile, { defaultHost: 'http://127.0.0.1:3' }).host, 'http://127.0.0.1:2');
  assert.equal(plan(RELATIVE, { defaultHost: ' http://127.0.0.1:3// ' }).host, 'http://127.0.0.1:3');
  assert.equal(plan(RELATIVE).host, undefined);
});

test('an empty or blank host option is not given: the file\'s # @host still counts', () => {
  const withFile = `# @host http://127.0.0.1:2\n${RELATIVE}`;
  assert.equal(plan(withFile, { host: '' }).host, 'http://127.0.0.1:2');
  assert.equal(plan(withFile, { host: '   ' }).host, 'http://127.0.0.1:2');
  assert.equal(plan(RELATIVE, { host: '', defaultHost: 'http://127.0.0.1:3' }).host, 'http://127.0.0.1:3');
});

test('a relative URL and no host is a no-host problem naming the request; absolute URLs need none', () => {
  const planned = plan(RELATIVE);
  assert.deepEqual(planned.problems.map((problem) => problem.code), ['no-host']);
  assert.equal(planned.problems[0]?.request?.url.raw, '/a');
  assert.match(planned.problems[0]?.message ?? '', /'GET \/a' is relative and no host was given/);
  assert.deepEqual(plan('# @users 1\n\n###\nGET http://127.0.0.1:9/a\n').problems, []);
});

test('a # @host that renders empty is no host at all', () => {
  const planned = plan(`# @host {{$processEnv LOADLENS_UNSET_HOST}}\n${RELATIVE}`);
  assert.equal(planned.host, undefined);
  assert.deepEqual(planned.problems.map((problem) => problem.code), ['no-host']);
});

test('the host reads file variables, $processEnv and $dotenv; options.env replaces the process environment', () => {
  const text = `@port = {{$dotenv PORT}}\n# @host http://{{$processEnv HOST_NAME}}:{{port}}\n${RELATIVE}`;
  const fromProcess = plan(text, {}, { processEnv: { HOST_NAME: 'localhost' }, dotenv: { PORT: '8080' } });
  assert.equal(fromProcess.host, 'http://localhost:8080');
  assert.deepEqual(fromProcess.env, { HOST_NAME: 'localhost' });
  const fromOptions = plan(text, { env: { HOST_NAME: '127.0.0.1' } }, { processEnv: { HOST_NAME: 'localhost' }, dotenv: { PORT: '8080' } });
  assert.equal(fromOptions.host, 'http://127.0.0.1:8080');
  assert.deepEqual(fromOptions.env, { HOST_NAME: '127.0.0.1' });
  assert.deepEqual(fromOptions.dotenv, { PORT: '8080' });
});

test('seeds: the option, else # @seed, else the fresh one; a random host renders with the run\'s seed', () => {
  // `# @host` may not use a random value itself; through a file variable it still can.
  const text = `@octet = {{$randomInt 1 250}}\n# @host http://127.0.0.{{octet}}\n${RELATIVE}`;
  const expected = (seed: number) => `http://127.0.0.${randomInt(createRandom(seed), 1, 250)}`;
  assert.deepEqual(plan(text).problems, []);
  assert.equal(plan(text).seed, 424242);
  assert.equal(plan(text).host, expected(424242));
  assert.equal(plan(`# @seed 7\n${text}`).seed, 7);
  assert.equal(plan(`# @seed 7\n${text}`).host, expected(7));
  assert.equal(plan(`# @seed 7\n${text}`, { seed: 99 }).seed, 99);
  assert.equal(plan(`# @seed 7\n${text}`, { seed: 99 }).host, expected(99));
  // The same seed gives the same host, whichever process plans it.
  assert.equal(plan(text, { seed: 5 }).host, plan(text, { seed: 5 }, { freshSeed: 1 }).host);
});

test('the load model comes from the options over the file; none at all is a no-load-model problem', () => {
  const noLoad = plan('# @host http://127.0.0.1:1\n\n###\nGET /a\n');
  assert.equal(noLoad.load, undefined);
  assert.deepEqual(noLoad.problems.map((problem) => problem.code), ['no-load-model']);
  const withUsers = plan('# @host http://127.0.0.1:1\n\n###\nGET /a\n', { users: 4 });
  assert.equal(withUsers.load?.kind, 'users');
  assert.deepEqual(withUsers.problems, []);
});

test('errors in the file are a scenario-invalid problem listing the first lines; warnings are only diagnostics', () => {
  const planned = plan(`# @host http://127.0.0.1:1\n# @users 1\n\n###\nGET /x/{{nope}}\n`);
  assert.deepEqual(planned.problems.map((problem) => problem.code), ['scenario-invalid']);
  assert.match(planned.problems[0]?.message ?? '', /^line 5: .*nope/);
  const warned = plan(RELATIVE, { host: 'http://127.0.0.1:1' });
  assert.ok(warned.diagnostics.some((diagnostic) => diagnostic.code === 'missing-host'));
  assert.deepEqual(warned.problems, []);
});

test('the environment\'s check answers about files: a missing data file is an error', () => {
  const text = '# @host http://127.0.0.1:1\n# @users 1\n# @data people.csv as person\n\n###\nGET /a\n';
  const missing = plan(text, {}, { check: (t) => checkScenario(t, { fileExists: () => false }) });
  assert.deepEqual(missing.problems.map((problem) => problem.code), ['scenario-invalid']);
  assert.match(missing.problems[0]?.message ?? '', /people\.csv/);
  assert.deepEqual(plan(text, {}, { check: (t) => checkScenario(t, { fileExists: () => true, csvColumns: () => ['name'] }) }).problems, []);
});

test('targets: the host for relative URLs, and absolute URLs', () => {
  const text = '# @host {{h}}\n@h = http://127.0.0.1:9\n###\nGET /a\n###\nGET https://api.example.com/b\n###\nGET {{x.response.body.$.u}}\n';
  const planned = plan(text);
  assert.equal(planned.host, 'http://127.0.0.1:9');
  assert.deepEqual(planned.targets, ['http://127.0.0.1:9', 'https://api.example.com/b', '{{x.response.body.$.u}}']);
  const overridden = plan(text, { host: 'http://localhost:1/' });
  assert.equal(overridden.host, 'http://localhost:1');
  assert.deepEqual(overridden.targets, ['http://localhost:1/', 'https://api.example.com/b', '{{x.response.body.$.u}}']);
  assert.deepEqual(plan('###\nGET /a\n', { defaultHost: 'http://10.1.2.3' }).targets, ['http://10.1.2.3']);
});

test('a URL that starts with a variable holding a path is relative: the host is its target, and no host is a problem', () => {
  const text = '@api = /v1\n###\nGET {{api}}/home\n';
  const withHost = plan(`# @host http://127.0.0.1:9\n${text}`);
  assert.deepEqual(withHost.targets, ['http://127.0.0.1:9']);
  assert.deepEqual(withHost.problems.filter((p) => p.code === 'no-host'), []);
  const withoutHost = plan(text, { users: 1, runTimeMs: 1000 });
  assert.equal(withoutHost.problems.find((p) => p.code === 'no-host')?.request?.url.raw, '{{api}}/home');
  // A variable holding an absolute base stays absolute.
  assert.deepEqual(plan('@base = http://127.0.0.1:7\n###\nGET {{base}}/x\n').targets, ['http://127.0.0.1:7/x']);
});

test('a host that changes per send is given as written, so that the run asks; a changing path is not', () => {
  const text = [
    '@octet = 12{{$randomInt 7 9}}',
    '###',
    'GET http://{{octet}}.0.0.1/a',
    '###',
    'GET http://127.0.0.1:8/users/{{$randomInt 1 9}}',
    '###',
    'GET http://127.0.0.1:{{$randomInt 8000 8999}}/',
    '',
  ].join('\n');
  assert.deepEqual(plan(text).targets, ['http://{{octet}}.0.0.1/a', 'http://127.0.0.1:8/', 'http://127.0.0.1:{{$randomInt 8000 8999}}/']);
  assert.deepEqual(plan('# @host http://10.0.0.{{$randomInt 1 9}}\n###\nGET /\n').targets, ['http://10.0.0.{{$randomInt 1 9}}']);
});

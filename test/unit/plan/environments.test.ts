// Environments in run preparation (src/core/plan/environments.ts, plan-run.ts) and the redaction
// of private values (secrets.ts). Pure: environments are given as objects, nothing is read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectEnvironments, environmentValues, planRun, redactDeep, redactText, secretForms, type FoundEnvironments, type RunEnvironment } from '../../../src/core/plan';
import type { RunOptions } from '../../../src/core/protocol/engine';
import { checkScenario } from '../../../src/core/scenario';
import { TemplateCompiler } from '../../../src/engine/compile-template';

const PUBLIC = { $shared: { api: '/v2', greeting: 'hello {{$shared api}}' }, dev: { host: 'http://127.0.0.1:1', user: 'dev-user' }, staging: { host: 'http://127.0.0.1:2', api: '/v3' } };
const PRIVATE = { dev: { token: 's3cret value/with+chars', user: 'private-user' }, staging: { token: 'staging-secret' } };

function found(): FoundEnvironments {
  return collectEnvironments([
    { file: '/w/http-client.env.json', content: PUBLIC, secret: false },
    { file: '/w/http-client.private.env.json', content: PRIVATE, secret: true },
  ]);
}

function plan(text: string, options: RunOptions, environments: FoundEnvironments = found()) {
  const environment: RunEnvironment = {
    processEnv: {},
    dotenv: {},
    environments,
    check: (scenarioText, outside) => checkScenario(scenarioText, { outside }),
    templates: (values) => new TemplateCompiler({ ...values, data: new Map(), requestsByName: new Map() }),
    freshSeed: 1,
  };
  return planRun(text, options, environment);
}

const SCENARIO = '# @host {{host}}{{api}}\n# @users 1\n# @run-time 1s\n\n###\nGET /a\nAuthorization: {{token}}\n';

test('environments merge in file order; the private file wins and its values are secret; $shared is in every one', () => {
  const environments = found();
  assert.deepEqual(environments.names, ['dev', 'staging']);
  const dev = environmentValues(environments, 'dev');
  assert.deepEqual(dev.get('user'), { value: 'private-user', secret: true });
  assert.deepEqual(dev.get('api'), { value: '/v2', secret: false });
  assert.equal(dev.get('greeting')?.value, 'hello /v2', '{{$shared name}} is replaced by the $shared value');
  assert.equal(environmentValues(environments, 'staging').get('api')?.value, '/v3', 'an environment beats $shared');
  assert.deepEqual([...environmentValues(environments, undefined).keys()].sort(), ['api', 'greeting'], 'none chosen: $shared alone');
});

test('values that are not strings, numbers or booleans are left out with a warning that does not quote them', () => {
  const environments = collectEnvironments([{ file: 'f.json', content: { dev: { port: 8080, on: true, auth: { secret: 'x-hidden' } } }, secret: false }]);
  assert.equal(environmentValues(environments, 'dev').get('port')?.value, '8080');
  assert.equal(environmentValues(environments, 'dev').get('on')?.value, 'true');
  assert.equal(environments.problems.length, 1);
  assert.equal(environments.problems[0]?.severity, 'warning');
  assert.ok(!environments.problems[0]?.message.includes('x-hidden'));
  const broken = collectEnvironments([{ file: 'f.json', content: [1, 2], secret: false }]);
  assert.equal(broken.problems[0]?.severity, 'error');
});

test('planRun: the chosen environment gives the host; precedence environment < file < --var', () => {
  assert.equal(plan(SCENARIO, { environment: 'dev' }).host, 'http://127.0.0.1:1/v2');
  assert.equal(plan(SCENARIO, { environment: 'staging' }).host, 'http://127.0.0.1:2/v3');
  const text = '# @host {{host}}\n# @users 1\n# @run-time 1s\n@host = http://127.0.0.1:5\n\n###\nGET /a\n';
  assert.equal(plan(text, { environment: 'dev' }).host, 'http://127.0.0.1:5', 'the file beats the environment');
  assert.equal(plan(text, { environment: 'dev', variables: { host: 'http://127.0.0.1:6' } }).host, 'http://127.0.0.1:6', '--var beats the file');
});

test('planRun: an environment no file defines is an environment-invalid problem listing those found', () => {
  const planned = plan(SCENARIO, { environment: 'prod' });
  assert.equal(planned.problems[0]?.code, 'environment-invalid');
  assert.match(planned.problems[0]?.message ?? '', /no environment 'prod' in \/w\/http-client\.env\.json or \/w\/http-client\.private\.env\.json: the environments found are 'dev', 'staging'/);
  const nothing = plan(SCENARIO, { environment: 'dev' }, collectEnvironments([]));
  assert.match(nothing.problems[0]?.message ?? '', /no http-client\.env\.json or http-client\.private\.env\.json was found/);
});

test('planRun: a name the chosen environment lacks, or none chosen, is a scenario error before anything is sent', () => {
  const text = '# @host {{host}}\n# @users 1\n# @run-time 1s\n\n###\nGET /a\nX-User: {{user}}\nX-Only-Dev: {{onlyDev}}\n';
  const environments = collectEnvironments([{ file: 'e.json', content: { dev: { host: 'http://127.0.0.1:1', user: 'u', onlyDev: 'x' }, staging: { host: 'http://127.0.0.1:2', user: 'v' } }, secret: false }]);
  const staging = plan(text, { environment: 'staging' }, environments);
  assert.equal(staging.problems[0]?.code, 'scenario-invalid');
  const lacking = staging.diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(lacking.map((d) => d.code), ['variable-not-in-environment']);
  assert.match(lacking[0]?.message ?? '', /'onlyDev' is not defined in the environment 'staging' \(only in 'dev'\)/);
  const none = plan(text, {}, environments);
  assert.deepEqual(none.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code), ['no-environment-chosen', 'no-environment-chosen', 'no-environment-chosen']);
  assert.deepEqual(plan(text, { environment: 'dev' }, environments).problems, []);
});

test('check over every environment (noneChosen any): some environment is enough; none is a warning', () => {
  const text = '# @host http://127.0.0.1:1\n###\nGET /a?u={{user}}&x={{nowhere}}\n';
  const outside = { defined: new Set<string>(), chosen: undefined, environments: new Map([['dev', new Set(['user'])]]), noneChosen: 'any' as const };
  const diagnostics = checkScenario(text, { outside }).diagnostics.filter((d) => d.code === 'unknown-variable');
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0]?.severity, 'warning');
  assert.match(diagnostics[0]?.message ?? '', /'nowhere'/);
  // No environment at all: an unknown name stays the error it always was.
  assert.equal(checkScenario(text, {}).diagnostics.filter((d) => d.code === 'unknown-variable' && d.severity === 'error').length, 2);
});

test('planRun: the secrets are every form of the private values of the chosen environment', () => {
  const planned = plan(SCENARIO, { environment: 'dev' });
  assert.ok(planned.secrets.includes('s3cret value/with+chars'));
  assert.ok(planned.secrets.includes(encodeURIComponent('s3cret value/with+chars')));
  assert.ok(planned.secrets.includes('private-user'));
  assert.ok(!planned.secrets.includes('/v2'), 'public values are not secret');
  assert.deepEqual(plan(SCENARIO, {}, collectEnvironments([{ file: 'e.json', content: PUBLIC, secret: false }])).secrets, []);
});

test('redaction: as written, percent-encoded and JSON-escaped; keys too; histograms untouched', () => {
  const forms = secretForms(['a"b c', 'tok']);
  assert.equal(redactText('x a"b c y a%22b%20c z a\\"b c', forms), 'x [private] y [private] z [private]');
  const event = { name: 'GET /tok', result: { failures: [{ error: 'got "tok"' }], histogram: 'HISTtok', counts: [1, 2], byName: { 'tok-name': 1 } } };
  assert.deepEqual(redactDeep(event, forms), { name: 'GET /[private]', result: { failures: [{ error: 'got "[private]"' }], histogram: 'HISTtok', counts: [1, 2], byName: { '[private]-name': 1 } } });
  assert.equal(redactDeep(event, []), event, 'nothing to hide: the same object, no copy');
});

test('a private value is redacted after the normalisations it meets on the way: trimmed, trailing slashes gone, host lower-cased', () => {
  const base = ' http://Api.Tenant-SEKRIT42.localhost:8080/Key-SEKRIT42/ ';
  const forms = secretForms([base, 'Pa55word']);
  // ../../../src/core/plan/host.ts renderHost: trimmed, no trailing slash.
  assert.equal(redactText('host http://Api.Tenant-SEKRIT42.localhost:8080/Key-SEKRIT42', forms), 'host [private]');
  // `new URL` lower-cases the host name of a request's final URL.
  const shown = new URL('items', base.trim()).href;
  assert.equal(redactText(`redirect to ${shown}`, forms), 'redirect to [private]items');
  // A value that is no address keeps an exact match: another case of it is other text.
  assert.equal(redactText('Pa55word pa55word', forms), '[private] pa55word');
  const result = { host: 'http://api.tenant-sekrit42.localhost:8080/Key-SEKRIT42', failures: [{ error: `got ${shown}` }] };
  assert.ok(!/sekrit42/i.test(JSON.stringify(redactDeep(result, forms))));
});

test('no private values: texts and data come back as they are, the same objects', () => {
  const data = { host: 'http://x.localhost/' };
  assert.equal(redactDeep(data, secretForms([])), data);
  assert.equal(redactText('http://x.localhost/', []), 'http://x.localhost/');
});

// The confirmation before load leaves this machine (src/vscode/run/logic/target-confirmation.ts)
// and the origins a redirect may reach after it (src/core/plan/loopback.ts, redirectGuard):
// decided on real origins, stored hashed when private, shown redacted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectEnvironments, planRun, redirectGuard, type RunEnvironment } from '../../../src/core/plan';
import { checkScenario } from '../../../src/core/scenario';
import { TemplateCompiler } from '../../../src/engine/compile-template';
import { confirmationKey, redirectOriginsOf, unconfirmedTargets, withConfirmed } from '../../../src/vscode/run/logic/target-confirmation';

// Each environment's base URL is a private value: the dialog shows both as `https://[private]`.
const PRIVATE = { staging: { baseUrl: 'https://staging.corp.invalid' }, prod: { baseUrl: 'https://prod.corp.invalid' } };
const SCENARIO = '# @users 1\n# @run-time 1s\n\n###\nGET {{baseUrl}}/users\n';

function plan(environment: string) {
  const run: RunEnvironment = {
    processEnv: {},
    dotenv: {},
    environments: collectEnvironments([{ file: '/w/http-client.private.env.json', content: PRIVATE, secret: true }]),
    check: (text, outside) => checkScenario(text, { outside }),
    templates: (values) => new TemplateCompiler({ ...values, data: new Map(), requestsByName: new Map() }),
    freshSeed: 1,
  };
  const planned = planRun(SCENARIO, { environment }, run);
  assert.deepEqual(planned.problems, [], environment);
  return planned;
}

test('a private base URL confirmed in one environment does not confirm another environment\'s private base URL', () => {
  const staging = plan('staging');
  const asked = unconfirmedTargets(staging.targets, staging.secrets, []);
  assert.equal(asked.length, 1);
  const stored = withConfirmed([], asked);

  assert.deepEqual(unconfirmedTargets(staging.targets, staging.secrets, stored), [], 'staging is confirmed now');
  const prod = plan('prod');
  const askedAgain = unconfirmedTargets(prod.targets, prod.secrets, stored);
  assert.equal(askedAgain.length, 1, 'prod is another host: the user is asked again');
});

test('the dialog shows the origin redacted, and workspaceState keeps only a hash of the real origin', () => {
  const staging = plan('staging');
  const [asked] = unconfirmedTargets(staging.targets, staging.secrets, []);
  assert.equal(asked?.shown, '[private]');
  assert.equal(asked?.key, confirmationKey('https://staging.corp.invalid', staging.secrets));
  const stored = JSON.stringify(withConfirmed(['https://public.example.invalid'], unconfirmedTargets(staging.targets, staging.secrets, [])));
  assert.ok(!stored.includes('staging.corp.invalid'), stored);
  assert.match(stored, /^\["https:\/\/public\.example\.invalid","sha256:[0-9a-f]{64}"\]$/);
});

test('an origin saved in plain text before the keys were hashed still counts; a redacted old entry confirms nothing', () => {
  const targets = ['https://api.example.invalid/v1', 'https://prod.corp.invalid/users'];
  const remaining = unconfirmedTargets(targets, ['prod.corp.invalid'], ['https://api.example.invalid', '[private]/users', 'https://[private]']);
  assert.deepEqual(remaining.map((target) => target.shown), ['https://[private]']);
  assert.match(remaining[0]?.key ?? '', /^sha256:[0-9a-f]{64}$/);
});

test('a private base URL the URL parser rewrites (default port dropped) is still stored hashed and shown redacted', () => {
  const secrets = ['https://prod.corp.invalid:443'];
  const [asked] = unconfirmedTargets(['https://prod.corp.invalid:443/users'], secrets, []);
  assert.match(asked?.key ?? '', /^sha256:[0-9a-f]{64}$/);
  assert.ok(!asked?.shown.includes('prod.corp'), asked?.shown);
  assert.deepEqual(unconfirmedTargets(['https://prod.corp.invalid/users'], secrets, withConfirmed([], asked ? [asked] : [])), [], 'the same origin');
});

test('targets on this machine need no confirmation; credentials are not shown; one question per origin', () => {
  const targets = ['http://127.0.0.1:8080/a', 'http://localhost/b', 'https://user:pw@api.example.invalid/a', 'https://api.example.invalid/b'];
  assert.deepEqual(unconfirmedTargets(targets, [], []), [{ key: 'https://api.example.invalid', shown: 'https://api.example.invalid' }]);
});

test('redirects may go to the real origins of this run and to plain confirmed ones, not elsewhere', () => {
  const staging = plan('staging');
  const stored = withConfirmed(['https://old.example.invalid', '[private]/users'], unconfirmedTargets(staging.targets, staging.secrets, []));
  const origins = redirectOriginsOf(staging.targets, stored);
  assert.ok(!origins.some((origin) => origin.startsWith('sha256:')), 'a hash is no origin');
  const allowed = redirectGuard(origins);
  assert.equal(allowed('https://staging.corp.invalid'), true, 'the confirmed private origin of this run');
  assert.equal(allowed('https://old.example.invalid'), true);
  assert.equal(allowed('http://127.0.0.1:9'), true);
  assert.equal(allowed('https://prod.corp.invalid'), false, 'never confirmed');
  assert.equal(allowed('https://staging.corp.invalid:8443'), false);
});

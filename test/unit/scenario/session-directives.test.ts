// `# @no-redirect` and `# @no-cookie-jar` (docs/scenario-sessions.md, "Sessions"): where each may
// stand and what it turns off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkScenario } from '../../../src/core/scenario';
import { codes, file, only, range } from './helpers';

test('@no-redirect and @no-cookie-jar in the header turn following and the jar off for the scenario', () => {
  const { scenario, diagnostics } = checkScenario(file('# @host http://localhost:1', '# @no-redirect', '# @no-cookie-jar', '', '###', 'GET /'));
  assert.deepEqual(diagnostics, []);
  assert.equal(scenario.noRedirect, true);
  assert.equal(scenario.noCookieJar, true);
  assert.equal(scenario.requests[0]?.noRedirect, undefined);
});

test('in a request block they apply to that request only (REST Client reads them so)', () => {
  const { scenario, diagnostics } = checkScenario(file('# @host http://localhost:1', '', '###', '# @no-redirect', '# @no-cookie-jar', 'GET /a', '', '###', 'GET /b'));
  assert.deepEqual(diagnostics, []);
  assert.equal(scenario.noRedirect, undefined);
  assert.equal(scenario.noCookieJar, undefined);
  assert.equal(scenario.requests[0]?.noRedirect, true);
  assert.equal(scenario.requests[0]?.noCookieJar, true);
  assert.equal(scenario.requests[1]?.noRedirect, undefined);
});

test('an argument after them is a warning on the argument, and the directive still applies', () => {
  const text = file('# @host http://localhost:1', '# @no-redirect please', '', '###', 'GET /');
  const found = only(text, 'unexpected-argument');
  assert.deepEqual(found.range, range(1, 15, 21));
  assert.match(found.message, /@no-redirect takes no argument/);
  assert.equal(checkScenario(text).scenario.noRedirect, true);
  assert.ok(!codes(text).includes('not-run-under-load'));
});

// `{{name}}` checked against the variables from outside the file (an environment, --var): the
// codes and ranges of docs/scenario-environments.md, Environments.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkScenario, type OutsideVariables } from '../../../src/core/scenario';

const TEXT = ['# @host http://127.0.0.1:1', '', '###', 'GET /a?t={{token}}&u={{user}}', 'X-Key: {{toke}}'].join('\n');
const ENVIRONMENTS = new Map([
  ['dev', new Set(['token', 'user'])],
  ['staging', new Set(['user'])],
]);

function check(outside: OutsideVariables) {
  return checkScenario(TEXT, { outside }).diagnostics.filter((d) => d.code !== 'missing-host');
}

test('a name the chosen environment lacks: variable-not-in-environment on the reference, naming where it is', () => {
  const diagnostics = check({ defined: new Set(['user']), chosen: 'staging', environments: ENVIRONMENTS, noneChosen: 'error' });
  const lacking = diagnostics.find((d) => d.code === 'variable-not-in-environment');
  assert.ok(lacking);
  assert.equal(lacking.severity, 'error');
  assert.deepEqual(lacking.range, { start: { line: 3, character: 9 }, end: { line: 3, character: 18 } });
  assert.match(lacking.message, /'token' is not defined in the environment 'staging' \(only in 'dev'\)/);
  const unknown = diagnostics.find((d) => d.code === 'unknown-variable');
  assert.deepEqual(unknown?.range, { start: { line: 4, character: 7 }, end: { line: 4, character: 15 } });
  // A typo of a name the chosen environment has gets the usual fix.
  const dev = check({ defined: new Set(['token', 'user']), chosen: 'dev', environments: ENVIRONMENTS, noneChosen: 'error' });
  assert.deepEqual(dev.map((d) => d.code), ['unknown-variable']);
  assert.equal(dev[0]?.fixes?.[0]?.title, 'Change to {{token}}');
});

test('a name only environments define, with none chosen: no-environment-chosen for a run, fine for check over all', () => {
  const run = check({ defined: new Set(), chosen: undefined, environments: ENVIRONMENTS, noneChosen: 'error' });
  const codes = run.map((d) => [d.code, d.range.start.line, d.range.start.character]);
  assert.deepEqual(codes.filter(([code]) => code === 'no-environment-chosen'), [
    ['no-environment-chosen', 3, 9],
    ['no-environment-chosen', 3, 21],
  ]);
  assert.match(run[0]?.message ?? '', /'token' comes from an environment \('dev'\) and none is chosen: choose one/);
  const any = check({ defined: new Set(), chosen: undefined, environments: ENVIRONMENTS, noneChosen: 'any' });
  assert.deepEqual(any.map((d) => [d.code, d.severity]), [['unknown-variable', 'warning']], 'only {{toke}}, which no environment defines');
});

test('--var names count as defined', () => {
  const diagnostics = check({ defined: new Set(['token', 'user', 'toke']), chosen: 'staging', environments: ENVIRONMENTS, noneChosen: 'error' });
  assert.deepEqual(diagnostics, []);
});

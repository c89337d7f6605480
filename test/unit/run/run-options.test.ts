import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScenario } from '../../../src/core/scenario';
import { checkHost, checkRate, checkRunTime, checkSpawnRate, checkUsers, optionsFromForm, prefillOptions } from '../../../src/vscode/run/logic/run-options';
import { HOSPITAL } from './scenario-fixture';

test('the form is prefilled from the file', () => {
  assert.deepEqual(prefillOptions(parseScenario(HOSPITAL), ''), { loadKind: 'users', load: '50', spawnRate: '5', runTime: '2m', host: 'http://localhost:8888' });
  const rate = parseScenario('# @rate 20/s\n# @run-time 90s\n###\nGET /\n');
  assert.deepEqual(prefillOptions(rate, 'http://127.0.0.1:9'), { loadKind: 'rate', load: '20', spawnRate: '', runTime: '1m30s', host: 'http://127.0.0.1:9' });
  const stages = parseScenario('# @stage 5m 100\n# @stage 3m 100\n# @stage 2m 0\n###\nGET /\n');
  assert.deepEqual(prefillOptions(stages, ''), { loadKind: 'users', load: '100', spawnRate: '', runTime: '10m', host: '' });
});

test('only what the user changed overrides the file', () => {
  const scenario = parseScenario(HOSPITAL);
  assert.deepEqual(optionsFromForm({ loadKind: 'users', load: '100', spawnRate: '10', runTime: '30s', host: 'http://127.0.0.1:8888' }, scenario), {
    users: 100,
    spawnRate: 10,
    runTimeMs: 30_000,
    host: 'http://127.0.0.1:8888',
  });
  const stages = parseScenario('# @stage 5m 100\n# @stage 2m 0\n###\nGET /\n');
  assert.deepEqual(optionsFromForm(prefillOptions(stages, ''), stages), {}, 'an untouched stage shape runs as written');
  assert.deepEqual(optionsFromForm({ ...prefillOptions(stages, ''), runTime: '1m' }, stages), { runTimeMs: 60_000 });
});

test('each field says what is wrong in Locust\'s terms', () => {
  assert.equal(checkUsers('50'), undefined);
  assert.match(checkUsers('0') ?? '', /1 or more/);
  assert.match(checkUsers('2.5') ?? '', /whole number/);
  assert.equal(checkRate('2.5'), undefined);
  assert.match(checkRate('-1') ?? '', /above 0/);
  assert.equal(checkSpawnRate(''), undefined);
  assert.match(checkSpawnRate('fast') ?? '', /-r/);
  assert.equal(checkRunTime('1h30m'), undefined);
  assert.match(checkRunTime('2 minutes') ?? '', /30s, 2m/);
  assert.equal(checkHost('http://localhost:8888'), undefined);
  assert.match(checkHost('localhost:8888') ?? '', /base URL/);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkScenario, COMMON_HEADERS, DIRECTIVES, HTTP_METHODS, locate, parseScenario, SYSTEM_VARIABLES } from '../../../src/core/scenario';
import { file } from './helpers';

const TEXT = file('# @users 10', '# @mystery x', '@base = http://h', '', '### One', '# @name one', 'GET {{base}}/a', 'X-Id: {{$guid}}', '', '{"v": "{{one.response.body.$.id}}"}', '', '');
const scenario = parseScenario(TEXT);

test('a directive, with its catalog entry when known', () => {
  const found = locate(scenario, { line: 0, character: 5 });
  assert.ok(found.kind === 'directive');
  assert.equal(found.directive.name, 'users');
  assert.equal(found.info?.syntax, '# @users N');
  const unknown = locate(scenario, { line: 1, character: 12 });
  assert.ok(unknown.kind === 'directive' && unknown.info === undefined && unknown.directive.name === 'mystery');
});

test('a template reference in a URL, header, body or variable, inclusive of its end', () => {
  const inUrl = locate(scenario, { line: 6, character: 6 });
  assert.ok(inUrl.kind === 'template' && inUrl.part.kind === 'variable' && inUrl.part.name === 'base');
  const atEnd = locate(scenario, { line: 6, character: 12 });
  assert.ok(atEnd.kind === 'template' && atEnd.part.kind === 'variable');
  const inHeader = locate(scenario, { line: 7, character: 9 });
  assert.ok(inHeader.kind === 'template' && inHeader.part.kind === 'system' && inHeader.part.fn === 'guid');
  const inBody = locate(scenario, { line: 9, character: 20 });
  assert.ok(inBody.kind === 'template' && inBody.part.kind === 'response' && inBody.part.request === 'one');
});

test('a reference inside a directive line wins over the directive', () => {
  const hosted = parseScenario(file('@base = http://h', '# @host {{base}}/api', '###', 'GET /'));
  const onPart = locate(hosted, { line: 1, character: 10 });
  assert.ok(onPart.kind === 'template' && onPart.part.kind === 'variable' && onPart.part.name === 'base');
  assert.equal(locate(hosted, { line: 1, character: 3 }).kind, 'directive');
});

test('elsewhere in a block: the request; outside any block: none', () => {
  const inBlock = locate(scenario, { line: 6, character: 1 });
  assert.ok(inBlock.kind === 'request' && inBlock.request.statsName === 'One');
  assert.equal(locate(scenario, { line: 3, character: 0 }).kind, 'none');
  assert.equal(locate(scenario, { line: 11, character: 0 }).kind, 'none');
  assert.equal(locate(scenario, { line: 99, character: 0 }).kind, 'none');
});

test('catalogs: every directive has its fields and a valid example; methods and headers', () => {
  const names = DIRECTIVES.map((d) => d.name);
  assert.deepEqual([...names].sort(), ['data', 'expect', 'host', 'http1', 'max-users', 'name', 'no-cookie-jar', 'no-redirect', 'on-start', 'rate', 'run-time', 'seed', 'setup', 'spawn-rate', 'stage', 'stop-timeout', 'task', 'think', 'threshold', 'timeout', 'users']);
  for (const info of DIRECTIVES) {
    assert.ok(info.summary.length > 10 && info.syntax.startsWith(`# @${info.name}`), info.name);
    const header = info.scope === 'request' ? '' : info.example;
    const block = info.scope === 'request' ? info.example : '';
    // A task after it: an @on-start or @setup block alone would leave the users nothing to repeat.
    const checked = checkScenario(file(header, '###', block, 'GET http://h/', '###', '# @task', 'GET http://h/a'));
    assert.ok(checked.scenario.directives.some((d) => d.name === info.name), info.name);
    assert.deepEqual(checked.diagnostics.filter((d) => d.severity === 'error'), [], info.example);
  }
  for (const info of SYSTEM_VARIABLES) {
    const checked = checkScenario(file('###', `GET http://h/${info.example}`));
    assert.deepEqual(checked.diagnostics, [], info.example);
    assert.deepEqual(checked.scenario.requests[0]?.url.parts[1]?.kind, 'system', info.example);
  }
  assert.deepEqual(SYSTEM_VARIABLES.map((s) => s.name), ['randomInt', 'guid', 'uuid', 'timestamp', 'datetime', 'localDatetime', 'isoTimestamp', 'processEnv', 'dotenv']);
  assert.deepEqual(HTTP_METHODS, ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
  assert.ok(COMMON_HEADERS.includes('Content-Type') && COMMON_HEADERS.includes('Authorization'));
});

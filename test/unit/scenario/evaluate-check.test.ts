// Running `??` checks on responses: what holds, and the short reasons that group in the failures table.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkFailureText, checkScenario, evaluateCheck, MATCH_TEXT_LIMIT, type CheckedResponse } from '../../../src/core/scenario';

function response(status: number, body: string, headers: Record<string, string> = {}, durationMs = 12): CheckedResponse {
  return {
    status,
    body,
    durationMs,
    header: (name) => headers[name],
    jsonBody: () => {
      try {
        return JSON.parse(body) as unknown;
      } catch {
        return undefined;
      }
    },
  };
}

/** The reason `?? line` fails on the response, or undefined when it holds. */
function verdict(line: string, on: CheckedResponse): string | undefined {
  const check = checkScenario(`GET http://h/\n${line}`).scenario.requests[0]?.checks?.[0];
  assert.ok(check, `not a check: ${line}`);
  return evaluateCheck(check, on);
}

const json = response(200, '{"id":7,"ok":true,"name":"Ann","tags":["a","b"],"n":null,"code":"200"}', { 'content-type': 'application/json' });

test('status, header, duration and body comparisons', () => {
  assert.equal(verdict('?? status == 200', json), undefined);
  assert.equal(verdict('?? status == 200', response(503, 'busy')), 'got 503');
  assert.equal(verdict('?? status != 503', response(503, '')), 'got 503');
  assert.equal(verdict('?? status < 300', json), undefined);
  assert.equal(verdict('?? header Content-Type includes json', json), undefined);
  assert.equal(verdict('?? header x-missing exists', json), 'missing');
  assert.equal(verdict('?? duration < 500', response(200, '', {}, 700.4)), 'got 700');
  assert.equal(verdict('?? body == {"a":1}', response(200, '{"a":1}')), undefined);
  assert.equal(verdict('?? body startsWith {"id"', json), undefined);
  assert.equal(verdict('?? body endsWith }', json), undefined);
});

test('JSON values compare as values, texts as texts', () => {
  assert.equal(verdict('?? body $.ok == true', json), undefined);
  assert.equal(verdict('?? body $.ok isTrue', json), undefined);
  assert.equal(verdict('?? body $.id == 7', json), undefined);
  assert.equal(verdict('?? body $.id == "7"', json), 'got 7');
  // A text (header, whole body, JSON string) compares as text: the string "200" equals 200 as written.
  assert.equal(verdict('?? body $.code == 200', json), undefined);
  assert.equal(verdict('?? header content-type == 200', json), 'got "application/json"');
  assert.equal(verdict('?? body $.code == "200"', json), undefined);
  assert.equal(verdict('?? body $.name == Ann', json), undefined);
  assert.equal(verdict('?? body $.tags == ["a","b"]', json), undefined);
  assert.equal(verdict('?? body $.tags includes "b"', json), undefined);
  assert.equal(verdict('?? body $.tags isArray', json), undefined);
  assert.equal(verdict('?? body $.n == null', json), undefined);
  assert.equal(verdict('?? body $.id exists', json), undefined);
  assert.equal(verdict('?? body $.nothing exists', json), 'missing');
  assert.equal(verdict('?? body $.id exists', response(200, 'not json')), 'missing');
  assert.equal(verdict('?? body $.id isString', json), 'got 7');
  assert.equal(verdict('?? body $.ok isFalse', json), 'got true');
  assert.equal(verdict('?? body $.id > 5', json), undefined);
  assert.equal(verdict('?? body $.name > 5', json), 'got "Ann", not a number');
});

test('matches uses the pattern and its flags, on a bounded prefix of the text', () => {
  assert.equal(verdict('?? body matches ^\\{"id":\\d+', json), undefined);
  assert.equal(verdict('?? body $.name matches /^ann$/i', json), undefined);
  assert.equal(verdict('?? body $.name matches /^bob$/g', json), 'got "Ann"');
  // A catastrophic pattern on a long hostile body: only the first MATCH_TEXT_LIMIT characters are read.
  const hostile = response(200, `${'x'.repeat(MATCH_TEXT_LIMIT)}${'a'.repeat(40)}!`);
  assert.equal(verdict('?? body matches ^(a+)+$', hostile), `got "${'x'.repeat(36)}...`);
});

test('reasons are short, and the failure text names the check', () => {
  const long = response(200, 'y'.repeat(10_000));
  assert.equal(verdict('?? body == short', long)?.length, 'got '.length + 40);
  const check = checkScenario('GET http://h/\n?? body $.id exists').scenario.requests[0]?.checks?.[0];
  assert.ok(check);
  assert.equal(checkFailureText(check, 'missing'), 'check body $.id exists: missing');
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lineContext } from '../../../src/vscode/language/line-context';

const lines = [
  '# @host http://localhost:8888', // 0
  '@id = 7', // 1
  '', // 2
  '### List', // 3
  '# @task 2', // 4
  '@local = 1', // 5
  'GET /hospital', // 6
  'Accept: application/json', // 7
  'X-A: 1', // 8
  '', // 9
  '{"a": 1}', // 10
  '###', // 11
  '', // 12
];

describe('lineContext', () => {
  it('calls every line before the first ### the header', () => {
    assert.deepEqual(lineContext(lines, 0), { kind: 'header' });
    assert.deepEqual(lineContext(lines, 2), { kind: 'header' });
  });

  it('sees directives, comments and variables above the request line as before-request', () => {
    assert.deepEqual(lineContext(lines, 4), { kind: 'before-request' });
    assert.deepEqual(lineContext(lines, 6), { kind: 'before-request' });
  });

  it('finds header lines below the request line until the first empty line', () => {
    assert.deepEqual(lineContext(lines, 7), { kind: 'headers', requestLine: 6 });
    assert.deepEqual(lineContext(lines, 9), { kind: 'headers', requestLine: 6 });
    assert.deepEqual(lineContext(lines, 10), { kind: 'body', requestLine: 6 });
  });

  it('starts again at each ###', () => {
    assert.deepEqual(lineContext(lines, 12), { kind: 'before-request' });
  });

  it('reads a first request without ### as a request: headers, then body', () => {
    const restClient = ['# @users 5', 'GET /hospital', 'Accept: */*', '', '{}'];
    assert.deepEqual(lineContext(restClient, 1), { kind: 'header' });
    assert.deepEqual(lineContext(restClient, 2), { kind: 'headers', requestLine: 1 });
    assert.deepEqual(lineContext(restClient, 4), { kind: 'body', requestLine: 1 });
  });
});

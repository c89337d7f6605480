import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scenarioFoldingSpans } from '../../../src/vscode/language/folding-ranges';

test('each ### block folds to its last non-empty line, never into the next title', () => {
  const text = ['# @users 5', '', '### Home', 'GET /', '', '### List', '# @task 2', 'GET /hospital', '', ''].join('\n');
  assert.deepEqual(scenarioFoldingSpans(text), [
    { start: 2, end: 3, kind: 'block' },
    { start: 5, end: 7, kind: 'block' },
  ]);
});

test('a block of one line does not fold', () => {
  assert.deepEqual(scenarioFoldingSpans('###\n\n###\nGET /'), [{ start: 2, end: 3, kind: 'block' }]);
});

test('#region pairs fold, nested, with CRLF line endings', () => {
  const text = ['# region setup', '@a = 1', '// #region inner', '@b = 2', '// #endregion', '# endregion', 'GET /'].join('\r\n');
  assert.deepEqual(scenarioFoldingSpans(text), [
    { start: 2, end: 4, kind: 'region' },
    { start: 0, end: 5, kind: 'region' },
    // GET / is a first request without ###: it folds with the comment lines directly above it.
    { start: 4, end: 6, kind: 'block' },
  ]);
});

test('an unmatched #endregion is ignored', () => {
  assert.deepEqual(scenarioFoldingSpans('# endregion\nGET /'), [{ start: 0, end: 1, kind: 'block' }]);
});

test('a first request without ### folds from its first line, like a block', () => {
  const text = ['# @users 5', '', '# @name first', 'POST http://h/a', 'Accept: */*', '', '{}', '', '###', 'GET http://h/b', 'Accept: */*'].join('\n');
  assert.deepEqual(scenarioFoldingSpans(text), [
    { start: 2, end: 6, kind: 'block' },
    { start: 8, end: 10, kind: 'block' },
  ]);
});

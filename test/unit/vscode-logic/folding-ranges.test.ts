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
  ]);
});

test('an unmatched #endregion is ignored', () => {
  assert.deepEqual(scenarioFoldingSpans('# endregion\nGET /'), []);
});

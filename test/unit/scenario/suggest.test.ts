import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closestMatch, editDistance } from '../../../src/core/scenario/suggest';

test('edit distance counts insertions, deletions, substitutions and adjacent swaps', () => {
  assert.equal(editDistance('users', 'users', 3), 0);
  assert.equal(editDistance('user', 'users', 3), 1);
  assert.equal(editDistance('usres', 'users', 3), 1);
  assert.equal(editDistance('usxrs', 'users', 3), 1);
  assert.equal(editDistance('', 'abc', 3), 3);
  assert.equal(editDistance('abcdef', 'zzzzzz', 2), 3);
});

test('closest match: likely typos only', () => {
  assert.equal(closestMatch('spwan-rate', ['users', 'spawn-rate', 'rate']), 'spawn-rate');
  assert.equal(closestMatch('GTE', ['GET', 'PUT']), 'GET');
  assert.equal(closestMatch('Treshold', ['threshold']), 'threshold');
  assert.equal(closestMatch('note', ['name', 'host']), undefined);
  assert.equal(closestMatch('x', []), undefined);
});

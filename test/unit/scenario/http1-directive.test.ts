// `# @http1`: keeps https:// on HTTP/1.1 (docs/scenario-directives.md, "Protocols").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseScenario } from '../../../src/core/scenario';
import { assertClean, codes, file, HEADER, only, range } from './helpers';

test('# @http1 in the header sets the scenario to HTTP/1.1; without it, nothing is set', () => {
  const text = file(...HEADER, '# @http1', '', '###', 'GET https://localhost:8443/');
  assertClean(text);
  assert.equal(parseScenario(text).http1, true);
  assert.equal(parseScenario(file(...HEADER, '', '###', 'GET /')).http1, undefined);
});

test('# @http1 takes no argument: one written is ignored, with a warning on it (as @no-redirect)', () => {
  const text = file(...HEADER, '# @http1 yes', '', '###', 'GET /');
  const diagnostic = only(text, 'unexpected-argument');
  assert.equal(diagnostic.severity, 'warning');
  assert.deepEqual(diagnostic.range, range(3, 9, 12));
  assert.equal(diagnostic.message, "@http1 takes no argument: 'yes' is ignored");
  assert.equal(parseScenario(text).http1, true);
});

test('# @http1 in a request block is not taken there', () => {
  const text = file(...HEADER, '', '###', '# @http1', 'GET /');
  assert.deepEqual(codes(text), ['misplaced-directive']);
  assert.equal(parseScenario(text).http1, undefined);
});

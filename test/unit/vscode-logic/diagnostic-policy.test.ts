import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkScenario } from '../../../src/core/scenario';
import { diagnosticsToShow } from '../../../src/vscode/language/check-policy';
import { sameDiagnostic } from '../../../src/vscode/language/diagnostic-match';

const { diagnostics } = checkScenario('# @users 2\n# @run-time 1m\n\n###\nGET /\n');

describe('diagnosticsToShow', () => {
  it('keeps missing-host while no loadlens.host is set, and drops it when one is', () => {
    assert.ok(diagnostics.some((diagnostic) => diagnostic.code === 'missing-host'));
    assert.deepEqual(diagnosticsToShow(diagnostics, ''), diagnostics);
    assert.ok(!diagnosticsToShow(diagnostics, 'http://localhost:8888').some((diagnostic) => diagnostic.code === 'missing-host'));
  });
});

describe('sameDiagnostic', () => {
  it('matches on code, message and range only', () => {
    const [first] = diagnostics;
    assert.ok(first);
    assert.equal(sameDiagnostic(first, { range: first.range, code: first.code, message: first.message }), true);
    assert.equal(sameDiagnostic(first, { range: first.range, code: 'other', message: first.message }), false);
    const moved = { ...first.range, start: { ...first.range.start, character: first.range.start.character + 1 } };
    assert.equal(sameDiagnostic(first, { range: moved, code: first.code, message: first.message }), false);
  });
});

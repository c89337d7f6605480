import * as assert from 'node:assert/strict';
import { positionAfter, closeAllEditors, completionLabels, openNewScenario } from './helpers';

/** Directive completions may be labelled `users` or `@users`: compare without the `@`. */
const withoutAt = (label: string): string => label.replace(/^@/, '');

describe('completion', () => {
  after(closeAllEditors);

  it('offers scenario directives after "# @" in the header', async () => {
    const document = await openNewScenario('complete-directive.load.http', ['# @host http://localhost:8888', '# @']);
    const labels = (await completionLabels(document, positionAfter(document, 1, '# @'), '@')).map(withoutAt);
    for (const directive of ['users', 'spawn-rate', 'run-time', 'threshold']) {
      assert.ok(labels.includes(directive), `"${directive}" not offered; got: ${labels.join(', ')}`);
    }
  });

  it('offers file variables and system variables inside {{', async () => {
    const document = await openNewScenario('complete-variable.load.http', [
      '@token = abc123',
      '# @host http://localhost:8888',
      '',
      '### Search',
      'GET /search?t={{',
    ]);
    const labels = await completionLabels(document, positionAfter(document, 4, '{{'), '{');
    assert.ok(labels.includes('token'), `file variable "token" not offered; got: ${labels.join(', ')}`);
    assert.ok(labels.includes('$guid'), `"$guid" not offered; got: ${labels.join(', ')}`);
  });
});

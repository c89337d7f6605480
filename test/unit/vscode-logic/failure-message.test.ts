import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { failureMessage, UserFacingError } from '../../../src/vscode/shared/failure-message';

describe('failureMessage', () => {
  it('shows a user-facing error as it is', () => {
    assert.equal(failureMessage('Run', new UserFacingError('Open a .load.http file first.')), 'Open a .load.http file first.');
  });

  it('puts a system error into words with its path', () => {
    const error = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT', path: '/x/data.csv' });
    assert.equal(failureMessage('Run', error), 'Run failed: a file or folder does not exist (/x/data.csv).');
  });

  it('points anything else to the output channel', () => {
    assert.equal(failureMessage('New Load Scenario', new Error('boom')), 'New Load Scenario failed: boom. See the Loadlens output for details.');
    assert.equal(failureMessage('Run', 'text'), 'Run failed: text. See the Loadlens output for details.');
  });
});

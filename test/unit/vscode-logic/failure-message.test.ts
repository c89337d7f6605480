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

  it('puts a connection or certificate failure into the words Send Request and the panel use', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    assert.equal(failureMessage('Import', refused), 'Import failed: connection refused: is the server running and listening on that port?');
    const selfSigned = Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    assert.equal(
      failureMessage('Import', selfSigned),
      'Import failed: the server\'s certificate is self-signed, and only certificates the system trusts are accepted: set loadlens.insecure to accept it, or --insecure in the CLI.',
    );
  });

  it('points anything else to the output channel', () => {
    assert.equal(failureMessage('New Load Scenario', new Error('boom')), 'New Load Scenario failed: boom. See the Loadlens output for details.');
    assert.equal(failureMessage('Run', 'text'), 'Run failed: text. See the Loadlens output for details.');
  });
});

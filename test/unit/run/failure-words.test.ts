import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACCEPT_CERTIFICATE_HINT, certificateFailureAdvice, certificateFailureWords, failureWords } from '../../../src/core/present/failure-words';

describe('certificate failures', () => {
  it('words a certificate failure with the setting and the flag that accept it', () => {
    assert.equal(
      certificateFailureWords('DEPTH_ZERO_SELF_SIGNED_CERT'),
      'the server\'s certificate is self-signed, and only certificates the system trusts are accepted: set loadlens.insecure to accept it, or --insecure in the CLI',
    );
    assert.ok(certificateFailureWords('CERT_HAS_EXPIRED')?.endsWith(ACCEPT_CERTIFICATE_HINT));
  });

  it('leaves other failures alone, including names inherited by every object', () => {
    for (const failure of ['ECONNREFUSED', 'HTTP 500', 'constructor', 'toString']) assert.equal(certificateFailureWords(failure), undefined, failure);
  });

  it("sums a run's certificate failures into one sentence naming the first", () => {
    const failures = [
      { name: 'home', error: 'ECONNRESET', occurrences: 4 },
      { name: 'home', error: 'DEPTH_ZERO_SELF_SIGNED_CERT', occurrences: 10 },
      { name: 'login', error: 'CERT_HAS_EXPIRED', occurrences: 2 },
    ];
    assert.equal(
      certificateFailureAdvice(failures),
      '12 requests failed on the server\'s certificate (DEPTH_ZERO_SELF_SIGNED_CERT): the server\'s certificate is self-signed, and only certificates the system trusts are accepted: set loadlens.insecure to accept it, or --insecure in the CLI',
    );
    assert.equal(certificateFailureAdvice([{ error: 'ECONNRESET', occurrences: 1 }]), undefined);
  });

  it('has one table for every kind of failure: connection, certificate and file', () => {
    assert.equal(failureWords('ECONNREFUSED'), 'connection refused: is the server running and listening on that port?');
    assert.equal(failureWords('DEPTH_ZERO_SELF_SIGNED_CERT'), certificateFailureWords('DEPTH_ZERO_SELF_SIGNED_CERT'));
    assert.equal(failureWords('ENOENT'), 'a file or folder does not exist');
    assert.equal(certificateFailureWords('ENOENT'), undefined);
  });

  it('has no words from the prototype for a failure text that names an Object member', () => {
    for (const failure of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) assert.equal(failureWords(failure), undefined, failure);
  });
});

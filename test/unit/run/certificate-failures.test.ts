import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACCEPT_CERTIFICATE_HINT, certificateFailureAdvice, certificateFailureWords } from '../../../src/core/protocol/certificate-failures';

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
});

// The failures that mean the server's certificate was not accepted (Node's TLS codes, as
// errorText in src/engine/failure-text.ts gives them), in words, with the one hint that says how
// to accept it: the same words for Send Request (src/engine/send-once.ts), a run in VS Code
// (src/vscode/run/run-reporter.ts) and the CLI (`--insecure`).

/** How to accept such a certificate, in VS Code and in the CLI (docs/engine.md, "HTTP/2"). */
export const ACCEPT_CERTIFICATE_HINT = 'set loadlens.insecure to accept it, or --insecure in the CLI';

const CERTIFICATE_FAILURE_WORDS: Readonly<Record<string, string>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server\'s certificate is self-signed, and only certificates the system trusts are accepted',
  SELF_SIGNED_CERT_IN_CHAIN: 'the server\'s certificate chain ends in a self-signed certificate the system does not trust',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server\'s certificate could not be verified (is its chain complete?)',
  CERT_HAS_EXPIRED: 'the server\'s certificate has expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the server\'s certificate is not for this host name',
};

/** What `failure` means and how to accept the certificate, or undefined when it is not a certificate failure. */
export function certificateFailureWords(failure: string): string | undefined {
  const words = Object.hasOwn(CERTIFICATE_FAILURE_WORDS, failure) ? CERTIFICATE_FAILURE_WORDS[failure] : undefined;
  return words === undefined ? undefined : `${words}: ${ACCEPT_CERTIFICATE_HINT}`;
}

/**
 * One sentence for a run's certificate failures (`failures` as RunResult has them), or undefined
 * when none failed on the certificate: how many requests, which failure, and how to accept it.
 */
export function certificateFailureAdvice(failures: ReadonlyArray<{ error: string; occurrences: number }>): string | undefined {
  let count = 0;
  let first: string | undefined;
  for (const failure of failures) {
    if (certificateFailureWords(failure.error) === undefined) continue;
    count += failure.occurrences;
    first ??= failure.error;
  }
  if (first === undefined) return undefined;
  return `${count} request${count === 1 ? '' : 's'} failed on the server's certificate (${first}): ${certificateFailureWords(first) ?? ''}`;
}

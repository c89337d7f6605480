// The one table of failure words: the codes a failure is known by (Node's system and TLS codes,
// as errorText in src/engine/failure-text.ts gives them, and the engine's own texts), each with
// what it means and what to check. Send Request (src/engine/send-once.ts), a failed command
// (src/vscode/shared/failure-message.ts), the results panel's failures table, a run in VS Code
// (src/vscode/run/run-reporter.ts) and the CLI's certificate warning all read it, so users see
// the same words everywhere.

import { formatCount } from './numbers';

/** How to accept a certificate that failed, in VS Code and in the CLI (docs/engine.md, "HTTP/2"). */
export const ACCEPT_CERTIFICATE_HINT = 'set loadlens.insecure to accept it, or --insecure in the CLI';

/** `certificate`: the server's certificate was not accepted, and ACCEPT_CERTIFICATE_HINT says how to. */
type FailureKind = 'connection' | 'certificate' | 'file';

const FAILURE_WORDS: Readonly<Record<string, { kind: FailureKind; words: string }>> = {
  ECONNREFUSED: { kind: 'connection', words: 'connection refused: is the server running and listening on that port?' },
  ENOTFOUND: { kind: 'connection', words: 'the host name could not be resolved' },
  ECONNRESET: { kind: 'connection', words: 'the server closed the connection' },
  'connect timeout': { kind: 'connection', words: 'timed out connecting' },
  DEPTH_ZERO_SELF_SIGNED_CERT: { kind: 'certificate', words: 'the server\'s certificate is self-signed, and only certificates the system trusts are accepted' },
  SELF_SIGNED_CERT_IN_CHAIN: { kind: 'certificate', words: 'the server\'s certificate chain ends in a self-signed certificate the system does not trust' },
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: { kind: 'certificate', words: 'the server\'s certificate could not be verified (is its chain complete?)' },
  CERT_HAS_EXPIRED: { kind: 'certificate', words: 'the server\'s certificate has expired' },
  ERR_TLS_CERT_ALTNAME_INVALID: { kind: 'certificate', words: 'the server\'s certificate is not for this host name' },
  ENOENT: { kind: 'file', words: 'a file or folder does not exist' },
  EACCES: { kind: 'file', words: 'permission denied' },
  EPERM: { kind: 'file', words: 'the operation is not permitted' },
  EISDIR: { kind: 'file', words: 'a folder was found where a file was expected' },
  ENOSPC: { kind: 'file', words: 'the disk is full' },
};

function entryOf(failure: string): { kind: FailureKind; words: string } | undefined {
  // A failure text like `constructor` is no member of the table.
  return Object.hasOwn(FAILURE_WORDS, failure) ? FAILURE_WORDS[failure] : undefined;
}

/** What a failure code means and what to check (a certificate's: how to accept it), or undefined when the table has no words for it. */
export function failureWords(failure: string): string | undefined {
  const entry = entryOf(failure);
  if (!entry) return undefined;
  return entry.kind === 'certificate' ? `${entry.words}: ${ACCEPT_CERTIFICATE_HINT}` : entry.words;
}

/** failureWords for a certificate failure; undefined for any other failure. */
export function certificateFailureWords(failure: string): string | undefined {
  return entryOf(failure)?.kind === 'certificate' ? failureWords(failure) : undefined;
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
  return `${formatCount(count)} request${count === 1 ? '' : 's'} failed on the server's certificate (${first}): ${certificateFailureWords(first) ?? ''}`;
}

// The `??` checks of a request, run on its response after `@expect` passed (docs/scenario-checks.md,
// "Checks"). Every check runs, so each has its own counts; the request fails once, with the
// text of the first check that failed.
import type { CheckCounter } from '../core/metrics/check-counts';
import { checkFailureText, evaluateCheck, type CheckedResponse } from '../core/scenario/evaluate-check';
import { CaptureMissing, type StoredResponse } from './captures';
import type { ResponseCheck } from '../core/scenario/model';
import type { CompiledRequest } from './compile-requests';

/** A body over the capture limit was not kept (captures.ts): a check that reads it cannot hold. */
const BODY_NOT_KEPT = 'body over 1 MiB, not checked';

function reasonOf(check: ResponseCheck, response: CheckedResponse): string | undefined {
  try {
    return evaluateCheck(check, response);
  } catch (error) {
    if (error instanceof CaptureMissing) return BODY_NOT_KEPT;
    throw error;
  }
}

export function runChecks(request: CompiledRequest, status: number, durationMs: number, stored: StoredResponse | undefined, counter: CheckCounter | undefined): string | undefined {
  const checks = request.checks;
  if (!checks) return undefined;
  const response: CheckedResponse = {
    status,
    durationMs,
    body: stored?.body,
    header: (lowerName) => stored?.header(lowerName),
    jsonBody: () => stored?.jsonBody(),
  };
  let failure: string | undefined;
  for (let i = 0; i < checks.length; i++) {
    const check = checks[i] as (typeof checks)[number];
    const reason = reasonOf(check, response);
    counter?.count(request.firstCheck + i, reason);
    if (reason !== undefined && failure === undefined) failure = checkFailureText(check, reason);
  }
  return failure;
}

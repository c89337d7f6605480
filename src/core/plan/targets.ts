// Every base URL a run may send to, for the confirmation before load leaves this machine.
import { isRelativeUrl, startsAsPath, type RequestBlock, type Scenario, type Template } from '../scenario';
import type { PreparedTemplate } from './templates';

/** `scheme://authority` followed by the start of a path, query or fragment. */
const ORIGIN_THEN_REST = /^\s*[a-z][a-z0-9+.-]*:\/\/[^/?#]*[/?#]/i;

/** The whole text when it is the same at every send; else its origin when the fixed start holds all of it; else the template as written. */
function knownTarget(compiled: PreparedTemplate, raw: string): string {
  if (compiled.constant !== undefined) return compiled.constant.trim();
  const origin = ORIGIN_THEN_REST.exec(compiled.literalPrefix)?.[0];
  return origin?.trim() ?? raw;
}

/**
 * True when the run's host goes in front of the request's URL: written as a path, or starting as
 * one once its fixed variables are expanded (`{{api}}/home` with `@api = /v1`), as the engine's
 * compiler decides (src/engine/compile-requests.ts).
 */
export function takesHost(request: RequestBlock, compile: (template: Template) => PreparedTemplate): boolean {
  return isRelativeUrl(request.url) || startsAsPath(compile(request.url).literalPrefix);
}

/**
 * The host (when some URL is relative) and each absolute request URL. Where a URL's scheme and
 * host are not fixed before the run (a captured value, a data column, a random value), it is
 * given as written, which never passes as loopback: one rendering could land on 127.0.0.1 while
 * the run does not.
 */
export function targetUrls(scenario: Scenario, host: Template | undefined, compile: (template: Template) => PreparedTemplate): string[] {
  const urls = new Set<string>();
  // The host is compiled once, each request's URL once (not again to decide whether it takes the host).
  let hostTarget: string | undefined;
  for (const request of scenario.requests) {
    const url = compile(request.url);
    if (isRelativeUrl(request.url) || startsAsPath(url.literalPrefix)) {
      if (host) urls.add((hostTarget ??= knownTarget(compile(host), host.raw)));
    } else {
      urls.add(knownTarget(url, request.url.raw));
    }
  }
  return [...urls];
}

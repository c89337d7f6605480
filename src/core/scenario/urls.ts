// What a request URL's written form says before any template is expanded.
import type { Template } from './model';

/**
 * True when the URL is written as a path (`/api/x`), so that the run's host goes in front of it.
 * Anything else (`https://...`, `{{base}}/x`) is sent as it expands. One definition for `check`,
 * run preparation (src/core/plan/), the engine's compiler and Send Request.
 */
export function isRelativeUrl(url: Template): boolean {
  return startsAsPath(url.raw);
}

/**
 * True when a URL's text starts as a path. Given a compiled URL's fixed start, this also catches
 * `{{api}}/home` with `@api = /v1` (an environment's `$shared` path prefix), which the written
 * form alone cannot tell from `{{base}}/home` with an absolute base.
 */
export function startsAsPath(text: string): boolean {
  return text.trimStart().startsWith('/');
}

// Which targets of a run still need the user's consent before load leaves this machine, and how a
// consent is remembered in workspaceState (src/vscode/run/run-launcher.ts). Decided on the REAL
// origins: two environments whose private base URLs differ are two hosts, although the dialog
// shows both as `[private]`. An origin holding a private environment value is stored as the
// sha256 of its text, so the private host never reaches workspace storage; any other as it is.
import { createHash } from 'node:crypto';
import { isLoopbackUrl, originOf, redactText } from '../../../core/plan';
import { withoutCredentials } from '../../../core/report/credentials';

export interface UnconfirmedTarget {
  /** What workspaceState keeps once confirmed: the origin, or `sha256:<hex>` of it when it holds a private value. */
  key: string;
  /** For the dialog: without credentials and private environment values. */
  shown: string;
}

/** The origin of a target, or the target as written when it is not a URL (it then never passes as loopback). */
function originOrText(target: string): string {
  return originOf(target) ?? target;
}

function hashed(origin: string): string {
  return `sha256:${createHash('sha256').update(origin).digest('hex')}`;
}

/**
 * Whether a target's origin holds a private value. Asked of the target as written too: the URL
 * parser rewrites an origin (drops a default port, encodes a name), which redaction may not
 * recognise (docs/security.md).
 */
function holdsPrivateValue(target: string, origin: string, secrets: readonly string[]): boolean {
  return redactText(origin, secrets) !== origin || redactText(target, secrets) !== target;
}

/** The stored form of a confirmed origin (of `target`, which defaults to the origin itself). */
export function confirmationKey(origin: string, secrets: readonly string[], target = origin): string {
  return holdsPrivateValue(target, origin, secrets) ? hashed(origin) : origin;
}

/** The origin for the dialog; when redaction does not recognise the rewritten origin, the target as written, redacted. */
function shownOrigin(target: string, origin: string, secrets: readonly string[]): string {
  const shown = redactText(withoutCredentials(origin), secrets);
  return shown === withoutCredentials(origin) && holdsPrivateValue(target, origin, secrets) ? redactText(withoutCredentials(target), secrets) : shown;
}

/**
 * The targets that are not this machine and not yet confirmed, one per origin. An old entry
 * written redacted (`[private]/users`, before the keys were real) never equals a real origin
 * nor its hash, so it confirms nothing.
 */
export function unconfirmedTargets(targets: readonly string[], secrets: readonly string[], stored: readonly string[]): UnconfirmedTarget[] {
  const confirmed = new Set(stored);
  const found = new Map<string, UnconfirmedTarget>();
  for (const target of targets) {
    if (isLoopbackUrl(target)) continue;
    const origin = originOrText(target);
    const key = confirmationKey(origin, secrets, target);
    // A private value made public later (or the other way round) keeps its consent.
    if (confirmed.has(origin) || confirmed.has(hashed(origin)) || found.has(key)) continue;
    found.set(key, { key, shown: shownOrigin(target, origin, secrets) });
  }
  return [...found.values()];
}

/** The stored confirmations once the user agreed to these targets. */
export function withConfirmed(stored: readonly string[], agreed: readonly UnconfirmedTarget[]): string[] {
  return [...new Set([...stored, ...agreed.map((target) => target.key)])];
}

/**
 * Where a redirect may lead besides this machine (RunOptions.redirectOrigins, checked by the
 * engine's redirectGuard against real origins): every origin of this run, all confirmed by now,
 * and the plain stored ones. A hashed entry cannot be turned back into an origin: a redirect to a
 * private host confirmed only for another run is refused.
 */
export function redirectOriginsOf(targets: readonly string[], stored: readonly string[]): string[] {
  const own = targets.filter((target) => !isLoopbackUrl(target)).map(originOf).filter((origin): origin is string => origin !== undefined);
  return [...new Set([...stored.filter((entry) => !entry.startsWith('sha256:')), ...own])];
}

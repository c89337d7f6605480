// Is a target this machine? Traffic to anything else needs the user's confirmation first (VS Code,
// src/vscode/run/run-launcher.ts), and a redirect may lead elsewhere only to a confirmed origin
// (the engine and Send Request, through `redirectGuard`).

/** The origin (`http://api.example.com:8080`) of a base URL, or undefined when it is not a URL. */
export function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

/** An IPv4-mapped IPv6 address of 127.0.0.0/8 as the URL parser writes it: `[::ffff:127.0.0.1]` is `[::ffff:7f00:1]`. */
const MAPPED_IPV4_LOOPBACK = /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/;

/**
 * localhost, 127.0.0.0/8 (in any form the URL parser reads as such: `127.1`, `2130706433`),
 * [::1] and IPv4-mapped [::ffff:127.x.y.z]; anything else, or anything unreadable, is not local.
 * `*.localhost` names are not: the engine resolves them with the system resolver, which may ask
 * a DNS server and get any address back (only `localhost` itself comes from the hosts file).
 */
export function isLoopbackUrl(url: string): boolean {
  let hostname: string;
  try {
    hostname = new URL(url.trim()).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  if (MAPPED_IPV4_LOOPBACK.test(hostname)) return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * Which origins a redirect may lead to: this machine, and the origins the user confirmed. One
 * rule for VS Code runs (the engine builds it from RunOptions.redirectOrigins) and Send Request.
 */
export function redirectGuard(confirmedOrigins: Iterable<string>): (origin: string) => boolean {
  const confirmed = new Set(confirmedOrigins);
  return (origin) => confirmed.has(origin) || isLoopbackUrl(origin);
}

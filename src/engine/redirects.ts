// Following redirects as a browser and fetch do (docs/scenario-sessions.md, "Redirects"): the next
// hop of a request from a 3xx answer, or the error text that fails it. Used by the engine's HTTP
// client (http-client.ts, every transport), which Send Request sends through too (send-once.ts).
//
// The Location comes from a server that is not trusted: a value with CR, LF or NUL, one longer
// than MAX_LOCATION_LENGTH, or one that leads to a scheme other than http(s) (file:, data:,
// javascript:) is refused, never followed.

/** Hops followed per request; one more fails it with TOO_MANY_REDIRECTS (fetch and undici stop at 20, browsers at 20, curl at 50; REST Client and k6 at 10). */
export const MAX_REDIRECTS = 10;
export const TOO_MANY_REDIRECTS = 'too many redirects';
/** Longer than any real Location (browsers cap URLs near 2 MB, servers' request lines near 8 KiB). */
export const MAX_LOCATION_LENGTH = 8192;
/** A host name in an error text is cut here, so that a hostile Location cannot fill the failures table. */
const MAX_HOST_IN_TEXT = 100;

const CONTROL = /[\r\n\0]/;
/** Headers about a body: dropped with the body when a hop turns into a GET (fetch does the same). */
const BODY_HEADERS = new Set(['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location', 'transfer-encoding']);
/** Written credentials and the written Host: dropped once the chain leaves the first origin (fetch drops Authorization; undici also Cookie). */
const ORIGIN_BOUND_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization', 'host']);

export function isRedirectStatus(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/** The request as it goes to one hop: a copy per hop (the first hop's headers may be a compiled constant). */
export interface Hop {
  method: string;
  /** `http://host:port`: the first hop's as written in the request (`http://LOCALHOST:80`), later hops' as `new URL().origin` writes them. */
  origin: string;
  /** Path and query. */
  path: string;
  headers: string[];
  body: string | Buffer | undefined;
}

/** Which origins a chain may be redirected to; undefined = any (the command line: nothing to confirm). */
export type RedirectGuard = ((origin: string) => boolean) | undefined;

/** The Location header among raw headers (names and values alternating), or undefined. */
export function locationOf(rawHeaders: ReadonlyArray<Buffer | string>): string | undefined {
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] as Buffer | string;
    if (name.length === 8 && String(name).toLowerCase() === 'location') return String(rawHeaders[i + 1]);
  }
  return undefined;
}

/** `origin` as `new URL().origin` writes it: lower-case host, no default port. */
function normalOrigin(origin: string): string {
  try {
    return new URL(origin).origin;
  } catch {
    return origin;
  }
}

function shortHost(host: string): string {
  return host.length > MAX_HOST_IN_TEXT ? `${host.slice(0, MAX_HOST_IN_TEXT)}…` : host;
}

/**
 * The next hop after `status` with `location` from `current`, or a string: the error that fails
 * the request. `guard` refuses origins the run was not allowed to reach (VS Code's confirmation).
 */
export function nextHop(current: Hop, status: number, location: string, guard: RedirectGuard): Hop | string {
  if (location.length > MAX_LOCATION_LENGTH) return `redirect refused: Location over ${MAX_LOCATION_LENGTH / 1024} KiB`;
  if (CONTROL.test(location)) return 'redirect refused: Location with CR, LF or NUL';
  let url: URL;
  try {
    // A relative Location resolves against the URL that answered (RFC 9110, 10.2.2).
    url = new URL(location, current.origin + current.path);
  } catch {
    return 'redirect refused: Location is not a URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `redirect refused: ${url.protocol} scheme`;
  if (url.username !== '' || url.password !== '') return 'redirect refused: Location with credentials';
  const origin = url.origin;
  // Compared in normal form: the first hop's origin is kept as written (`http://LOCALHOST:80`), and
  // a same-origin hop must keep the written Authorization, Cookie and Host (send-once.ts, virtual-user.ts).
  const sameOrigin = origin === normalOrigin(current.origin);
  if (!sameOrigin && guard && !guard(origin)) return `redirect to unconfirmed host ${shortHost(url.host)}`;
  // 301/302/303 continue as GET without a body (HEAD stays HEAD: it asks for no body anyway).
  const toGet = status !== 307 && status !== 308 && current.method !== 'HEAD';
  let headers = current.headers;
  if (toGet || !sameOrigin) {
    headers = [];
    for (let i = 0; i + 1 < current.headers.length; i += 2) {
      const lower = (current.headers[i] as string).toLowerCase();
      if (toGet && BODY_HEADERS.has(lower)) continue;
      if (!sameOrigin && ORIGIN_BOUND_HEADERS.has(lower)) continue;
      headers.push(current.headers[i] as string, current.headers[i + 1] as string);
    }
  }
  return {
    method: toGet ? 'GET' : current.method,
    origin,
    path: url.pathname + url.search,
    headers,
    body: toGet ? undefined : current.body,
  };
}

// A virtual user's cookies (docs/scenario-sessions.md, "Cookies"): RFC 6265 as tough-cookie reads
// it (domain, path, expiry, Max-Age, Secure, HttpOnly, deletion), so that a scenario's users keep
// sessions the way REST Client and a browser do. The jar is made on the first `Set-Cookie` a user
// gets: a scenario whose server never sets a cookie never calls into tough-cookie (the request
// path only reads `holdsCookies`).
import { CookieJar } from 'tough-cookie';

const SET_COOKIE = 'set-cookie';
const LOWER_S = 0x73;

/**
 * Strict RFC 6265: `Secure` cookies go over https only, loopback included (tough-cookie would
 * treat http://localhost as secure by default, as browsers do); any well-formed cookie is kept.
 */
function newJar(): CookieJar {
  return new CookieJar(undefined, { allowSecureOnLocal: false, rejectPublicSuffixes: true, looseMode: true });
}

export class UserCookies {
  private jar: CookieJar | undefined;

  /** False until a response set a cookie (and again after `clear`): the request path skips the jar. */
  get holdsCookies(): boolean {
    return this.jar !== undefined;
  }

  /** The `Cookie` value for a request to `url`, or undefined when the jar has none for it. */
  cookieHeader(url: string): string | undefined {
    if (!this.jar) return undefined;
    let value = '';
    try {
      value = this.jar.getCookieStringSync(url);
    } catch {
      // A URL tough-cookie cannot read gets no cookies; the request itself decides whether it can be sent.
    }
    return value === '' ? undefined : value;
  }

  /** Stores the cookies a response from `url` set; malformed or foreign-domain ones are ignored, as a browser ignores them. */
  store(url: string, setCookies: readonly string[]): void {
    const jar = (this.jar ??= newJar());
    for (const value of setCookies) {
      try {
        jar.setCookieSync(value, url, { ignoreError: true });
      } catch {
        // A server's header must never fail the request path: a cookie the jar cannot take is dropped.
      }
    }
  }

  /** A user that stops, or an open-model iteration that ends: the next visitor starts without a session. */
  clear(): void {
    this.jar = undefined;
  }
}

/**
 * The `Set-Cookie` values among a response's raw headers (names and values alternating, Buffers
 * from undici, strings from http1-transport.ts), or undefined when there is none: the common case
 * costs a length comparison per header.
 */
export function setCookieValues(rawHeaders: ReadonlyArray<Buffer | string>): string[] | undefined {
  let found: string[] | undefined;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] as Buffer | string;
    if (name.length !== SET_COOKIE.length) continue;
    // `Connection` has the same length: the first letter ('s' or 'S') spares it a lower-cased copy.
    if (((typeof name === 'string' ? name.charCodeAt(0) : (name[0] as number)) | 0x20) !== LOWER_S) continue;
    if (String(name).toLowerCase() !== SET_COOKIE) continue;
    (found ??= []).push(String(rawHeaders[i + 1]));
  }
  return found;
}

/** A written `Cookie:` header is sent as written, with the jar's cookies after it. */
export function withJarCookies(headers: readonly string[], jarCookies: string): string[] {
  const out = headers.slice();
  for (let i = 0; i + 1 < out.length; i += 2) {
    if ((out[i] as string).toLowerCase() !== 'cookie') continue;
    const written = (out[i + 1] as string).trim();
    out[i + 1] = written === '' ? jarCookies : `${written.replace(/;\s*$/, '')}; ${jarCookies}`;
    return out;
  }
  out.push('cookie', jarCookies);
  return out;
}

// Where imported requests go: the scenario's `# @host` is the main origin of the source (or
// `--host URL`), and a request to that origin is written with a relative URL, so that
// `loadlens run FILE --host http://127.0.0.1:8080` points the whole scenario elsewhere.

import type { ScenarioDraft } from './model';
import { hideQuerySecrets } from './secrets';
import { literal } from './template-text';

const ABSOLUTE = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)([\s\S]*)$/i;

export interface SplitUrl {
  /** `http://host:port`, scheme and host lower-cased, no user info. */
  origin: string;
  /** Path and query, fragment dropped; `/` at least. */
  path: string;
  /** True when the URL carried `user:password@`, which is never copied. */
  hadUserInfo: boolean;
}

export function splitUrl(url: string): SplitUrl | undefined {
  const match = ABSOLUTE.exec(url.trim());
  if (!match) return undefined;
  let authority = match[2] ?? '';
  const at = authority.lastIndexOf('@');
  const hadUserInfo = at >= 0;
  if (hadUserInfo) authority = authority.slice(at + 1);
  let path = (match[3] ?? '').replace(/#[\s\S]*$/, "");
  if (!path.startsWith('/')) path = `/${path}`;
  return { origin: `${(match[1] ?? '').toLowerCase()}${authority.toLowerCase()}`, path, hadUserInfo };
}

export function originOf(url: string): string | undefined {
  return splitUrl(url)?.origin;
}

/** `--host` wins over the source's own origin. */
export function chooseHost(draft: ScenarioDraft, sourceOrigin: string | undefined, override: string | undefined): void {
  const host = override ?? sourceOrigin;
  if (host !== undefined) draft.host = literal(host.replace(/\/+$/, ''));
}

/**
 * The request line's URL as template text: relative when it goes to `mainOrigin`, credentials in
 * the query replaced by secret variables. `notes` receives what was dropped.
 */
export function requestUrl(draft: ScenarioDraft, url: string, mainOrigin: string | undefined, notes: string[]): string {
  const split = splitUrl(url);
  if (!split) return hideQuerySecrets(draft, literal(url));
  if (split.hadUserInfo) notes.push('the user name and password in the URL (never copied; send them in a header from the environment)');
  const target = split.origin === mainOrigin ? split.path : `${split.origin}${split.path}`;
  return hideQuerySecrets(draft, literal(target));
}

// Secrets in imported requests (auth headers, cookies, API keys in headers or query strings)
// are never written as values: each becomes a file variable that reads an environment
// variable of the run, `@cookie = {{$processEnv COOKIE}}`, and the request uses `{{cookie}}`.

import type { ScenarioDraft } from './model';
import { environmentName, reference, variableName } from './template-text';

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key', 'api-key', 'apikey', 'x-auth-token', 'x-access-token', 'x-csrf-token', 'x-xsrf-token', 'x-amz-security-token']);
/** Header and query names that name a credential: `X-Upstream-Token`, `api_key`, `client_secret`. */
const SECRET_WORDS = /token|secret|passw(or)?d|api[-_]?key|apikey|auth(?!or)|session|signature|credential/i;

export function isSecretHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return SECRET_HEADERS.has(lower) || SECRET_WORDS.test(lower);
}

export function isSecretQueryParameter(name: string): boolean {
  return SECRET_WORDS.test(name) || /^(key|sig|code)$/i.test(name);
}

/**
 * Declares (once) the variable for a secret named `source` and returns `{{variable}}`.
 * `hint` says in a comment what value to put in the environment variable.
 */
export function secretReference(draft: ScenarioDraft, source: string, hint?: string): string {
  const name = variableName(source.toLowerCase());
  if (!draft.variables.some((variable) => variable.name === name)) {
    const env = environmentName(name);
    const comment = `${source}: a secret, not copied. Set ${env} in the environment before the run${hint ? ` (${hint})` : ''}.`;
    draft.variables.push({ name, value: `{{$processEnv ${env}}}`, comment });
  }
  return reference(name);
}

/** Replaces the values of credential-like query parameters with secret variables. */
export function hideQuerySecrets(draft: ScenarioDraft, url: string): string {
  const query = url.indexOf('?');
  if (query < 0) return url;
  const hash = url.indexOf('#', query);
  const end = hash < 0 ? url.length : hash;
  const pairs = url.slice(query + 1, end).split('&').map((pair) => {
    const eq = pair.indexOf('=');
    if (eq < 0) return pair;
    const name = pair.slice(0, eq);
    let decoded = name;
    try {
      decoded = decodeURIComponent(name.replace(/\+/g, ' '));
    } catch {
      // A malformed escape stays as written: the name is still compared below.
    }
    return isSecretQueryParameter(decoded) ? `${name}=${secretReference(draft, decoded)}` : pair;
  });
  return `${url.slice(0, query + 1)}${pairs.join('&')}${url.slice(end)}`;
}

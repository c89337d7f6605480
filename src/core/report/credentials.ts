// Credentials written into a URL (`http://admin:{{$processEnv PASS}}@host`) are for the wire only:
// every place that shows or stores a host (the CLI's lines and summary, JSON, history, HTML, the
// panel and the status bar) passes it through here first.

/**
 * `http://user:secret@host/x` -> `http://host/x`. The userinfo ends at the LAST `@` before the
 * path, as URL parsers read it, so a password holding a raw `@` goes whole. Text that is no URL
 * with userinfo comes back unchanged.
 */
export function withoutCredentials(url: string): string {
  return url.replace(/^(\s*(?:[a-z][a-z0-9+.-]*:)?\/\/)[^/?#]*@/i, '$1');
}

/**
 * Every URL's userinfo dropped from free text (an error message quoting a request):
 * `GET http://user:secret@host/x failed` -> `GET http://host/x failed`. The userinfo ends at the
 * last `@` before the URL's path or the next space.
 */
export function credentialsHidden(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/?#\s]*@/gi, '$1');
}

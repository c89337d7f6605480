// `loadlens import har`: a browser recording becomes the journey of one virtual user. Entries in
// time order; static assets and third-party origins left out unless asked for (and counted in a
// comment); the pauses between requests become `@think`; a redirect and the request that followed
// it become one request (the engine follows redirects); a request repeated back to back is kept
// once; cookies and credentials become variables read from the environment.

import { DEFAULT_LOAD_DIRECTIVES, runHint, secondsAsDuration } from './defaults';
import { readHar, type HarEntry } from './har-format';
import { chooseHost, originOf, requestUrl, splitUrl } from './hosts';
import { emptyDraft, ImportError, type DraftHeader, type DraftRequest, type ImportOutput, type ScenarioDraft } from './model';
import { isSecretHeader, secretReference } from './secrets';
import { literal } from './template-text';
import { writeScenario } from './write-scenario';

export interface HarImportOptions {
  host?: string;
  sideFilePrefix: string;
  /** Keep images, fonts, scripts, styles and media. */
  keepStatic?: boolean;
  /** Origins kept besides the main one (`https://cdn.example.com`), or `all`. */
  keepOrigins?: readonly string[] | 'all';
}

/** A pause shorter than this is the browser's own pace, not the user's. */
const MIN_THINK_MS = 250;
/** A longer pause (the user left the tab) is capped, so that one iteration stays short. */
const MAX_THINK_MS = 30_000;
const STATIC_TYPES = new Set(['image', 'font', 'script', 'stylesheet', 'media', 'manifest', 'texttrack', 'imageset']);
const STATIC_MIME = /^(image|font|audio|video)\/|css|javascript|ecmascript|application\/(font|x-font)|wasm/i;
const STATIC_EXTENSION = /\.(png|jpe?g|gif|svg|ico|webp|avif|bmp|woff2?|ttf|otf|eot|css|m?js|map|mp4|webm|mp3|wav|ogg|m4a)$/i;
/** Headers that describe the connection or that the engine sets itself. */
const TRANSPORT_HEADERS = new Set(['host', 'connection', 'content-length', 'keep-alive', 'transfer-encoding', 'upgrade', 'te', 'proxy-connection', 'http2-settings']);

function isStatic(entry: HarEntry): boolean {
  if (entry.resourceType !== undefined) return STATIC_TYPES.has(entry.resourceType);
  const path = splitUrl(entry.url)?.path.split('?')[0] ?? '';
  return STATIC_MIME.test(entry.responseMimeType) || STATIC_EXTENSION.test(path);
}

function isDocument(entry: HarEntry): boolean {
  return entry.resourceType === 'document' || /text\/html/i.test(entry.responseMimeType);
}

/** The first HTML document's origin: the site the user visited. Without one, the most frequent origin. */
function mainOriginOf(entries: readonly HarEntry[]): string | undefined {
  const document = entries.find((entry) => isDocument(entry) && originOf(entry.url));
  if (document) return originOf(document.url);
  const counts = new Map<string, number>();
  for (const entry of entries) {
    const origin = originOf(entry.url);
    if (origin) counts.set(origin, (counts.get(origin) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function resolveRedirect(from: string, location: string): string {
  try {
    return new URL(location, from).href;
  } catch {
    return location;
  }
}

function sameUrl(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return a === b;
  }
}

function bodyOf(entry: HarEntry): string | undefined {
  const post = entry.postData;
  if (!post) return undefined;
  if (post.text !== undefined && post.text !== '') return post.text;
  if (post.params?.length) return post.params.map((param) => `${encodeURIComponent(param.name)}=${encodeURIComponent(param.value ?? '')}`).join('&');
  return undefined;
}

function signature(entry: HarEntry): string {
  return `${entry.method} ${entry.url}\n${bodyOf(entry) ?? ''}`;
}

function titleOf(method: string, url: string): string {
  const path = splitUrl(url)?.path.split('?')[0] ?? url;
  return `${method.toUpperCase()} ${path}`;
}

interface Counted {
  static: number;
  thirdParty: Map<string, number>;
  redirects: number;
  notHttp: number;
  unanswered: number;
}

function select(entries: readonly HarEntry[], mainOrigin: string | undefined, options: HarImportOptions, counted: Counted): HarEntry[] {
  const kept: HarEntry[] = [];
  let redirectTarget: string | undefined;
  for (const entry of entries) {
    const origin = originOf(entry.url);
    if (!origin || !/^https?:\/\//.test(origin)) {
      counted.notHttp++;
      continue;
    }
    // The request that a kept redirect led to: the engine follows the redirect itself.
    if (redirectTarget !== undefined && sameUrl(entry.url, redirectTarget)) {
      counted.redirects++;
      redirectTarget = entry.status >= 300 && entry.status < 400 && entry.redirectURL ? resolveRedirect(entry.url, entry.redirectURL) : undefined;
      continue;
    }
    if (entry.status === 0) {
      counted.unanswered++;
      continue;
    }
    const keepOrigin = origin === mainOrigin || options.keepOrigins === 'all' || (options.keepOrigins ?? []).some((kept) => originOf(kept) === origin);
    if (!keepOrigin) {
      counted.thirdParty.set(origin, (counted.thirdParty.get(origin) ?? 0) + 1);
      continue;
    }
    if (!options.keepStatic && isStatic(entry)) {
      counted.static++;
      continue;
    }
    kept.push(entry);
    redirectTarget = entry.status >= 300 && entry.status < 400 && entry.redirectURL ? resolveRedirect(entry.url, entry.redirectURL) : undefined;
  }
  return kept;
}

function headersOf(entry: HarEntry, draft: ScenarioDraft, notes: string[]): DraftHeader[] {
  const headers: DraftHeader[] = [];
  for (const header of entry.headers) {
    const lower = header.name.toLowerCase();
    if (header.name.startsWith(':') || TRANSPORT_HEADERS.has(lower)) continue;
    if (isSecretHeader(header.name)) {
      headers.push({ name: header.name, value: secretReference(draft, header.name, lower === 'cookie' ? 'the Cookie header of a logged-in session, or leave it empty: each user keeps its own cookies' : undefined) });
    } else {
      headers.push({ name: header.name, value: literal(header.value) });
    }
  }
  if (entry.postData?.params?.some((param) => param.fileName !== undefined)) notes.push('a file upload of the recorded form (HAR keeps no file contents)');
  return headers;
}

export function importHar(document: unknown, options: HarImportOptions): ImportOutput {
  const log = readHar(document);
  if (log.entries.length === 0) throw new ImportError('the HAR file has no entries: record the session again with the network tab open');
  const mainOrigin = mainOriginOf(log.entries);
  const counted: Counted = { static: 0, thirdParty: new Map(), redirects: 0, notHttp: 0, unanswered: 0 };
  const kept = select(log.entries, mainOrigin, options, counted);
  if (kept.length === 0) {
    throw new ImportError(`no request of the recording is left: ${describeLeftOut(counted).join('; ')}. Keep them with --keep-static or --keep-origin all`);
  }
  const pages = log.pageTitles.length ? `, pages: ${log.pageTitles.slice(0, 3).join(' | ')}` : '';
  const draft = emptyDraft([...runHint('har'), `Recorded session: ${log.entries.length} entries, ${kept.length} requests kept, main origin ${mainOrigin ?? 'none'}${pages}.`]);
  draft.directives.push(...DEFAULT_LOAD_DIRECTIVES);
  chooseHost(draft, mainOrigin, options.host);
  draft.notes.push(...describeLeftOut(counted));

  for (let index = 0; index < kept.length; index++) {
    const entry = kept[index] as HarEntry;
    let repeats = 1;
    while (index + repeats < kept.length && signature(kept[index + repeats] as HarEntry) === signature(entry)) repeats++;
    const last = kept[index + repeats - 1] as HarEntry;
    const next = kept[index + repeats];
    const notes: string[] = [];
    const request: DraftRequest = { title: titleOf(entry.method, entry.url), method: entry.method, url: '', headers: headersOf(entry, draft, notes), directives: [], notes };
    request.url = requestUrl(draft, entry.url, mainOrigin, notes);
    const body = bodyOf(entry);
    if (body !== undefined) request.body = { kind: 'text', text: literal(body) };
    if (repeats > 1) notes.push(`${repeats - 1} more identical request${repeats > 2 ? 's' : ''} right after this one in the recording (kept once; copy the block to send it more often)`);
    if (entry.status >= 400) request.directives.push(`@expect status ${entry.status}`);
    if (next) {
      const gap = next.startedMs - (last.startedMs + last.timeMs);
      if (gap >= MIN_THINK_MS) request.directives.push(`@think ${secondsAsDuration(Math.min(gap, MAX_THINK_MS) / 1000)}`);
    }
    draft.requests.push(request);
    index += repeats - 1;
  }
  return writeScenario(draft, options.sideFilePrefix);
}

function describeLeftOut(counted: Counted): string[] {
  const lines: string[] = [];
  if (counted.static) lines.push(`${counted.static} static asset request${counted.static === 1 ? '' : 's'} (images, fonts, scripts, styles, media; --keep-static keeps them)`);
  for (const [origin, count] of counted.thirdParty) lines.push(`${count} request${count === 1 ? '' : 's'} to ${origin} (--keep-origin ${origin} keeps them)`);
  if (counted.redirects) lines.push(`${counted.redirects} request${counted.redirects === 1 ? '' : 's'} that followed a redirect (the run follows redirects itself)`);
  if (counted.notHttp) lines.push(`${counted.notHttp} ${counted.notHttp === 1 ? 'entry that is' : 'entries that are'} not an http(s) request (data:, blob:, ws:...)`);
  if (counted.unanswered) lines.push(`${counted.unanswered} request${counted.unanswered === 1 ? '' : 's'} that got no response (blocked or cancelled)`);
  return lines;
}

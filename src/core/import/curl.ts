// `loadlens import curl`: one curl command line (bash or Windows cmd quoting, as browsers copy
// it) becomes a one-request scenario that sends what curl would send: the same method, URL,
// headers and body bytes. Options that shape only curl's own output are skipped; every other
// option the import cannot carry is named in the scenario and on standard error.

import { curlEscape, FLAG_OPTIONS, HARMLESS_FLAGS, SKIPPED_VALUE_OPTIONS, VALUE_OPTIONS } from './curl-options';
import { DEFAULT_LOAD_DIRECTIVES, DEFAULT_THINK, runHint, secondsAsDuration } from './defaults';
import { chooseHost, originOf, requestUrl } from './hosts';
import { emptyDraft, ImportError, type DraftHeader, type DraftRequest, type ImportOutput, type ScenarioDraft } from './model';
import { fileContentType, multipartBody, MULTIPART_BOUNDARY, type FormPart } from './multipart';
import { isSecretHeader, secretReference } from './secrets';
import { splitCommandLine } from './shell-words';
import { literal } from './template-text';
import { isSendableMethod, writeScenario } from './write-scenario';

export interface CurlImportOptions {
  /** `--host URL`: the scenario's host instead of the command's own origin. */
  host?: string;
  /** Side files are named `${sideFilePrefix}.body-N.ext`. */
  sideFilePrefix: string;
  /** Reads a file the command names (`-d @file`, `-F f=@file`, `-T file`); undefined when it cannot. */
  readFile(path: string): Uint8Array | undefined;
}

interface Parsed {
  method?: string;
  urls: string[];
  headers: DraftHeader[];
  data: Array<{ kind: string; value: string }>;
  form: Array<{ value: string; literalOnly: boolean }>;
  flags: Set<string>;
  user?: string;
  cookies: string[];
  bearer?: string;
  maxTime?: string;
  uploadFile?: string;
  notes: string[];
}

const encoder = new TextEncoder();

function parseWords(words: readonly string[]): Parsed {
  const parsed: Parsed = { urls: [], headers: [], data: [], form: [], flags: new Set(), cookies: [], notes: [] };
  let index = 0;
  const apply = (key: string, value: string): void => {
    switch (key) {
      case 'request': parsed.method = value; break;
      case 'header': addHeader(parsed, value); break;
      case 'data': case 'data-raw': case 'data-binary': case 'data-urlencode': case 'json':
        parsed.data.push({ kind: key, value });
        break;
      case 'form': parsed.form.push({ value, literalOnly: false }); break;
      case 'form-string': parsed.form.push({ value, literalOnly: true }); break;
      case 'user': parsed.user = value; break;
      case 'cookie': parsed.cookies.push(value); break;
      case 'user-agent': parsed.headers.push({ name: 'User-Agent', value }); break;
      case 'referer': parsed.headers.push({ name: 'Referer', value: value.replace(/;auto$/, '') }); break;
      case 'url': parsed.urls.push(value); break;
      case 'max-time': parsed.maxTime = value; break;
      case 'oauth2-bearer': parsed.bearer = value; break;
      case 'upload-file': parsed.uploadFile = value; break;
    }
  };
  for (index = 0; index < words.length; index++) {
    const word = words[index] as string;
    const next = (): string => {
      const value = words[index + 1];
      if (value === undefined) throw new ImportError(`curl option ${word} needs a value, and the command ends after it`);
      index++;
      return value;
    };
    if (word === '--') {
      parsed.urls.push(...words.slice(index + 1));
      break;
    }
    if (word.startsWith('--')) {
      const key = VALUE_OPTIONS[word];
      if (key) apply(key, next());
      else if (FLAG_OPTIONS[word]) parsed.flags.add(FLAG_OPTIONS[word]);
      else if (SKIPPED_VALUE_OPTIONS.has(word)) next();
      else if (!HARMLESS_FLAGS.has(word) && !word.startsWith('--no-')) parsed.notes.push(`curl option ${word}`);
    } else if (word.startsWith('-') && word.length > 1) {
      // Short options may be grouped (`-sSL`) and a value may be glued on (`-XPOST`, `-H'a: b'`).
      for (let at = 1; at < word.length; at++) {
        const short = `-${word[at]}`;
        const key = VALUE_OPTIONS[short];
        const glued = word.slice(at + 1);
        if (key || SKIPPED_VALUE_OPTIONS.has(short)) {
          const value = glued !== '' ? glued : next();
          if (key) apply(key, value);
          break;
        }
        if (FLAG_OPTIONS[short]) parsed.flags.add(FLAG_OPTIONS[short]);
        else if (!HARMLESS_FLAGS.has(short)) parsed.notes.push(`curl option ${short}`);
      }
    } else {
      parsed.urls.push(word);
    }
  }
  return parsed;
}

function addHeader(parsed: Parsed, line: string): void {
  if (line.startsWith('@')) {
    parsed.notes.push(`headers read from the file ${line.slice(1)} (-H @file)`);
    return;
  }
  const colon = line.indexOf(':');
  const semicolon = line.indexOf(';');
  if (colon < 0 && semicolon > 0 && line.slice(semicolon + 1).trim() === '') {
    // `-H 'X-Empty;'` sends the header with an empty value.
    parsed.headers.push({ name: line.slice(0, semicolon).trim(), value: '' });
  } else if (colon > 0) {
    const value = line.slice(colon + 1).trim();
    // `-H 'Accept:'` removes one of curl's own headers: there is nothing to send.
    if (value !== '') parsed.headers.push({ name: line.slice(0, colon).trim(), value });
  } else {
    parsed.notes.push(`the header ${JSON.stringify(line)} (no Name: value)`);
  }
}

function fileBytes(options: Pick<CurlImportOptions, 'readFile'>, path: string, notes: string[], what: string): Uint8Array | undefined {
  if (path === '-') {
    notes.push(`${what} from standard input (@-)`);
    return undefined;
  }
  const bytes = options.readFile(path);
  if (!bytes) notes.push(`${what} from ${path}: the file cannot be read here`);
  return bytes;
}

/** The bytes of every `-d`/`--data*` option, joined with `&` as curl does. */
function dataPieces(parsed: Parsed, options: Pick<CurlImportOptions, 'readFile'>): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  for (const { kind, value } of parsed.data) {
    if (kind === 'data-urlencode') {
      const at = value.indexOf('@');
      const eq = value.indexOf('=');
      if (at >= 0 && (eq < 0 || at < eq)) {
        const bytes = fileBytes(options, value.slice(at + 1), parsed.notes, '--data-urlencode data');
        if (bytes) pieces.push(encoder.encode(`${at > 0 ? `${value.slice(0, at)}=` : ''}${curlEscape(new TextDecoder().decode(bytes))}`));
      } else {
        pieces.push(encoder.encode(eq < 0 ? curlEscape(value) : `${eq > 0 ? `${value.slice(0, eq)}=` : ''}${curlEscape(value.slice(eq + 1))}`));
      }
    } else if (kind !== 'data-raw' && value.startsWith('@')) {
      const bytes = fileBytes(options, value.slice(1), parsed.notes, `${kind === 'data' ? '-d' : `--${kind}`} data`);
      // -d strips carriage returns and newlines from a file; --data-binary and --json keep every byte.
      if (bytes) pieces.push(kind === 'data' ? bytes.filter((byte) => byte !== 10 && byte !== 13) : bytes);
    } else {
      pieces.push(encoder.encode(value));
    }
  }
  return pieces;
}

function join(pieces: readonly Uint8Array[], separator: number): Uint8Array {
  const out: number[] = [];
  pieces.forEach((piece, index) => {
    if (index > 0) out.push(separator);
    out.push(...piece);
  });
  return Uint8Array.from(out);
}

function formParts(parsed: Parsed, options: Pick<CurlImportOptions, 'readFile'>): FormPart[] {
  const parts: FormPart[] = [];
  for (const { value, literalOnly } of parsed.form) {
    const eq = value.indexOf('=');
    if (eq <= 0) {
      parsed.notes.push(`the form field ${JSON.stringify(value)} (no name=value)`);
      continue;
    }
    const name = value.slice(0, eq);
    let content = value.slice(eq + 1);
    if (literalOnly || !(content.startsWith('@') || content.startsWith('<'))) {
      parts.push({ name, bytes: encoder.encode(content) });
      continue;
    }
    // `name=@file;type=text/csv;filename=x.csv` uploads a file; `name=<file` sends its text as the value.
    const asFile = content.startsWith('@');
    content = content.slice(1);
    const [path = '', ...attributes] = content.split(';');
    const attribute = (key: string) => attributes.find((item) => item.trim().startsWith(`${key}=`))?.split('=').slice(1).join('=').trim();
    const bytes = fileBytes(options, path, parsed.notes, `the form field ${name}`);
    if (!bytes) continue;
    if (!asFile) {
      parts.push({ name, bytes });
      continue;
    }
    const filename = attribute('filename') ?? path.split(/[\\/]/).pop() ?? path;
    parts.push({ name, filename, contentType: attribute('type') ?? fileContentType(filename), bytes });
  }
  return parts;
}

function hasHeader(headers: readonly DraftHeader[], name: string): boolean {
  return headers.some((header) => header.name.toLowerCase() === name.toLowerCase());
}

function decodeText(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** `command` is one command line, or words a shell has already split. */
export function importCurl(command: string | readonly string[], options: CurlImportOptions): ImportOutput {
  return writeScenario(curlDraft(command, options), options.sideFilePrefix);
}

/** The draft of the one-request scenario a curl command becomes (importCurl writes it; Paste cURL writes its request). */
export function curlDraft(command: string | readonly string[], options: Omit<CurlImportOptions, 'sideFilePrefix'>): ScenarioDraft {
  const split = typeof command === 'string' ? splitCommandLine(command.trim()) : { words: [...command], shell: 'bash' as const, ignored: undefined };
  let words = split.words;
  if (words.length === 0) throw new ImportError('the curl command is empty: paste a command such as curl https://example.com/api');
  if (/^curl(\.exe)?$/i.test((words[0] ?? '').split(/[\\/]/).pop() ?? '')) words = words.slice(1);
  const parsed = parseWords(words);
  if (split.ignored) parsed.notes.push(`the rest of the command line after the curl command: ${split.ignored}`);
  const [rawUrl, ...moreUrls] = parsed.urls;
  if (rawUrl === undefined) throw new ImportError('the curl command has no URL: give one, e.g. curl https://example.com/api');
  for (const extra of moreUrls) parsed.notes.push(`a second URL, ${extra} (one request per import)`);

  let url = /^[a-z][a-z0-9+.-]*:\/\//i.test(rawUrl) ? rawUrl : `http://${rawUrl}`;
  const draft = emptyDraft([...runHint('curl'), `The command was copied from ${split.shell === 'cmd' ? 'Windows cmd' : 'a POSIX shell'}.`]);
  draft.directives.push(...DEFAULT_LOAD_DIRECTIVES, DEFAULT_THINK);
  const origin = originOf(url);
  chooseHost(draft, origin, options.host);

  const headers: DraftHeader[] = [];
  let body: DraftRequest['body'];
  const hasData = parsed.data.length > 0;
  const data = hasData ? join(dataPieces(parsed, options), 0x26) : undefined;
  let method = parsed.method ?? (parsed.flags.has('head') ? 'HEAD' : parsed.uploadFile ? 'PUT' : (hasData && !parsed.flags.has('get')) || parsed.form.length ? 'POST' : 'GET');
  if (data && parsed.flags.has('get')) {
    url += `${url.includes('?') ? '&' : '?'}${new TextDecoder().decode(data)}`;
    if (!parsed.method) method = 'GET';
  } else if (data) {
    const text = decodeText(data);
    body = text !== undefined ? { kind: 'text', text: literal(text) } : { kind: 'bytes', bytes: data, extension: 'bin' };
    const json = parsed.data.some((piece) => piece.kind === 'json');
    if (!hasHeader(parsed.headers, 'content-type')) headers.push({ name: 'Content-Type', value: json ? 'application/json' : 'application/x-www-form-urlencoded' });
    if (json && !hasHeader(parsed.headers, 'accept')) headers.push({ name: 'Accept', value: 'application/json' });
  }
  if (parsed.form.length) {
    body = { kind: 'bytes', bytes: multipartBody(formParts(parsed, options)), extension: 'multipart' };
    parsed.headers = parsed.headers.filter((header) => header.name.toLowerCase() !== 'content-type');
    headers.push({ name: 'Content-Type', value: `multipart/form-data; boundary=${MULTIPART_BOUNDARY}` });
  }
  if (parsed.uploadFile) {
    const bytes = fileBytes(options, parsed.uploadFile, parsed.notes, 'the upload (-T)');
    if (bytes) body = { kind: 'bytes', bytes, extension: 'bin' };
    if (url.endsWith('/')) url += parsed.uploadFile.split(/[\\/]/).pop() ?? '';
  }
  if (parsed.user !== undefined) {
    const userName = parsed.user.split(':')[0] ?? '';
    const value = secretReference(draft, 'Authorization', `"Basic " and the base64 of ${userName}:PASSWORD, as curl -u sends it`);
    headers.push({ name: 'Authorization', value });
  }
  if (parsed.bearer !== undefined) headers.push({ name: 'Authorization', value: secretReference(draft, 'Authorization', '"Bearer " and the token') });
  if (parsed.flags.has('compressed') && !hasHeader(parsed.headers, 'accept-encoding')) {
    headers.push({ name: 'Accept-Encoding', value: 'deflate, gzip, br, zstd' });
  }
  // A header the command sets itself replaces the one curl would add (-u, --json, --compressed).
  const own = new Set(parsed.headers.map((header) => header.name.toLowerCase()));
  const added = headers.filter((header) => !own.has(header.name.toLowerCase()));
  headers.length = 0;
  headers.push(...added);
  for (const header of parsed.headers) {
    if (header.name.toLowerCase() === 'content-length') {
      parsed.notes.push('the Content-Length header (Loadlens sets it from the body)');
    } else {
      headers.push({ name: header.name, value: isSecretHeader(header.name) ? secretReference(draft, header.name) : literal(header.value) });
    }
  }
  for (const cookie of parsed.cookies) {
    if (cookie.includes('=')) headers.push({ name: 'Cookie', value: secretReference(draft, 'Cookie') });
    else parsed.notes.push(`cookies read from the file ${cookie} (-b FILE)`);
  }

  if (!isSendableMethod(method)) throw new ImportError(`${JSON.stringify(method)} (-X) is not an HTTP method: write e.g. -X POST`);
  const directives: string[] = [];
  if (parsed.maxTime !== undefined) {
    const seconds = Number(parsed.maxTime);
    if (Number.isFinite(seconds) && seconds > 0) directives.push(`@timeout ${secondsAsDuration(seconds)}`);
  }
  if (parsed.flags.has('insecure')) parsed.notes.push('-k (certificates not checked): run with loadlens run --insecure');
  const notes = [...parsed.notes];
  const request: DraftRequest = { method: method.toUpperCase(), url: requestUrl(draft, url, origin, notes), headers, directives, notes };
  if (body) request.body = body;
  draft.requests.push(request);
  return draft;
}

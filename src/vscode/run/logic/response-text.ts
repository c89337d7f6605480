// The read-only document "Send Request" opens beside the scenario: a summary line, the status
// line, the headers and the body (JSON pretty-printed), as REST Client shows a response.
import { formatCount, formatMs } from '../../../core/present';
import { CAPTURE_BODY_LIMIT_BYTES } from '../../../engine/captures';

export interface ResponseView {
  title: string;
  method: string;
  url: string;
  status: number;
  statusText: string;
  httpVersion: string;
  /** In the order received; names as sent by the server. */
  headers: Array<[string, string]>;
  /** The body as kept (its first CAPTURE_BODY_LIMIT_BYTES at most, src/engine/send-once.ts). */
  body: Uint8Array;
  /** The whole body's size, when more arrived than `body` holds; absent: `body` is all of it. */
  bodyBytes?: number;
  durationMs: number;
  /** Redirects followed to this answer (absent or 0: none), and the URL that gave it. */
  redirects?: number;
  finalUrl?: string;
}

function sizeOf(view: ResponseView): number {
  return Math.max(view.bodyBytes ?? 0, view.body.byteLength);
}

function isTextual(contentType: string): boolean {
  return /^text\/|[/+](json|xml|javascript|x-www-form-urlencoded|html|csv|yaml)\b/i.test(contentType) || contentType === '';
}

function bodyText(view: ResponseView): string {
  const contentType = view.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
  const size = sizeOf(view);
  if (size === 0) return '';
  if (!isTextual(contentType)) return `(${formatCount(size)} bytes of ${contentType || 'binary data'}, not shown)`;
  // A body is cut in the view where Send Request stopped keeping it (the request read it whole).
  const shown = view.body.subarray(0, CAPTURE_BODY_LIMIT_BYTES);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(shown);
  const cut = size > shown.byteLength ? `\n… (${formatCount(size - shown.byteLength)} more bytes not shown)` : '';
  if (/json/i.test(contentType) && !cut) {
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      // Not valid JSON after all: show it as it came.
    }
  }
  return text + cut;
}

export function responseDocumentText(view: ResponseView): string {
  const redirected = view.redirects ? ` · ${formatCount(view.redirects)} redirect${view.redirects === 1 ? '' : 's'} to ${view.finalUrl ?? '?'}` : '';
  const summary = `# ${view.title} · ${view.method} ${view.url}${redirected} · ${formatMs(view.durationMs)} · ${formatCount(sizeOf(view))} bytes`;
  const statusLine = `HTTP/${view.httpVersion} ${view.status} ${view.statusText}`.trimEnd();
  const headers = view.headers.map(([name, value]) => `${name}: ${value}`);
  const body = bodyText(view);
  return [summary, statusLine, ...headers, '', body].join('\n') + (body.endsWith('\n') ? '' : '\n');
}

/** The tab's name: `Response 200 · 23 ms`. */
export function responseTabTitle(view: Pick<ResponseView, 'status' | 'durationMs'>): string {
  return `Response ${view.status} · ${formatMs(view.durationMs)}`;
}

// The parts of HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) an import reads,
// checked on arrival: a recording is an untrusted file, and a malformed one is an ImportError
// that says where, never a crash.

import { ImportError } from './model';

export interface HarHeader {
  name: string;
  value: string;
}

export interface HarEntry {
  /** Position in the file, 0-based, for messages. */
  index: number;
  startedMs: number;
  /** Total time of the request in ms (HAR `time`). */
  timeMs: number;
  method: string;
  url: string;
  headers: HarHeader[];
  postData?: { mimeType: string; text?: string; params?: Array<{ name: string; value?: string; fileName?: string }> };
  status: number;
  redirectURL: string;
  responseMimeType: string;
  /** Chrome's `_resourceType`: document, xhr, fetch, script, image... */
  resourceType?: string;
}

export interface HarLog {
  entries: HarEntry[];
  pageTitles: string[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function headersOf(value: unknown): HarHeader[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isObject).map((header) => ({ name: text(header.name), value: text(header.value) }));
}

function readEntry(raw: unknown, index: number): HarEntry {
  const where = `log.entries[${index}]`;
  if (!isObject(raw) || !isObject(raw.request)) throw new ImportError(`${where} has no request object`);
  const request = raw.request;
  const response = isObject(raw.response) ? raw.response : {};
  const started = Date.parse(text(raw.startedDateTime));
  if (Number.isNaN(started)) throw new ImportError(`${where}.startedDateTime is not a date (${JSON.stringify(raw.startedDateTime)}); HAR 1.2 writes ISO 8601 times`);
  if (typeof request.url !== 'string' || typeof request.method !== 'string') throw new ImportError(`${where}.request needs a method and a url`);
  const entry: HarEntry = {
    index,
    startedMs: started,
    timeMs: typeof raw.time === 'number' && raw.time > 0 ? raw.time : 0,
    method: request.method,
    url: request.url,
    headers: headersOf(request.headers),
    status: typeof response.status === 'number' ? response.status : 0,
    redirectURL: text(response.redirectURL),
    responseMimeType: isObject(response.content) ? text(response.content.mimeType) : '',
  };
  if (typeof raw._resourceType === 'string') entry.resourceType = raw._resourceType;
  if (isObject(request.postData)) {
    const post = request.postData;
    entry.postData = { mimeType: text(post.mimeType) };
    if (typeof post.text === 'string') entry.postData.text = post.text;
    if (Array.isArray(post.params)) {
      entry.postData.params = post.params.filter(isObject).map((param) => ({ name: text(param.name), value: text(param.value), ...(typeof param.fileName === 'string' ? { fileName: param.fileName } : {}) }));
    }
  }
  return entry;
}

/** Reads a HAR document; entries come back in time order (a HAR need not be sorted). */
export function readHar(document: unknown): HarLog {
  if (!isObject(document) || !isObject(document.log)) throw new ImportError('not a HAR file: there is no "log" object (save it from the browser\'s network tab with "Save all as HAR")');
  const log = document.log;
  if (!Array.isArray(log.entries)) throw new ImportError('not a HAR file: "log" has no "entries" list');
  const entries = log.entries.map(readEntry).sort((a, b) => a.startedMs - b.startedMs || a.index - b.index);
  const pageTitles = Array.isArray(log.pages) ? log.pages.filter(isObject).map((page) => text(page.title)).filter((title) => title !== '') : [];
  return { entries, pageTitles };
}

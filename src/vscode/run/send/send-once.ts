// Sends one prepared request with undici and reads the whole response: what "Send Request"
// shows, and what later `{{name.response...}}` references of Send Request read.
import { STATUS_CODES } from 'node:http';
import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import { StoredResponse } from '../../../engine/captures';
import { errorCodeOf } from '../../../engine/failure-text';
import type { PreparedSend } from './prepare-request';

export interface SentExchange {
  status: number;
  statusText: string;
  headers: Array<[string, string]>;
  body: Uint8Array;
  durationMs: number;
  /** For later references to this request's response. */
  stored: StoredResponse;
}

/** A failure before any status arrived, in words that group as the run's failures do. */
export class SendFailedError extends Error {
  override readonly name = 'SendFailedError';
}

const CONNECTION_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused: is the server running and listening on that port?',
  ENOTFOUND: 'the host name could not be resolved',
  ECONNRESET: 'the server closed the connection',
  UND_ERR_HEADERS_TIMEOUT: 'timed out waiting for the response headers',
  UND_ERR_BODY_TIMEOUT: 'timed out reading the response body',
  UND_ERR_CONNECT_TIMEOUT: 'timed out connecting',
};

export async function sendOnce(prepared: PreparedSend, signal?: AbortSignal): Promise<SentExchange> {
  const started = performance.now();
  let response: Awaited<ReturnType<typeof request>>;
  let body: Uint8Array;
  try {
    response = await request(prepared.url, {
      method: prepared.method as 'GET',
      headers: prepared.headers,
      body: prepared.body,
      headersTimeout: prepared.timeoutMs,
      bodyTimeout: prepared.timeoutMs,
      signal,
    });
    body = new Uint8Array(await response.body.arrayBuffer());
  } catch (error) {
    const code = errorCodeOf(error);
    const words = (code && CONNECTION_ERRORS[code]) ?? (error instanceof Error ? error.message : String(error));
    throw new SendFailedError(`${prepared.method} ${prepared.url} failed${code ? ` (${code})` : ''}: ${words}`);
  }
  const durationMs = performance.now() - started;
  const headers: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(response.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.push([name, one]);
  }
  const rawHeaders = headers.flatMap(([name, value]) => [Buffer.from(name), Buffer.from(value)]);
  const stored = new StoredResponse(Buffer.from(body).toString('utf8'), rawHeaders);
  return { status: response.statusCode, statusText: STATUS_CODES[response.statusCode] ?? '', headers, body, durationMs, stored };
}

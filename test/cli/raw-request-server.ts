// A loopback server that keeps each request's bytes as they arrived on the socket, so that a test
// can compare what two clients (curl, Loadlens) put on the wire. It answers 200 and closes.

import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface RawRequest {
  method: string;
  target: string;
  /** [lower-cased name, value as sent] in arrival order. */
  headers: Array<[string, string]>;
  body: Buffer;
}

export interface RawRequestServer {
  url: string;
  requests: RawRequest[];
  /** Resolves with the first request received from now on. */
  next(): Promise<RawRequest>;
  close(): Promise<void>;
}

function decodeChunked(data: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) return undefined;
    const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (Number.isNaN(size)) return undefined;
    if (size === 0) return data.indexOf('\r\n\r\n', lineEnd) >= 0 || data.length >= lineEnd + 4 ? Buffer.concat(parts) : undefined;
    const start = lineEnd + 2;
    if (data.length < start + size + 2) return undefined;
    parts.push(data.subarray(start, start + size));
    at = start + size + 2;
  }
}

/** One complete request from the front of `data`, or undefined while more bytes are due. */
function readRequest(data: Buffer): RawRequest | undefined {
  const headEnd = data.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const [requestLine = '', ...lines] = data.subarray(0, headEnd).toString('latin1').split('\r\n');
  const [method = '', target = ''] = requestLine.split(' ');
  const headers = lines.map((line): [string, string] => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
  });
  const rest = data.subarray(headEnd + 4);
  const length = headers.find(([name]) => name === 'content-length');
  const chunked = headers.some(([name, value]) => name === 'transfer-encoding' && /chunked/i.test(value));
  let body: Buffer | undefined = Buffer.alloc(0);
  if (chunked) body = decodeChunked(rest);
  else if (length) body = rest.length >= Number(length[1]) ? rest.subarray(0, Number(length[1])) : undefined;
  return body ? { method, target, headers, body } : undefined;
}

export async function startRawRequestServer(): Promise<RawRequestServer> {
  const requests: RawRequest[] = [];
  const waiting: Array<(request: RawRequest) => void> = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let data = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      data = Buffer.concat([data, chunk]);
      const request = readRequest(data);
      if (!request) return;
      requests.push(request);
      for (const resolve of waiting.splice(0)) resolve(request);
      socket.end('HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
    });
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    next: () => new Promise((resolve) => waiting.push(resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

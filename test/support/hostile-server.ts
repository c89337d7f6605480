// A raw-socket HTTP server for the hostile-input suite: real sockets on 127.0.0.1:0, no node:http
// in the way, so it can answer as no well-behaved server would (answers nobody asked for, bodies
// that never end, broken status lines) and record the exact bytes each connection received.
// Requests are read with Node's own llhttp in strict mode: a request it cannot parse is recorded
// as malformed, so a test can assert that every request the engine counted arrived well-formed.

import { METHODS } from 'node:http';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { HTTPParser } from '_http_common';

export interface ReceivedRequest {
  method: string;
  /** The request target exactly as it arrived (latin1: one character per byte). */
  target: string;
  /** Names and values alternating, as they arrived. */
  headers: string[];
  body: Buffer;
  /** Which connection (in order of arrival) carried it. */
  connection: number;
}

/** Answers one request: write to the socket (or not), and keep it open or close it. */
export type Reply = (socket: Socket, request: ReceivedRequest) => void;

export interface HostileServer {
  url: string;
  port: number;
  /** Every request parsed, in order of arrival. */
  requests: ReceivedRequest[];
  /** The bytes each connection received, in order of connection. */
  received: Buffer[];
  /** Parse errors (llhttp codes) of connections that sent something that is not a request. */
  malformed: string[];
  connections(): number;
  close(): Promise<void>;
}

export async function startHostileServer(reply: Reply): Promise<HostileServer> {
  const requests: ReceivedRequest[] = [];
  const received: Buffer[] = [];
  const malformed: string[] = [];
  const sockets = new Set<Socket>();
  let count = 0;
  const server: Server = createServer((socket) => {
    const connection = count++;
    const chunks: Buffer[] = [];
    received.push(Buffer.alloc(0));
    sockets.add(socket);
    const parser = new HTTPParser();
    parser.initialize(HTTPParser.REQUEST, {}, 0, HTTPParser.kLenientNone);
    let headerParts: string[] = [];
    let urlParts = '';
    let current: ReceivedRequest | undefined;
    let body: Buffer[] = [];
    parser[HTTPParser.kOnHeaders] = (headers: string[], url: string) => {
      headerParts.push(...headers);
      urlParts += url;
    };
    // Called with (versionMajor, versionMinor, headers, method index, url, ...) for a request.
    parser[HTTPParser.kOnHeadersComplete] = (...args: unknown[]) => {
      const [, , headers, method, url] = args as [number, number, string[] | undefined, number, string | undefined];
      current = { method: METHODS[method] ?? String(method), target: url ?? urlParts, headers: headers ?? headerParts, body: Buffer.alloc(0), connection };
      headerParts = [];
      urlParts = '';
      body = [];
      return 0;
    };
    parser[HTTPParser.kOnBody] = (chunk: Buffer) => body.push(Buffer.from(chunk));
    parser[HTTPParser.kOnMessageComplete] = () => {
      if (!current) return;
      const request = current;
      current = undefined;
      request.body = Buffer.concat(body);
      requests.push(request);
      if (!socket.destroyed) reply(socket, request);
    };
    socket.on('data', (data: Buffer) => {
      chunks.push(data);
      received[connection] = Buffer.concat(chunks);
      if (socket.destroyed) return;
      const outcome = parser.execute(data);
      if (outcome instanceof Error) {
        malformed.push(String((outcome as NodeJS.ErrnoException).code));
        socket.destroy();
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    received,
    malformed,
    connections: () => count,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** `HTTP/1.1 200 OK` with a body and its length. */
export function answer(body: string | Buffer = 'ok', status = '200 OK', extraHeaders = ''): Buffer {
  const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return Buffer.concat([Buffer.from(`HTTP/1.1 ${status}\r\ncontent-length: ${payload.length}\r\n${extraHeaders}\r\n`, 'latin1'), payload]);
}

/** Hostile answers, by name. Each is a Reply. */
export const replies = {
  ok: ((socket) => socket.write(answer())) as Reply,
  /** The answer, then a second one nobody asked for, 2 ms later on the (idle) connection. */
  unsolicitedLater: ((socket, request) => {
    socket.write(answer(`for ${request.target}`));
    setTimeout(() => {
      if (!socket.destroyed) socket.write(answer('unsolicited'));
    }, 2);
  }) as Reply,
  /** The answer and a second one in the same write. */
  doubleAnswer: ((socket, request) => socket.write(Buffer.concat([answer(`for ${request.target}`), answer('extra')]))) as Reply,
  /** Announces 100 bytes, sends 5, closes. */
  midBodyClose: ((socket) => socket.end('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nshort')) as Reply,
  /** A valid answer, one byte every 50 ms: it takes seconds. */
  dribble: ((socket) => {
    const bytes = answer('x'.repeat(200));
    let at = 0;
    const timer = setInterval(() => {
      if (socket.destroyed || at >= bytes.length) clearInterval(timer);
      else socket.write(bytes.subarray(at, ++at));
    }, 50);
    socket.on('close', () => clearInterval(timer));
  }) as Reply,
  /** A chunked body that never ends, written as fast as the client reads it. */
  infiniteChunked: ((socket) => {
    socket.write('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n');
    const chunk = Buffer.concat([Buffer.from('10000\r\n'), Buffer.alloc(0x10000, 0x61), Buffer.from('\r\n')]);
    const pump = (): void => {
      while (!socket.destroyed && socket.write(chunk));
    };
    socket.on('drain', pump);
    pump();
  }) as Reply,
  /** One header line of 1 MiB. */
  hugeHeader: ((socket) => socket.write(`HTTP/1.1 200 OK\r\nx-huge: ${'h'.repeat(1 << 20)}\r\ncontent-length: 2\r\n\r\nok`)) as Reply,
  /** 20,000 small headers. */
  manyHeaders: ((socket) => {
    let head = 'HTTP/1.1 200 OK\r\n';
    for (let i = 0; i < 20_000; i++) head += `x-h${i}: v\r\n`;
    socket.write(`${head}content-length: 2\r\n\r\nok`);
  }) as Reply,
  status000: ((socket) => socket.write('HTTP/1.1 000 Nothing\r\ncontent-length: 2\r\n\r\nok')) as Reply,
  statusGarbage: ((socket) => socket.write('HTTP/1.1 2x0 OK\r\ncontent-length: 2\r\n\r\nok')) as Reply,
  statusFourDigits: ((socket) => socket.write('HTTP/1.1 2000 OK\r\ncontent-length: 2\r\n\r\nok')) as Reply,
  notHttp: ((socket) => socket.write('SSH-2.0-OpenSSH_9.6\r\n')) as Reply,
};

/** A CSV file with every cell quoted, so that a cell may hold anything: commas, quotes, CR, LF. */
export function csv(rows: string[][]): string {
  return rows.map((row) => row.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(',')).join('\r\n') + '\r\n';
}

/** A received request's header value by name (any case); undefined when it has none. */
export function headerOf(request: ReceivedRequest, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (let i = 0; i + 1 < request.headers.length; i += 2) if (request.headers[i]?.toLowerCase() === lower) return request.headers[i + 1];
  return undefined;
}

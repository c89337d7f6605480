// TLS servers on loopback for the HTTP/2 tests (engine and CLI): a self-signed certificate made
// once per test process, an HTTP/2 server that also takes HTTP/1.1 (as most gateways), and a
// server that speaks only HTTP/1.1 over TLS.
import { createSecureServer, type Http2SecureServer, type IncomingHttpHeaders, type ServerHttp2Session, type ServerHttp2Stream } from 'node:http2';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo, Server as NetServer, Socket } from 'node:net';
import { generate } from 'selfsigned';

export interface Certificate {
  key: string;
  cert: string;
}

let made: Promise<Certificate> | undefined;

/**
 * A fresh self-signed certificate for localhost and 127.0.0.1. Made with selfsigned (on
 * node:crypto's WebCrypto and @peculiar/x509): node:crypto itself makes keys but no X.509
 * certificate, and one made here cannot expire in the repository as a checked-in one would.
 */
export function selfSignedCertificate(): Promise<Certificate> {
  made ??= generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
  }).then((pems) => ({ key: pems.private, cert: pems.cert }));
  return made;
}

export interface H2Server {
  port: number;
  /** HTTP versions the server saw (`2.0`, `1.1`), by request path. */
  seen: Map<string, Set<string>>;
  /** Open HTTP/2 sessions. */
  sessions: Set<ServerHttp2Session>;
  close(): Promise<void>;
}

/** Every TCP connection the server accepted and that is still open. */
function trackSockets(server: NetServer): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return sockets;
}

function note(seen: Map<string, Set<string>>, path: string, version: string): void {
  let versions = seen.get(path);
  if (!versions) seen.set(path, (versions = new Set()));
  versions.add(version);
}

/** `http2.createSecureServer` with `allowHTTP1`: h2 streams go to `onStream`, HTTP/1.1 requests get `h1body`. */
export async function startH2Server(
  onStream: (stream: ServerHttp2Stream, path: string, count: number, headers: IncomingHttpHeaders) => void,
  h1body = 'one',
): Promise<H2Server> {
  const seen = new Map<string, Set<string>>();
  const sessions = new Set<ServerHttp2Session>();
  let count = 0;
  const server: Http2SecureServer = createSecureServer({ ...(await selfSignedCertificate()), allowHTTP1: true });
  const sockets = trackSockets(server);
  server.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
    session.on('error', () => undefined);
  });
  server.on('stream', (stream, headers) => {
    const path = String(headers[':path']);
    note(seen, path, '2.0');
    stream.on('error', () => undefined);
    onStream(stream, path, ++count, headers);
  });
  // HTTP/1.1 clients arrive as 'request' only (h2 ones as 'stream' and 'request': skipped here).
  server.on('request', (req, res) => {
    if (req.httpVersion === '2.0') return;
    note(seen, req.url ?? '/', req.httpVersion);
    res.end(h1body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    port: (server.address() as AddressInfo).port,
    seen,
    sessions,
    close: () =>
      new Promise<void>((done) => {
        for (const session of sessions) session.destroy();
        // Also the connections that are no session (yet): one mid-handshake would hold close() open.
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}

/** An https server that offers no h2 (HTTP/1.1 only): answers `body`, counts requests. */
export async function startHttp1TlsServer(body: string): Promise<{ port: number; hits(): number; close(): Promise<void> }> {
  let hits = 0;
  const server: HttpsServer = createHttpsServer(await selfSignedCertificate(), (_req, res) => {
    hits++;
    res.end(body);
  });
  const sockets = trackSockets(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    port: (server.address() as AddressInfo).port,
    hits: () => hits,
    close: () => {
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((done) => server.close(() => done()));
    },
  };
}

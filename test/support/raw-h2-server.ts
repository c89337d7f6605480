// An HTTP/2 server over TLS (ALPN h2) that writes its answer's frames itself, for answers
// node:http2 refuses to send (`stream.respond({ ':status': 0 })` throws ERR_HTTP2_STATUS_INVALID),
// such as `:status: 000`. It answers every request (HEADERS frame) with one HEADERS frame that
// ends the stream; it reads no body and keeps no flow control beyond that.
import { createServer, type Server, type TLSSocket } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { selfSignedCertificate } from './tls-servers';

/** RFC 9113: the client's preface, the frame header, and the frame types and flags used here. */
const H2 = { prefaceLength: 24, frameHeaderLength: 9, headers: 0x1, settings: 0x4, ack: 0x1, endStream: 0x1, endHeaders: 0x4 } as const;
/** HPACK static table index of the name `:status` (RFC 7541, appendix A). */
const STATUS_NAME_INDEX = 8;

function frame(type: number, flags: number, streamId: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(H2.frameHeaderLength);
  head.writeUIntBE(payload.length, 0, 3);
  head[3] = type;
  head[4] = flags;
  head.writeUInt32BE(streamId & 0x7fffffff, 5);
  return Buffer.concat([head, payload]);
}

/** `:status` as a literal header field without indexing, its name from the static table (RFC 7541, 6.2.2). */
function statusBlock(status: string): Buffer {
  return Buffer.concat([Buffer.from([STATUS_NAME_INDEX, status.length]), Buffer.from(status, 'latin1')]);
}

export interface RawH2Server {
  port: number;
  /** HEADERS frames (requests) received. */
  requests(): number;
  close(): Promise<void>;
}

/** Answers every request with `:status` exactly as given (e.g. `000`), no body. */
export async function startRawStatusH2Server(status: string): Promise<RawH2Server> {
  const { key, cert } = await selfSignedCertificate();
  let requests = 0;
  const sockets = new Set<TLSSocket>();
  const server: Server = createServer({ key, cert, ALPNProtocols: ['h2'] }, (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.write(frame(H2.settings, 0, 0, Buffer.alloc(0)));
    let pending = Buffer.alloc(0);
    let prefaceRead = false;
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      if (!prefaceRead) {
        if (pending.length < H2.prefaceLength) return;
        pending = pending.subarray(H2.prefaceLength);
        prefaceRead = true;
      }
      while (pending.length >= H2.frameHeaderLength) {
        const length = pending.readUIntBE(0, 3);
        if (pending.length < H2.frameHeaderLength + length) return;
        const type = pending[3] as number;
        const flags = pending[4] as number;
        const streamId = pending.readUInt32BE(5) & 0x7fffffff;
        pending = pending.subarray(H2.frameHeaderLength + length);
        if (type === H2.settings && (flags & H2.ack) === 0) socket.write(frame(H2.settings, H2.ack, 0, Buffer.alloc(0)));
        if (type === H2.headers) {
          requests++;
          socket.write(frame(H2.headers, H2.endHeaders | H2.endStream, streamId, statusBlock(status)));
        }
      }
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    port: (server.address() as AddressInfo).port,
    requests: () => requests,
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}

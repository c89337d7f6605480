// A target server on one loopback address (port 0) that counts the requests it gets per path.
import { createServer } from 'node:http';

export interface CountingServer {
  port: number;
  count(path: string): number;
  total(): number;
  close(): Promise<void>;
}

export async function countingServer(address: '127.0.0.1' | '::1'): Promise<CountingServer> {
  const counts = new Map<string, number>();
  const server = createServer((request, response) => {
    const path = request.url ?? '';
    counts.set(path, (counts.get(path) ?? 0) + 1);
    response.end('ok');
  });
  await new Promise<void>((listening, failed) => {
    server.once('error', failed);
    server.listen(0, address, listening);
  });
  const { port } = server.address() as { port: number };
  return {
    port,
    count: (path) => counts.get(path) ?? 0,
    total: () => [...counts.values()].reduce((sum, count) => sum + count, 0),
    close: () => new Promise<void>((closed) => {
      server.closeAllConnections();
      server.close(() => closed());
    }),
  };
}

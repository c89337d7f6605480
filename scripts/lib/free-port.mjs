// A free high port on loopback, for servers that cannot listen on port 0 and report it (nginx,
// code-server): listen on port 0, read the port, close. Used by the VS Code test runner and bench/.
import { createServer } from 'node:net';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// The targets, pinned to the target core: nginx (one worker, tiny response, no access log,
// keep-alive without a request limit) and the Node truth-check servers.

import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { freePort } from '../../scripts/lib/free-port.mjs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { killGroup, startPinned } from './processes.mjs';

const here = dirname(fileURLToPath(import.meta.url));

async function waitForPort(port, timeoutMs) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function nginxConfig(prefix, port) {
  return `daemon off;
master_process on;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 20000; multi_accept on; }
http {
  access_log off;
  keepalive_timeout 120s;
  keepalive_requests 1000000000;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  default_type text/plain;
  server {
    listen 127.0.0.1:${port} backlog=4096;
    location / { return 200 'ok'; }
  }
}
`;
}

/** Starts nginx on `core`; resolves with { url, pid, stop() }. */
export async function startNginx(core) {
  const prefix = mkdtempSync(join(tmpdir(), 'loadlens-bench-nginx-'));
  mkdirSync(join(prefix, 'body'));
  const port = await freePort();
  const configFile = join(prefix, 'nginx.conf');
  writeFileSync(configFile, nginxConfig(prefix, port));
  const { child, done } = startPinned(core, 'nginx', ['-p', prefix, '-c', configFile]);
  const failed = done.then((result) => {
    throw new Error(`nginx ended: ${result.stderr.trim()}`);
  });
  await Promise.race([waitForPort(port, 10_000), failed]);
  failed.catch(() => {});
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    async stop() {
      await killGroup(child);
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

/**
 * Starts bench/servers/truth-server.mjs on `core` with `args`; resolves with { url, pid, reset(),
 * report(), stop() }.
 */
export async function startTruthServer(core, args) {
  const { child, done } = startPinned(core, process.execPath, [join(here, '..', 'servers', 'truth-server.mjs'), ...args], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const reply = (type) =>
    new Promise((resolve, reject) => {
      const onMessage = (message) => {
        if (message?.type !== type) return;
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
      done.then(() => reject(new Error(`truth server ${args.join(' ')} ended early`)));
    });
  const { port } = await reply('listening');
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    async reset() {
      const answer = reply('reset-done');
      child.send({ type: 'reset' });
      await answer;
    },
    async report() {
      const answer = reply('report');
      child.send({ type: 'report' });
      return answer;
    },
    stop: () => killGroup(child),
  };
}

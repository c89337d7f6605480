// One code-server (its bundled VS Code server, run directly: the `code-server` wrapper rejects
// --enable-smoke-test-driver) per VS Code version, in its own process group: killing the server
// alone would leave its extension host alive for the reconnection grace period (hours).
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { freePort } from '../../lib/free-port.mjs';
import { join } from 'node:path';

const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'files.autoSave': 'off',
};

/** Paths of one installed code-server version (scripts/vscode-test/install.sh lays them out). */
export function installation(cacheDir, version) {
  const dir = join(cacheDir, `cs-${version}`);
  let nodeHome;
  try {
    nodeHome = readFileSync(join(dir, '.node-home'), 'utf8').trim();
  } catch {
    throw new Error(`code-server ${version} is not installed in ${dir}: run scripts/vscode-test/install.sh`);
  }
  const vscodeDir = join(dir, 'node_modules', 'code-server', 'lib', 'vscode');
  const product = JSON.parse(readFileSync(join(vscodeDir, 'package.json'), 'utf8'));
  return { version, vscodeVersion: product.version, node: join(nodeHome, 'bin', 'node'), serverMain: join(vscodeDir, 'out', 'server-main.js') };
}

function dataDirs(runDir) {
  return ['--user-data-dir', join(runDir, 'user-data'), '--server-data-dir', join(runDir, 'server-data'), '--extensions-dir', join(runDir, 'extensions')];
}

const serverEnv = () => ({ ...process.env, EXTENSIONS_GALLERY: '{}' });

export function prepareUserData(runDir) {
  mkdirSync(join(runDir, 'user-data', 'User'), { recursive: true });
  writeFileSync(join(runDir, 'user-data', 'User', 'settings.json'), JSON.stringify(SETTINGS, null, 2));
}

export function installVsix(install, runDir, vsix) {
  const result = spawnSync(install.node, [install.serverMain, ...dataDirs(runDir), '--install-extension', vsix], {
    env: serverEnv(),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 180_000,
  });
  if (result.status !== 0) throw new Error(`installing ${vsix} failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
}

/**
 * Starts the server in a new session (detached: the child calls setsid), so that one
 * `kill(-pid)` ends it with its extension host and every process they started.
 */
export async function startServer(install, runDir, { readyTimeoutMs = 120_000 } = {}) {
  const port = await freePort();
  const logFile = join(runDir, 'server.log');
  const log = openSync(logFile, 'w');
  const child = spawn(
    install.node,
    [install.serverMain, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token', '--accept-server-license-terms',
      '--enable-smoke-test-driver', '--disable-telemetry', '--disable-workspace-trust', ...dataDirs(runDir)],
    { detached: true, stdio: ['ignore', log, log], env: serverEnv() },
  );
  closeSync(log);
  const server = { port, pid: child.pid, logFile, exited: false };
  child.once('exit', () => { server.exited = true; });
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (server.exited) throw new Error(`the server exited before it was ready; ${logTail(logFile)}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      stopServer(server);
      throw new Error(`the server was not ready after ${readyTimeoutMs / 1000} s; ${logTail(logFile)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Kills the server's whole process group (synchronous, so signal handlers can call it). */
export function stopServer(server) {
  if (!server || server.stopped) return;
  server.stopped = true;
  try {
    process.kill(-server.pid, 'SIGKILL');
  } catch (error) {
    if (error.code !== 'ESRCH') throw error;
  }
}

export function logTail(file, lines = 30) {
  try {
    return `last lines of ${file}:\n${readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')}`;
  } catch {
    return `(no ${file})`;
  }
}

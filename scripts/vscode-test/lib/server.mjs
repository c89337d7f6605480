// One code-server (its bundled VS Code server, run directly: the `code-server` wrapper rejects
// --enable-smoke-test-driver) per VS Code version, in its own process group: killing the server
// alone would leave its extension host alive for the reconnection grace period (hours).
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { freePort } from '../../lib/free-port.mjs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/**
 * The workspace-trust server (for e2e modules that export `workspaceTrust = true`): trust on, and
 * deterministic: no startup prompt (a folder nobody trusted opens in Restricted Mode), the
 * Restricted Mode banner always shown.
 */
const TRUST_SETTINGS = {
  ...SETTINGS,
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'always',
  'security.workspace.trust.emptyWindow': false,
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

/** The workspace-trust server has its own settings, state and installed extension (its engine is guarded). */
function dataDirs(runDir, { workspaceTrust = false } = {}) {
  const suffix = workspaceTrust ? '-trust' : '';
  return ['--user-data-dir', join(runDir, `user-data${suffix}`), '--server-data-dir', join(runDir, `server-data${suffix}`),
    '--extensions-dir', join(runDir, `extensions${suffix}`)];
}

const serverEnv = () => ({ ...process.env, EXTENSIONS_GALLERY: '{}' });

/** Names the engine's DNS guard refused (one a line; lib/dns-guard.cjs), printed by the runner. */
export function dnsGuardLog(runDir) {
  return join(runDir, 'dns-guard.log');
}

export function prepareUserData(runDir, { workspaceTrust = false } = {}) {
  const userDir = join(runDir, workspaceTrust ? 'user-data-trust' : 'user-data', 'User');
  mkdirSync(userDir, { recursive: true });
  writeFileSync(join(userDir, 'settings.json'), JSON.stringify(workspaceTrust ? TRUST_SETTINGS : SETTINGS, null, 2));
}

export function installVsix(install, runDir, vsix, { workspaceTrust = false } = {}) {
  const result = spawnSync(install.node, [install.serverMain, ...dataDirs(runDir, { workspaceTrust }), '--install-extension', vsix], {
    env: serverEnv(),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 180_000,
  });
  if (result.status !== 0) throw new Error(`installing ${vsix} failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
}

/**
 * Everything the workspace-trust server needs: its settings, the .vsix installed in its own
 * extensions folder, and that installed engine made unable to resolve any name but localhost.
 * Its checks answer Cancel to a run against staging.loadlens.invalid; should a regression start
 * that run anyway, the engine's lookups fail in lib/dns-guard.cjs before a DNS query leaves the
 * machine. (NODE_OPTIONS cannot carry the guard: the server strips it from the extension host's
 * environment, and the host forks the engine with its own environment.)
 */
export function prepareTrustServer(install, runDir, vsix) {
  prepareUserData(runDir, { workspaceTrust: true });
  installVsix(install, runDir, vsix, { workspaceTrust: true });
  const extensions = join(runDir, 'extensions-trust');
  const installed = readdirSync(extensions).filter((name) => /^[^.]+\.loadlens-/.test(name));
  if (installed.length !== 1) throw new Error(`expected one installed Loadlens in ${extensions}, found: ${installed.join(', ') || 'none'}`);
  const guard = `require(${JSON.stringify(fileURLToPath(new URL('./dns-guard.cjs', import.meta.url)))});\n`;
  for (const entry of ['engine.js', 'engine-worker.js']) {
    const file = join(extensions, installed[0], 'dist', entry);
    const code = readFileSync(file, 'utf8');
    // After the bundle's "use strict" directive, which must stay its first statement.
    const directive = /^"use strict";\n/.exec(code)?.[0] ?? '';
    writeFileSync(file, directive + guard + code.slice(directive.length));
  }
}

/**
 * Starts the server in a new session (detached: the child calls setsid), so that one
 * `kill(-pid)` ends it with its extension host and every process they started.
 * `workspaceTrust`: without --disable-workspace-trust, with its own user data (prepareUserData),
 * and without --enable-smoke-test-driver, under which the workbench refuses every dialog ("refused
 * to show dialog in tests"), the confirmation before a non-loopback run included; that server
 * serves the e2e checks only (the integration payload on 1.139 needs the flag).
 */
export async function startServer(install, runDir, { readyTimeoutMs = 120_000, workspaceTrust = false } = {}) {
  const port = await freePort();
  const logFile = join(runDir, workspaceTrust ? 'server-trust.log' : 'server.log');
  const log = openSync(logFile, 'w');
  const child = spawn(
    install.node,
    [install.serverMain, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token', '--accept-server-license-terms',
      '--disable-telemetry', ...(workspaceTrust ? [] : ['--enable-smoke-test-driver', '--disable-workspace-trust']), ...dataDirs(runDir, { workspaceTrust })],
    { detached: true, stdio: ['ignore', log, log], env: workspaceTrust ? { ...serverEnv(), LOADLENS_DNS_GUARD_LOG: dnsGuardLog(runDir) } : serverEnv() },
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

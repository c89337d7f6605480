// Runs the extension's VS Code suites inside real VS Code builds (code-server's bundled server,
// driven through Debian chromium), once per version:
//   1. test/integration (mocha, inside the extension host, extension loaded from this folder);
//   2. test/e2e (Playwright through the workbench UI, with the packaged .vsix installed).
// Ends with one line `N passed, N failed` and exit code 1 when anything failed.
//
// Usage (after scripts/vscode-test/install.sh):
//   node scripts/vscode-test/run.mjs [--version 4.100.3]... [--suite integration|e2e]
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { closeBrowser, killBrowser, launchBrowser } from './lib/browser.mjs';
import { runE2eSuites } from './lib/e2e.mjs';
import { runIntegrationSuite } from './lib/integration.mjs';
import { buildAll, packageVsix, unshippableFiles } from './lib/prepare.mjs';
import { acquireRunLock } from './lib/run-lock.mjs';
import { dnsGuardLog, installVsix, installation, logTail, prepareTrustServer, prepareUserData, startServer, stopServer } from './lib/server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cacheDir = process.env.LOADLENS_VSCODE_CACHE ?? join(root, '.vscode-test');
const SUITE_TIMEOUT_MS = 15 * 60_000;
const E2E_TEST_TIMEOUT_MS = 120_000;

const { values: options } = parseArgs({
  options: {
    version: { type: 'string', multiple: true },
    suite: { type: 'string', multiple: true },
    keep: { type: 'boolean', default: false },
  },
});
const versions = options.version ?? knownVersions();
const suites = options.suite ?? ['integration', 'e2e'];

/** What must die if this process is interrupted: server groups, browsers, temp folders. */
const live = { servers: new Set(), browsers: new Set(), dirs: new Set() };
function cleanUpNow() {
  for (const browser of live.browsers) killBrowser(browser);
  for (const server of live.servers) stopServer(server);
  if (!options.keep) for (const dir of live.dirs) rmSync(dir, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.log(`\n${signal}: stopping servers and browsers`);
    cleanUpNow();
    process.exit(130);
  });
}

function knownVersions() {
  const text = readFileSync(join(root, 'scripts', 'vscode-test', 'versions.sh'), 'utf8');
  return ['CS_OLD_VERSION', 'CS_NEW_VERSION'].map((name) => new RegExp(`^${name}=(\\S+)`, 'm').exec(text)?.[1]).filter(Boolean);
}

function print(text) {
  console.log(text);
}

/** Runs one version's suites; every failure to get as far as a test counts as a failed test. */
async function runVersion(version, { vsix, e2eModules }) {
  const results = [];
  const install = installation(cacheDir, version);
  print(`\n=== code-server ${version} (VS Code ${install.vscodeVersion}, ${install.node}) ===`);
  const runDir = mkdtempSync(join(tmpdir(), `loadlens-vscode-${version}-`));
  live.dirs.add(runDir);
  let server;
  let browserHandle;
  try {
    prepareUserData(runDir);
    if (suites.includes('e2e')) installVsix(install, runDir, vsix);
    server = await startServer(install, runDir);
    live.servers.add(server);
    print(`server on 127.0.0.1:${server.port}, process group ${server.pid}`);
    browserHandle = await launchBrowser();
    live.browsers.add(browserHandle);
    const workspaceCopy = (name) => {
      const dir = join(runDir, name);
      cpSync(join(root, 'test', 'fixtures', 'workspace'), dir, { recursive: true });
      return dir;
    };
    for (const suite of suites) {
      const started = Date.now();
      const counts = await runSuite(suite, {
        install, server, e2eModules, browser: browserHandle.browser, workspace: workspaceCopy(`workspace-${suite}`),
        openTrustServer: () => openTrustServer(install, runDir, vsix, workspaceCopy),
      });
      print(`--- ${version} ${suite}: ${counts.passed} passing, ${counts.failed} failing, ${((Date.now() - started) / 1000).toFixed(0)} s`);
      results.push(counts);
    }
  } catch (error) {
    print(`code-server ${version}: ${error instanceof Error ? error.stack : error}`);
    if (server) print(logTail(server.logFile));
    results.push({ passed: 0, failed: Math.max(1, suites.length - results.length) });
  } finally {
    if (browserHandle) {
      await closeBrowser(browserHandle);
      live.browsers.delete(browserHandle);
    }
    if (server) {
      stopServer(server);
      live.servers.delete(server);
    }
    if (!options.keep) {
      rmSync(runDir, { recursive: true, force: true });
      live.dirs.delete(runDir);
    } else print(`kept ${runDir}`);
  }
  return results;
}

/**
 * A second server with workspace trust on, for e2e modules that export `workspaceTrust = true`
 * (test/e2e/safety.e2e.ts): same installation and browser; its own settings, state, installed
 * extension (engine DNS-guarded) and workspace copy; stopped as soon as the module is done.
 */
async function openTrustServer(install, runDir, vsix, workspaceCopy) {
  prepareTrustServer(install, runDir, vsix);
  const server = await startServer(install, runDir, { workspaceTrust: true });
  live.servers.add(server);
  print(`workspace-trust server on 127.0.0.1:${server.port}, process group ${server.pid}`);
  return {
    server,
    workspace: workspaceCopy('workspace-e2e-trust'),
    close: () => {
      stopServer(server);
      live.servers.delete(server);
      const refused = existsSync(dnsGuardLog(runDir)) ? readFileSync(dnsGuardLog(runDir), 'utf8').trim() : '';
      if (refused) print(`DNS lookups refused by the guard: ${[...new Set(refused.split('\n'))].join(', ')}`);
    },
  };
}

function runSuite(suite, { install, server, e2eModules, browser, workspace, openTrustServer }) {
  const common = { browser, server, workspace, timeoutMs: SUITE_TIMEOUT_MS, print };
  if (suite === 'integration') return runIntegrationSuite({ ...common, root });
  if (suite === 'e2e') {
    return runE2eSuites({
      ...common,
      modules: e2eModules,
      repositoryRoot: root,
      openTrustServer,
      screenshotDir: join(root, 'test-results', 'e2e', install.version),
      title: `code-server ${install.version} (VS Code ${install.vscodeVersion})`,
      testTimeoutMs: E2E_TEST_TIMEOUT_MS,
    });
  }
  throw new Error(`unknown suite ${suite} (integration, e2e)`);
}

async function main() {
  await acquireRunLock(join(cacheDir, 'run.lock'), print);
  const started = Date.now();
  const totals = { passed: 0, failed: 0 };
  let prepared;
  try {
    const built = await buildAll(root, print);
    if (suites.includes('e2e')) built.vsix = packageVsix(root, print);
    prepared = built;
  } catch (error) {
    print(`preparing the suites failed: ${error instanceof Error ? error.message : error}`);
    totals.failed += 1;
  }
  if (prepared) {
    // Counted like a test: a .vsix that ships sources, tests or source maps is a packaging bug.
    const extra = unshippableFiles(root);
    print(extra.length === 0 ? '  ✔ the .vsix holds only what runs' : `  ✖ the .vsix would also ship: ${extra.join(', ')}`);
    totals[extra.length === 0 ? 'passed' : 'failed'] += 1;
    for (const version of versions) {
      for (const counts of await runVersion(version, prepared)) {
        totals.passed += counts.passed;
        totals.failed += counts.failed;
      }
    }
  }
  print(`\nVS Code suites on ${versions.join(', ')} took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  print(`${totals.passed} passed, ${totals.failed} failed`);
  return totals.failed > 0 || totals.passed === 0 ? 1 : 0;
}

const code = await main();
// Exit even if a library left a handle open (a browser connection must not hold the run).
cleanUpNow();
process.exit(code);

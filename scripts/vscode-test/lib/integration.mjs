// Runs test/integration (bundled in out/test/integration) inside the server's extension host:
// the web workbench takes extensionDevelopmentPath and extensionTestsPath from the URL payload,
// prints the suite's console through window.codeAutomationLog and ends with codeAutomationExit.
import { format } from 'node:util';
import { join } from 'node:path';
import { loopbackContext } from './browser.mjs';

/** Workbench chatter at every start that says nothing about the suite. */
const NOISE = /^(Resolving connection token|Resolved connection token|Creating a socket|Ignoring fetching additional builtin extensions)/;

/** The line test/integration/index.ts prints with the suite's counts. */
const RESULT_PREFIX = 'loadlens-integration-result ';

/** @returns {Promise<{passed: number, failed: number}>} */
export async function runIntegrationSuite({ browser, server, root, workspace, timeoutMs, print }) {
  const { context, page, blocked } = await loopbackContext(browser);
  try {
    const authority = `127.0.0.1:${server.port}`;
    const remote = (path) => `vscode-remote://${authority}${path}`;
    const payload = [
      ['extensionDevelopmentPath', remote(root)],
      ['extensionTestsPath', remote(join(root, 'out', 'test', 'integration', 'index'))],
      ['skipWelcome', 'true'],
    ];
    let counts;
    let exit;
    const exited = new Promise((resolve) => { exit = resolve; });
    await page.exposeFunction('codeAutomationExit', (code) => exit(code));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      if (text.startsWith(RESULT_PREFIX)) counts = JSON.parse(text.slice(RESULT_PREFIX.length));
      else if (!NOISE.test(text)) print(type === 'info' || type === 'log' ? text : `[${type}] ${text}`);
    });
    const started = Date.now();
    await page.goto(`http://${authority}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    let timer;
    const timedOut = new Promise((resolve) => { timer = setTimeout(() => resolve('timeout'), timeoutMs); });
    const code = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (code === 'timeout') {
      print(`integration suite timed out after ${timeoutMs / 1000} s`);
      return { passed: counts?.passed ?? 0, failed: Math.max(1, counts?.failed ?? 0) };
    }
    print(`extension tests finished with exit code ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s` +
      (blocked.length ? `; blocked non-loopback requests: ${[...new Set(blocked)].join(', ')}` : ''));
    if (!counts) {
      print('the suite reported no counts (it failed to load): counted as one failure');
      return { passed: 0, failed: 1 };
    }
    // A non-zero exit with no failing test means run() itself failed: count it.
    return { passed: counts.passed, failed: code !== 0 && counts.failed === 0 ? 1 : counts.failed };
  } finally {
    await context.close().catch(() => {});
  }
}

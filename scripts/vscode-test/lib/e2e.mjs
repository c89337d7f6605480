// Runs the e2e modules (test/e2e/*.e2e.ts, bundled by build-tests.mjs) against the workbench,
// with the packaged extension installed in the server. Each module is one mocha suite in a fresh
// page: its `...Checks` export gets { page, screenshotDir, workspace, serverProcessGroup,
// repositoryRoot } and returns checks that run in order, each leaving the workbench where the
// next one starts.
// A module that exports `workspaceTrust = true` runs against a second server started for it with
// workspace trust on (its folder opens in Restricted Mode), and its own workspace copy.
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import Mocha from 'mocha';
import { loopbackContext } from './browser.mjs';

/** @returns {Promise<{passed: number, failed: number}>} */
export async function runE2eSuites({ modules, title, timeoutMs, ...options }) {
  const totals = { passed: 0, failed: 0 };
  for (const module of modules) {
    const name = basename(module, '.e2e.mjs');
    const counts = await runModule(module, { ...options, title: `${name}: ${title}`, timeoutMs }).catch((error) => {
      options.print(`e2e module ${name} could not run: ${error instanceof Error ? error.stack : error}`);
      return { passed: 0, failed: 1 };
    });
    totals.passed += counts.passed;
    totals.failed += counts.failed;
  }
  if (modules.length === 0) {
    options.print('no e2e modules (test/e2e/*.e2e.ts): counted as one failure');
    totals.failed += 1;
  }
  return totals;
}

async function runModule(module, { repositoryRoot, browser, openTrustServer, screenshotDir, title, testTimeoutMs, timeoutMs, print, ...shared }) {
  const exports = await import(pathToFileURL(module).href);
  const factories = Object.entries(exports).filter(([key, value]) => /Checks$/.test(key) && typeof value === 'function');
  if (factories.length !== 1) throw new Error(`${module} must export exactly one function named ...Checks`);
  const own = exports.workspaceTrust === true ? await openTrustServer() : undefined;
  const { server, workspace } = own ?? shared;
  const { context, page, blocked } = await loopbackContext(browser).catch((error) => {
    own?.close();
    throw error;
  });
  try {
    await page.goto(`http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(workspace)}`);
    const mocha = new Mocha({ reporter: 'spec', timeout: testTimeoutMs, color: false });
    const suite = Mocha.Suite.create(mocha.suite, title);
    const checks = factories[0][1]({ page, screenshotDir, workspace, serverProcessGroup: server.pid, repositoryRoot });
    for (const check of checks) suite.addTest(new Mocha.Test(check.title, () => check.run()));
    let timer;
    const result = await new Promise((resolve) => {
      const runner = mocha.run((failures) => resolve({ passed: runner.stats?.passes ?? 0, failed: failures }));
      timer = setTimeout(() => {
        print(`e2e suite timed out after ${timeoutMs / 1000} s`);
        runner.abort();
        resolve({ passed: runner.stats?.passes ?? 0, failed: checks.length - (runner.stats?.passes ?? 0) });
      }, timeoutMs);
    });
    clearTimeout(timer);
    if (blocked.length) print(`blocked non-loopback requests: ${[...new Set(blocked)].join(', ')}`);
    print(`screenshots in ${screenshotDir}`);
    return result;
  } finally {
    await context.close().catch(() => {});
    own?.close();
  }
}

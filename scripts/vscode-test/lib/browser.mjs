// Debian's chromium driven by playwright-core, allowed to reach loopback only: the host resolver
// maps every other name to NOTFOUND and a route filter aborts any request to another host.
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.LOADLENS_CHROMIUM ?? '/usr/bin/chromium';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A browser server (it exposes the process, which signal handlers kill) and a client on it. */
export async function launchBrowser() {
  const server = await chromium.launchServer({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'],
  });
  const browser = await chromium.connect(server.wsEndpoint());
  return { browser, server, pid: server.process().pid };
}

export async function closeBrowser(handle) {
  await handle.browser.close().catch(() => {});
  await handle.server.close().catch(() => {});
  killBrowser(handle);
}

/** A fresh context whose requests to anything but loopback are aborted and counted. */
export async function loopbackContext(browser) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const blocked = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || LOOPBACK.has(url.hostname)) return route.continue();
    blocked.push(url.origin);
    return route.abort();
  });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  return { context, page, blocked };
}

/** Synchronous last resort for signal handlers: Playwright starts the browser in its own group. */
export function killBrowser(handle) {
  if (!handle?.pid) return;
  try {
    process.kill(-handle.pid, 'SIGKILL');
  } catch {
    try { process.kill(handle.pid, 'SIGKILL'); } catch { /* already gone */ }
  }
}

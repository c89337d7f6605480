// Renders the real panel bundle (dist/webview.js + dist/webview.css) in Debian's chromium with a
// stand-in for VS Code's webview API, plays a recorded run (start, intervals, result), checks the
// handshake, the CSP and that hostile strings stay text, and saves screenshots.
//   npm run build && node --import tsx test/unit/webview/render-panel.ts [out-dir]
// Not part of `npm run test:unit` (it needs chromium); test/e2e covers the panel inside VS Code.
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { HostMessage } from '../../../src/core/protocol/webview';
import { panelHtml } from '../../../src/vscode/panel/html';
import { recordedRun } from './recorded-run';
import { emptyPanelSnapshot } from '../../../src/core/report/panel-snapshot';
import { failureWords } from '../../../src/core/present/failure-words';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = resolve(__dirname, '../../..');
const OUT = resolve(process.argv[2] ?? join(ROOT, 'test-results', 'webview'));

/** A few of the variables VS Code sets on the webview's <html>, per theme. */
const THEMES: Record<string, { bodyClass: string; vars: Record<string, string> }> = {
  dark: {
    bodyClass: 'vscode-dark',
    vars: {
      '--vscode-foreground': '#cccccc', '--vscode-editor-background': '#1f1f1f', '--vscode-descriptionForeground': '#9d9d9d',
      '--vscode-font-family': 'system-ui, sans-serif', '--vscode-font-size': '13px', '--vscode-editor-font-family': 'monospace',
      '--vscode-button-background': '#0078d4', '--vscode-button-foreground': '#ffffff', '--vscode-button-hoverBackground': '#026ec1',
      '--vscode-button-secondaryBackground': '#313131', '--vscode-button-secondaryForeground': '#cccccc', '--vscode-focusBorder': '#0078d4',
      '--vscode-editorWidget-border': '#454545', '--vscode-panel-border': '#2b2b2b', '--vscode-errorForeground': '#f85149',
      '--vscode-editorWarning-foreground': '#cca700', '--vscode-testing-iconPassed': '#73c991', '--vscode-progressBar-background': '#0078d4',
      '--vscode-list-hoverBackground': '#2a2d2e', '--vscode-charts-blue': '#3794ff', '--vscode-charts-red': '#f14c4c',
      '--vscode-charts-green': '#89d185', '--vscode-charts-yellow': '#cca700', '--vscode-charts-orange': '#d18616', '--vscode-charts-purple': '#b180d7',
    },
  },
  light: {
    bodyClass: 'vscode-light',
    vars: {
      '--vscode-foreground': '#3b3b3b', '--vscode-editor-background': '#ffffff', '--vscode-descriptionForeground': '#717171',
      '--vscode-font-family': 'system-ui, sans-serif', '--vscode-font-size': '13px', '--vscode-editor-font-family': 'monospace',
      '--vscode-button-background': '#005fb8', '--vscode-button-foreground': '#ffffff', '--vscode-button-secondaryBackground': '#e5e5e5',
      '--vscode-button-secondaryForeground': '#3b3b3b', '--vscode-focusBorder': '#005fb8', '--vscode-editorWidget-border': '#c8c8c8',
      '--vscode-errorForeground': '#f85149', '--vscode-editorWarning-foreground': '#bf8803', '--vscode-testing-iconPassed': '#388a34',
      '--vscode-progressBar-background': '#005fb8', '--vscode-charts-blue': '#1a85ff', '--vscode-charts-red': '#e51400',
      '--vscode-charts-green': '#388a34', '--vscode-charts-yellow': '#bf8803', '--vscode-charts-orange': '#d18616', '--vscode-charts-purple': '#652d90',
    },
  },
  'high-contrast': {
    bodyClass: 'vscode-high-contrast',
    vars: {
      '--vscode-foreground': '#ffffff', '--vscode-editor-background': '#000000', '--vscode-descriptionForeground': '#ffffff',
      '--vscode-font-family': 'system-ui, sans-serif', '--vscode-font-size': '13px', '--vscode-contrastBorder': '#6fc3df',
      '--vscode-button-background': '#000000', '--vscode-button-foreground': '#ffffff', '--vscode-button-border': '#6fc3df',
      '--vscode-focusBorder': '#f38518', '--vscode-editorWidget-border': '#6fc3df', '--vscode-errorForeground': '#f48771',
      '--vscode-testing-iconPassed': '#73c991', '--vscode-progressBar-background': '#6fc3df', '--vscode-charts-blue': '#3794ff',
      '--vscode-charts-red': '#f14c4c', '--vscode-charts-green': '#89d185', '--vscode-charts-yellow': '#ffd700', '--vscode-charts-orange': '#f38518', '--vscode-charts-purple': '#b180d7',
    },
  },
};

function serve(theme: string): Promise<{ server: Server; origin: string }> {
  const { vars } = THEMES[theme] ?? THEMES.dark!;
  const files: Record<string, [string, string]> = {
    '/dist/webview.js': ['text/javascript', readFileSync(join(ROOT, 'dist/webview.js'), 'utf8')],
    '/dist/webview.css': ['text/css', readFileSync(join(ROOT, 'dist/webview.css'), 'utf8')],
    '/theme.css': ['text/css', `html { ${Object.entries(vars).map(([k, v]) => `${k}: ${v};`).join(' ')} }`],
    '/fake-vscode.js': [
      'text/javascript',
      // Records what the panel posts and saves; the test drives messages in with window.postMessage.
      `window.__posted = []; window.__saved = undefined;
       window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => window.__saved, setState: (s) => { window.__saved = s; } });`,
    ],
  };
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const file = files[path];
    if (path === '/') {
      const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      const nonce = 'test-nonce-123';
      const html = panelHtml({ cspSource: origin, nonce, scriptUri: `${origin}/dist/webview.js`, styleUri: `${origin}/dist/webview.css` })
        .replace('<link rel="stylesheet"', `<link rel="stylesheet" href="${origin}/theme.css"><link rel="stylesheet"`)
        .replace('<body>', `<body class="${(THEMES[theme] ?? THEMES.dark!).bodyClass}">`)
        .replace('<script nonce', `<script nonce="${nonce}" src="${origin}/fake-vscode.js"></script>\n<script nonce`);
      response.writeHead(200, { 'content-type': 'text/html' }).end(html);
    } else if (file) {
      response.writeHead(200, { 'content-type': file[0] }).end(file[1]);
    } else {
      response.writeHead(404).end();
    }
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({ server, origin: `http://127.0.0.1:${(server.address() as { port: number }).port}` })));
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.log(`skipped: ${CHROMIUM} is not installed`);
    return;
  }
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--headless'] });
  const problems: string[] = [];
  try {
    for (const theme of Object.keys(THEMES)) {
      const { server, origin } = await serve(theme);
      const page = await browser.newPage({ viewport: { width: 1200, height: 1400 } });
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(`${theme}: console ${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`${theme}: page error: ${error.message}`));
      await page.route('**/*', (route) => (route.request().url().startsWith(origin) ? route.continue() : (problems.push(`remote request ${route.request().url()}`), route.abort())));
      await page.goto(origin);
      await page.waitForFunction(() => (window as unknown as { __posted: Array<{ type: string }> }).__posted.some((m) => m.type === 'ui/ready'));
      const { live, finished } = recordedRun();
      const send = (messages: HostMessage[]) => page.evaluate((all) => all.forEach((m) => window.postMessage(m, '*')), messages);
      await send([{ type: 'panel/snapshot', protocolVersion: 1, snapshot: emptyPanelSnapshot() }, ...live]);
      await page.waitForFunction(() => document.querySelector('.progress')?.textContent?.startsWith('Running'));
      await page.waitForTimeout(150);
      await page.screenshot({ path: join(OUT, `${theme}-live.png`), fullPage: true });
      await send(finished);
      await page.waitForFunction(() => document.querySelector('.progress')?.textContent?.startsWith('Completed'));
      await page.waitForTimeout(150);
      await page.screenshot({ path: join(OUT, `${theme}-finished.png`), fullPage: true });
      // Keyboard: tab to a heading, sort with Enter.
      await page.focus('table.stats thead th:nth-child(6) button');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelector('table.stats thead th:nth-child(6)')?.getAttribute('aria-sort') === 'descending');
      const sorted = await page.$$eval('table.stats tbody th', (cells) => cells.map((cell) => cell.textContent));
      const checks = await page.evaluate(() => ({
        images: document.querySelectorAll('img').length,
        hostileShown: document.body.textContent?.includes('<img src=x onerror=window.__pwned=1>') ?? false,
        pwned: (window as unknown as { __pwned?: number }).__pwned,
        canvases: document.querySelectorAll('canvas').length,
        stopHidden: (document.getElementById('stop') as HTMLButtonElement).hidden,
        saved: typeof (window as unknown as { __saved?: { phase?: string } }).__saved?.phase,
        certificateRow: Array.from(document.querySelectorAll('table.failures tbody tr')).find((row) => row.textContent?.includes('DEPTH_ZERO_SELF_SIGNED_CERT'))?.querySelector('.error-text')?.textContent,
      }));
      console.log(theme, JSON.stringify({ sortedByP95: sorted, ...checks }));
      if (checks.images !== 0 || !checks.hostileShown || checks.pwned !== undefined) problems.push(`${theme}: hostile text was not kept as text`);
      if (checks.canvases < 3) problems.push(`${theme}: charts missing`);
      // The failures table gives a code's plain words beside it, as Send Request and the CLI do.
      if (checks.certificateRow !== `DEPTH_ZERO_SELF_SIGNED_CERT${failureWords('DEPTH_ZERO_SELF_SIGNED_CERT') ?? 'no words'}`) problems.push(`${theme}: the certificate failure's words are missing: ${checks.certificateRow}`);
      await page.close();
      server.close();
    }
  } finally {
    await browser.close();
  }
  console.log(`screenshots in ${OUT}`);
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exitCode = 1;
  }
}

void main();

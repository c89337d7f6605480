// The end-to-end pass of running a load test through the UI: click the `Run load test`
// code lens, see the status bar count requests per second, see the results panel's charts and its
// table list each request, see the broken threshold in the Problems panel, stop another run with
// the panel's Stop button, and after a window reload find the panel restored with that latest run
// and its threshold problem back in the Problems panel. Same shape as
// workbench.e2e.ts (checks run in order, a screenshot each); the target server runs in this
// process on loopback and the scenario is written into the workspace copy the workbench has open.
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { screenshotTaker, type E2eCheck, type E2eContext } from './support/checks';
import { WAIT_MS, workbench } from './support/workbench';

const SCENARIO = 'e2e-run.load.http';
const STOP_SCENARIO = 'e2e-stop.load.http';

function scenario(base: string, runTime: string): string {
  return [
    `# @host ${base}`,
    '# @users 5',
    '# @spawn-rate 5',
    `# @run-time ${runTime}`,
    '# @think 20ms',
    '',
    '### Home page',
    'GET /',
    '',
    '### List hospitals',
    '# @threshold p95 < 1ms',
    'GET /hospital',
    '',
  ].join('\n');
}

export function runChecks({ page, screenshotDir, workspace }: E2eContext): E2eCheck[] {
  let server: Server | undefined;
  const screenshot = screenshotTaker(page, screenshotDir, 'run-');
  const { statusItem, panel, codeLens, ...ui } = workbench(page);
  const openFromExplorer = (file: string): Promise<void> => ui.openFromExplorer(file, 'hospital');

  return [
    {
      title: 'starts a target server on loopback and writes the scenarios into the workspace',
      run: async () => {
        server = createServer((request, response) => {
          if (request.url === '/hospital') setTimeout(() => response.end('[]'), 5);
          else response.end('ok');
        });
        await new Promise<void>((done) => server?.listen(0, '127.0.0.1', done));
        const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
        writeFileSync(join(workspace, SCENARIO), scenario(base, '8s'));
        writeFileSync(join(workspace, STOP_SCENARIO), scenario(base, '10m'));
        await page.locator('.explorer-folders-view .monaco-list-row', { hasText: SCENARIO }).waitFor({ timeout: WAIT_MS });
      },
    },
    {
      title: 'clicks the "Run load test" code lens and sees the status bar count requests per second',
      run: async () => {
        await openFromExplorer(SCENARIO);
        await codeLens('Run load test').first().waitFor({ timeout: WAIT_MS });
        await screenshot('run-lens');
        await codeLens('Run load test').first().click();
        const live = statusItem(/\d rps ·/);
        await live.waitFor({ timeout: WAIT_MS });
        const first = await live.textContent();
        await page.waitForTimeout(2500);
        const second = await statusItem(/\d rps ·/).textContent();
        await screenshot('status-live');
        if (first === second) throw new Error(`the status bar did not change in 2.5 s: "${first}"`);
      },
    },
    {
      title: 'shows the results panel with its charts and a row per request',
      run: async () => {
        await page.locator('.tab', { hasText: `Loadlens: ${SCENARIO}` }).waitFor({ timeout: WAIT_MS });
        await panel().locator('#chart-rps canvas').first().waitFor({ timeout: WAIT_MS });
        for (const name of ['Home page', 'List hospitals']) {
          await panel().locator('table.stats tbody th', { hasText: name }).waitFor({ timeout: WAIT_MS });
        }
        await screenshot('panel-live');
      },
    },
    {
      title: 'shows each request\'s numbers on its lens and the broken threshold in the Problems panel when the run ends',
      run: async () => {
        await statusItem(/thresholds? broken/).waitFor({ timeout: WAIT_MS });
        // The lenses are back to Run, with each request's numbers from the run.
        await codeLens('Run load test').first().waitFor({ timeout: WAIT_MS });
        await codeLens(/^p95 .* errors · .* rps$/).first().waitFor({ timeout: WAIT_MS });
        await page.keyboard.press('Control+Shift+M');
        await page.locator('.markers-panel .monaco-list-row', { hasText: /List hospitals: p95 .* > 1 ms/ }).first().waitFor({ timeout: WAIT_MS });
        await screenshot('problems');
      },
    },
    {
      title: 'stops another run with the panel\'s Stop button',
      run: async () => {
        await openFromExplorer(STOP_SCENARIO);
        await codeLens('Run load test').first().click();
        await statusItem(/\d rps ·/).waitFor({ timeout: WAIT_MS });
        await panel().locator('#stop:not([hidden])').waitFor({ timeout: WAIT_MS });
        await screenshot('before-stop');
        await panel().locator('#stop').click();
        await panel().locator('.progress', { hasText: /^Stopped/ }).waitFor({ timeout: WAIT_MS });
        await statusItem(/threshold/).waitFor({ timeout: WAIT_MS });
        await screenshot('stopped');
        await new Promise((done) => server?.close(done));
      },
    },
    {
      title: 'restores the results panel with the latest run, and its threshold problem, after the window reloads',
      run: async () => {
        await page.reload();
        await page.locator('.monaco-workbench').waitFor({ timeout: WAIT_MS });
        // VS Code web persists a webview's state on its own schedule, so the webview may come back
        // with the run before the last one; the extension notes which run the panel showed last
        // and shows that one from run history: the stopped run.
        const tab = page.locator('.tab', { hasText: `Loadlens: ${STOP_SCENARIO}` });
        await tab.first().waitFor({ timeout: WAIT_MS });
        await tab.first().click();
        try {
          await panel().locator('.progress', { hasText: /^Stopped/ }).waitFor({ timeout: WAIT_MS });
        } finally {
          await screenshot('after-reload');
        }
        for (const name of ['Home page', 'List hospitals']) {
          await panel().locator('table.stats tbody th', { hasText: name }).waitFor({ timeout: WAIT_MS });
        }
        await screenshot('restored-after-reload');
      },
    },
    {
      title: 'puts the threshold problem of the open scenario\'s last run back in the Problems panel after the reload',
      run: async () => {
        // Nothing ran in the reloaded window: the problem comes from the open scenario's newest
        // saved run (which editor VS Code brings back, e2e-run or e2e-stop, varies by version).
        await page.keyboard.press('Control+Shift+M');
        const problem = page.locator('.markers-panel .monaco-list-row', { hasText: /List hospitals: p95 .* > 1 ms/ }).first();
        try {
          await problem.waitFor({ timeout: WAIT_MS });
        } finally {
          await screenshot('problems-after-reload');
        }
      },
    },
  ];
}

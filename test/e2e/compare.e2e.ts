// The end-to-end pass of baselines through the UI: run a scenario, press the panel's Set as
// Baseline button, slow the server down, run again, and see the comparison in the panel (the slower
// request's p95 marked ▲ worse) and the change on the request's code lens (`p95 … ▲N%`). Same
// shape as run.e2e.ts; the target server runs in this process on loopback, its delay set per run.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { screenshotTaker, type E2eCheck, type E2eContext } from './support/checks';
import { WAIT_MS, workbench } from './support/workbench';

const SCENARIO = 'e2e-compare.load.http';

export function compareChecks({ page, screenshotDir, workspace }: E2eContext): E2eCheck[] {
  let server: Server | undefined;
  let delayMs = 5;
  const screenshot = screenshotTaker(page, screenshotDir, 'compare-');
  const { panel, codeLens, ...ui } = workbench(page);

  return [
    {
      title: 'starts a target server on loopback and writes the scenario into the workspace',
      run: async () => {
        server = createServer((request, response) => {
          if (request.url === '/hospital') setTimeout(() => response.end('[]'), delayMs);
          else response.end('ok');
        });
        await new Promise<void>((done) => server?.listen(0, '127.0.0.1', done));
        const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
        const lines = [`# @host ${base}`, '# @users 3', '# @spawn-rate 3', '# @run-time 3s', '# @think 20ms', '', '### Home page', 'GET /', '', '### List hospitals', 'GET /hospital', ''];
        writeFileSync(join(workspace, SCENARIO), lines.join('\n'));
        await ui.explorerRow(SCENARIO).waitFor({ timeout: WAIT_MS });
      },
    },
    {
      title: 'runs the scenario and sets the run as the baseline with the panel\'s button',
      run: async () => {
        await ui.openFromExplorer(SCENARIO, 'hospital');
        await codeLens('Run load test').first().click();
        await codeLens(/^p95 .* errors · .* rps$/).first().waitFor({ timeout: WAIT_MS });
        await panel().locator('#set-baseline:not([disabled])').waitFor({ timeout: WAIT_MS });
        await panel().locator('#set-baseline').click();
        // The baseline is the file the CLI's --baseline reads, named after the scenario's path.
        const file = join(workspace, '.loadlens', 'baselines', `${SCENARIO}.json`);
        const deadline = Date.now() + WAIT_MS;
        while (!existsSync(file)) {
          if (Date.now() > deadline) throw new Error(`no baseline file ${file} after the button`);
          await page.waitForTimeout(200);
        }
        const saved = JSON.parse(readFileSync(file, 'utf8')) as { scenario: { path: string }; endpoints: unknown[] };
        if (!saved.scenario.path.endsWith(SCENARIO) || saved.endpoints.length !== 2) throw new Error(`the baseline is not the run: ${saved.scenario.path}`);
        await screenshot('baseline-set');
      },
    },
    {
      title: 'runs again against a slower server and sees the change in the panel and on the lens',
      run: async () => {
        // Far slower than any hiccup of a busy machine in the first run: the change is larger than the noise.
        delayMs = 150;
        // The panel's button took the focus: back to the scenario's editor (the first group) for its lens.
        await page.locator('.editor-group-container').first().locator('.monaco-editor .view-lines', { hasText: 'hospital' }).click();
        await ui.editorLines().filter({ hasText: 'hospital' }).waitFor({ timeout: WAIT_MS });
        await codeLens('Run load test').first().click();
        try {
          await panel().locator('table.comparison-table tr.change-worse', { hasText: 'p95' }).first().waitFor({ timeout: WAIT_MS });
          await panel().locator('.comparison-label', { hasText: /Compared with the baseline/ }).waitFor({ timeout: WAIT_MS });
          await codeLens(/^p95 .* ▲\d+% · /).first().waitFor({ timeout: WAIT_MS });
        } finally {
          await screenshot('compared');
        }
        await panel().locator('#h-comparison').scrollIntoViewIfNeeded();
        await screenshot('comparison-section');
        await new Promise((done) => server?.close(done));
      },
    },
  ];
}

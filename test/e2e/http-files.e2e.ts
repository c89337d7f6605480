// A plain .http file (REST Client's format, opened as plain text: no .http extension installed)
// through the UI: click "Load test", answer the input flow (users, spawn rate, run time, host),
// see the results panel fill with the file's requests; then run "Convert to Load Scenario" from
// the command palette, answer the same flow, and see NAME.load.http open with the load written in.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { countingServer, type CountingServer } from './support/counting-server';
import { screenshotTaker, type E2eCheck, type E2eContext } from './support/checks';
import { WAIT_MS, workbench } from './support/workbench';

const FILE = 'e2e-plain.http';

export function httpFileChecks({ page, screenshotDir, workspace }: E2eContext): E2eCheck[] {
  let server: CountingServer | undefined;
  let base = '';
  const screenshot = screenshotTaker(page, join(screenshotDir, 'http-files'));
  const { codeLens, panel, explorerRow, editorLines } = workbench(page);
  const input = (): Locator => page.locator('.quick-input-widget input');

  /** Answers one step of the input flow: waits for its prompt, replaces the prefilled value, accepts. */
  async function answer(prompt: RegExp, value: string | undefined): Promise<void> {
    await page.locator('.quick-input-widget', { hasText: prompt }).waitFor({ timeout: WAIT_MS });
    if (value !== undefined) await input().fill(value);
    await page.keyboard.press('Enter');
  }

  async function answerLoadFlow(runTime: string): Promise<void> {
    await answer(/Number of users/, '3');
    await answer(/Spawn rate/, undefined);
    await answer(/Run time/, runTime);
    await answer(/Host/, base);
  }

  return [
    {
      title: 'writes a plain .http file for a loopback server and opens it as plain text',
      run: async () => {
        server = await countingServer('127.0.0.1');
        base = `http://127.0.0.1:${server.port}`;
        writeFileSync(join(workspace, FILE), ['@api = v1', '', 'GET /{{api}}/home', '', '### List hospitals', 'GET /hospital', ''].join('\n'));
        // Loadlens starts for a workspace holding .http files (workspaceContains): load the window again.
        await page.reload();
        await page.locator('.monaco-workbench').waitFor({ timeout: WAIT_MS });
        await explorerRow(FILE).click();
        await editorLines().filter({ hasText: 'List hospitals' }).waitFor({ timeout: WAIT_MS });
        await page.locator('#status\\.editor\\.mode', { hasText: 'Plain Text' }).waitFor({ timeout: WAIT_MS });
      },
    },
    {
      title: 'clicks "Load test", answers the input flow, and sees the panel fill with the file\'s requests',
      run: async () => {
        await codeLens(/^Load test \(all 2 requests\)$/).waitFor({ timeout: WAIT_MS });
        await screenshot('lenses');
        await codeLens(/^Load test \(all 2 requests\)$/).click();
        try {
          await answerLoadFlow('4s');
          await page.locator('.tab', { hasText: `Loadlens: ${FILE}` }).waitFor({ timeout: WAIT_MS });
        } finally {
          await screenshot('after-input-flow');
        }
        for (const name of ['GET /{{api}}/home', 'List hospitals']) {
          await panel().locator('table.stats tbody th', { hasText: name }).waitFor({ timeout: WAIT_MS });
        }
        await screenshot('panel');
        if ((server?.count('/v1/home') ?? 0) === 0 || (server?.count('/hospital') ?? 0) === 0) {
          throw new Error(`the server did not get both requests: /v1/home ${server?.count('/v1/home')}, /hospital ${server?.count('/hospital')}`);
        }
      },
    },
    {
      title: 'runs "Convert to Load Scenario" and sees NAME.load.http open with the chosen load',
      run: async () => {
        await explorerRow(FILE).click();
        await editorLines().filter({ hasText: 'List hospitals' }).waitFor({ timeout: WAIT_MS });
        await page.keyboard.press('F1');
        await input().waitFor({ timeout: WAIT_MS });
        await input().fill('>Loadlens: Convert to Load Scenario');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Convert to Load Scenario' }).first().waitFor({ timeout: WAIT_MS });
        await page.keyboard.press('Enter');
        await answerLoadFlow('1m');
        await page.locator('.tab', { hasText: 'e2e-plain.load.http' }).waitFor({ timeout: WAIT_MS });
        await editorLines().filter({ hasText: '@users 3' }).waitFor({ timeout: WAIT_MS });
        await page.locator('#status\\.editor\\.mode', { hasText: /Loadlens/ }).waitFor({ timeout: WAIT_MS });
        await screenshot('converted');
        const text = readFileSync(join(workspace, 'e2e-plain.load.http'), 'utf8');
        if (!text.includes(`# @host ${base}\n# @users 3\n# @spawn-rate 5\n# @run-time 1m\n`)) throw new Error(`unexpected scenario:\n${text}`);
        await server?.close();
      },
    },
  ];
}

// The end-to-end pass through a real VS Code UI (code-server's web workbench in chromium) with the
// packaged .vsix installed: what a user sees when they open, read and edit a scenario.
// scripts/vscode-test/lib/e2e.mjs runs these checks in order as one mocha suite; each check
// leaves the workbench where the next one starts and saves a screenshot.
import type { Page } from 'playwright-core';
import { screenshotTaker, type E2eCheck, type E2eContext } from './support/checks';
import { WAIT_MS, workbench } from './support/workbench';

interface Token {
  text: string;
  colour: string;
}


export function workbenchChecks({ page, screenshotDir }: E2eContext): E2eCheck[] {
  const screenshot = screenshotTaker(page, screenshotDir);
  const { explorerRow, openFromExplorer } = workbench(page);

  return [
    {
      title: 'loads the workbench with the fixture workspace in the explorer',
      run: async () => {
        await page.locator('.monaco-workbench').waitFor();
        await explorerRow('good.load.http').waitFor();
        await screenshot('workbench');
      },
    },
    {
      title: 'opens a .load.http file from the explorer in the "Loadlens Scenario" language mode',
      run: async () => {
        await openFromExplorer('good.load.http', 'hospitals');
        await page.locator('#status\\.editor\\.mode', { hasText: 'Loadlens Scenario' }).waitFor();
        await screenshot('scenario-open');
      },
    },
    {
      title: 'colours directives apart from comments, and methods apart from plain text',
      run: async () => {
        // Tokenizing is asynchronous: poll until the grammar's colours are on screen.
        const colours = await poll('grammar colours', async () => {
          const comment = (await lineTokens(page, '# A small')).find((t) => t.text.includes('small'));
          const directive = (await lineTokens(page, '# @users 10')).find((t) => t.text.includes('users'));
          const method = (await lineTokens(page, 'GET /', true)).find((t) => t.text.includes('GET'));
          if (!comment || !directive || !method) return undefined;
          return { comment: comment.colour, directive: directive.colour, method: method.colour };
        }, (c) => c.directive !== c.comment && c.method !== PLAIN_TEXT);
        await screenshot('highlighting');
        if (colours.directive === colours.comment) throw new Error(`@users has the comment's colour ${colours.comment}`);
        if (colours.method === PLAIN_TEXT) throw new Error(`GET has the plain text colour ${PLAIN_TEXT}`);
      },
    },
    {
      title: 'lists the errors of a broken scenario in the Problems panel',
      run: async () => {
        await openFromExplorer('broken.load.http', 'too-early');
        await page.keyboard.press('Control+Shift+M');
        const problems = page.locator('.markers-panel .monaco-list-row');
        await problems.filter({ hasText: 'implicit-first-request' }).first().waitFor();
        await problems.filter({ hasText: 'unknown-variable' }).filter({ hasText: 'nope' }).first().waitFor();
        await screenshot('problems');
      },
    },
    {
      title: 'completes "# @us" to the directive "# @users"',
      run: async () => {
        await openFromExplorer('new.load.http', 'localhost');
        await page.locator('.editor-group-container.active .view-line', { hasText: '@host' }).click();
        await page.keyboard.press('End');
        await page.keyboard.press('Enter');
        await page.keyboard.type('# @');
        const suggest = page.locator('.editor-group-container.active .suggest-widget.visible');
        // `@` should trigger completion by itself; ask explicitly if the provider does not.
        if (!(await suggest.waitFor({ timeout: 5_000 }).then(() => true, () => false))) await page.keyboard.press('Control+Space');
        await suggest.waitFor();
        await page.keyboard.type('us');
        await suggest.locator('.monaco-list-row.focused', { hasText: 'users' }).waitFor();
        await screenshot('completion-offered');
        await page.keyboard.press('Enter');
        // The typed prefix alone means the completion has not been applied yet.
        const line = await poll('the completed line', async () => (await lineTexts(page)).find((text) => text.startsWith('# @us')),
          (text) => text !== '# @us');
        await screenshot('completion-accepted');
        if (!/^# @users(\s|$)/.test(line)) throw new Error(`the line reads "${line}", expected "# @users"`);
      },
    },
  ];
}

/** Monaco's colour class for the theme's default foreground: plain, uncoloured text. */
const PLAIN_TEXT = 'mtk1';

/** The rendered lines of the active editor, with Monaco's non-breaking spaces made plain. */
async function lineTexts(page: Page): Promise<string[]> {
  return page.locator('.editor-group-container.active .view-line').evaluateAll((lines) =>
    lines.map((line) => (line.textContent ?? '').replace(/\u00a0/g, ' ')),
  );
}

/** The coloured spans of the first rendered line that starts with (or, if `exact`, is) `text`. */
async function lineTokens(page: Page, text: string, exact = false): Promise<Token[]> {
  // Runs in the browser: no helper functions here, the bundler would wrap them in its own names.
  return page.locator('.editor-group-container.active .view-line').evaluateAll(
    (lines, { text, exact }) => {
      const line = lines.find((candidate) => {
        const content = (candidate.textContent ?? '').replace(/\u00a0/g, ' ');
        return exact ? content.trimEnd() === text : content.startsWith(text);
      });
      return Array.from(line?.querySelectorAll('span[class*="mtk"]') ?? []).map((span) => ({
        text: (span.textContent ?? '').replace(/\u00a0/g, ' '),
        colour: Array.from(span.classList).find((name) => /^mtk\d+$/.test(name)) ?? '',
      }));
    },
    { text, exact },
  );
}

/** Re-reads `probe` until `done` holds for its value; after WAIT_MS returns the last value seen. */
async function poll<T>(what: string, probe: () => Promise<T | undefined>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  let last: T | undefined;
  for (;;) {
    last = (await probe()) ?? last;
    if (last !== undefined && done(last)) return last;
    if (Date.now() > deadline) {
      if (last === undefined) throw new Error(`timed out after ${WAIT_MS / 1000} s waiting for ${what}`);
      return last;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

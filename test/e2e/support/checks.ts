// What scripts/vscode-test/lib/e2e.mjs gives an e2e module's `...Checks` function, and what the
// function returns: checks that run in order as one mocha suite, each leaving the workbench where
// the next one starts.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export interface E2eContext {
  /** A page already showing the workbench with the module's workspace open. */
  page: Page;
  /** Where the module saves its screenshots (created by the module if missing). */
  screenshotDir: string;
  /** The folder the workbench has open: a temporary copy of test/fixtures/workspace. */
  workspace: string;
  /** The VS Code server's process group: its extension host and every engine it forks are in it. */
  serverProcessGroup: number;
  /** This repository (for files a check copies, such as examples/). */
  repositoryRoot: string;
}

export interface E2eCheck {
  title: string;
  run: () => Promise<void>;
}

/** A numbered screenshot taker: `shoot('panel')` saves `<dir>/<prefix>03-panel.png`, counting from 01. */
export function screenshotTaker(page: Page, dir: string, prefix = ''): (name: string) => Promise<void> {
  mkdirSync(dir, { recursive: true });
  let shots = 0;
  return async (name) => {
    shots += 1;
    await page.screenshot({ path: join(dir, `${prefix}${String(shots).padStart(2, '0')}-${name}.png`) });
  };
}

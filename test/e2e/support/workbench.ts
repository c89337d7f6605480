// The parts of VS Code's workbench the e2e modules find and use, by the DOM the workbench draws.
import type { FrameLocator, Locator, Page } from 'playwright-core';

/** How long a check waits for the workbench (also the page's default, scripts/vscode-test/lib/browser.mjs). */
export const WAIT_MS = 60_000;

export interface Workbench {
  explorerRow(name: string | RegExp): Locator;
  /** The active editor's text lines. */
  editorLines(): Locator;
  /** A code lens of the active editor. */
  codeLens(text: string | RegExp): Locator;
  statusItem(text: string | RegExp): Locator;
  /** The results panel's content (the webview's inner frame). */
  panel(): FrameLocator;
  /** Clicks a file in the explorer and waits until the editor shows `visibleText`. */
  openFromExplorer(file: string, visibleText: string): Promise<void>;
}

export function workbench(page: Page): Workbench {
  const explorerRow = (name: string | RegExp): Locator => page.locator('.explorer-folders-view .monaco-list-row', { hasText: name });
  const editorLines = (): Locator => page.locator('.editor-group-container.active .monaco-editor .view-lines');
  return {
    explorerRow,
    editorLines,
    codeLens: (text) => page.locator('.editor-group-container.active .codelens-decoration a', { hasText: text }),
    statusItem: (text) => page.locator('.statusbar-item', { hasText: text }),
    panel: () => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame'),
    async openFromExplorer(file, visibleText) {
      await explorerRow(file).click();
      await editorLines().filter({ hasText: visibleText }).waitFor({ timeout: WAIT_MS });
    },
  };
}

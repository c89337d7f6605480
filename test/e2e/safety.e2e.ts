// The safety rules of docs/running.md ("Before any traffic") proven through a real VS Code UI: running a load test sends real
// traffic, so (1) in an untrusted workspace Run and Send Request explain why they are off and
// start nothing, until the user trusts the folder through the UI; (2) the first run against a
// host that is not loopback asks in a modal that names the host, and Cancel starts nothing and
// remembers nothing; a workspace's own settings cannot turn that question off; loopback targets
// in every spelling never ask.
// `workspaceTrust = true` makes scripts/vscode-test/lib/e2e.mjs run this module against a second
// server with workspace trust on, where this folder opens in Restricted Mode.
// Network rule: nothing may leave loopback, not even a DNS query. The non-loopback host is under
// the reserved `.invalid` TLD and is only ever answered with Cancel, so no engine (the only part
// that would resolve it) starts; the engine watch below proves that.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { EngineWatch } from './support/engine-watch';
import { countingServer, type CountingServer } from './support/counting-server';
import { screenshotTaker, type E2eCheck, type E2eContext } from './support/checks';
import { WAIT_MS, workbench } from './support/workbench';

export const workspaceTrust = true;

/** How long a refused or cancelled run is watched for an engine that should never appear. */
const QUIET_MS = 3_000;
const STAGING = 'http://staging.loadlens.invalid';
const STAGING_FILE = 'safety-staging.load.http';
const LOCAL_FILE = 'safety-local.load.http';
const UNTRUSTED_RUN = 'does not run load tests in an untrusted workspace';
const UNTRUSTED_SEND = 'does not send requests in an untrusted workspace';

function stagingScenario(): string {
  return [`# @host ${STAGING}`, '# @users 1', '# @run-time 2s', '', '### Staging home', 'GET /', ''].join('\n');
}

/** One request per loopback spelling; every path must be hit once trusted, none before. */
function localScenario(v4: number, v6: number): string {
  return [
    `# @host http://127.0.0.1:${v4}`,
    '# @users 2',
    '# @spawn-rate 2',
    '# @run-time 3s',
    '# @think 50ms',
    '',
    '### IPv4 loopback',
    'GET /v4',
    '',
    '### localhost',
    `GET http://localhost:${v4}/name`,
    '',
    '### IPv6 loopback',
    `GET http://[::1]:${v6}/v6`,
    '',
    '### IPv4-mapped loopback',
    `GET http://[::ffff:127.0.0.1]:${v4}/mapped`,
    '',
  ].join('\n');
}

export function safetyChecks({ page, screenshotDir, workspace, serverProcessGroup }: E2eContext): E2eCheck[] {
  const shotDir = join(screenshotDir, 'safety');
  const screenshot = screenshotTaker(page, shotDir);
  const engines = new EngineWatch(serverProcessGroup);
  const servers: CountingServer[] = [];
  const hits = (): number => servers.reduce((sum, server) => sum + server.total(), 0);
  const { codeLens, statusItem, openFromExplorer } = workbench(page);
  const dialog = (): Locator => page.locator('.monaco-dialog-box');

  async function runCommand(label: string): Promise<void> {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: WAIT_MS });
    await input.fill(`>${label}`);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor({ timeout: WAIT_MS });
    await page.keyboard.press('Enter');
  }

  /** The notification with `text`, read in the notification center, which holds it whether or not a toast shows. */
  async function notification(text: string): Promise<Locator> {
    await runCommand('Notifications: Show Notifications');
    const item = page.locator('.notifications-center .notification-list-item', { hasText: text });
    await item.first().waitFor({ timeout: WAIT_MS });
    return item.first();
  }

  async function clearNotifications(): Promise<void> {
    await runCommand('Notifications: Clear All Notifications');
    await page.locator('.notifications-center .notification-list-item').first().waitFor({ state: 'detached', timeout: WAIT_MS }).catch(() => {});
    await page.keyboard.press('Escape');
  }

  /** Nothing started: no engine in the server's process group, no request reached our servers, no live status. */
  async function expectNothingStarted(what: string): Promise<void> {
    await page.waitForTimeout(QUIET_MS);
    const seen = engines.seen();
    if (seen.length > 0) throw new Error(`${what}: an engine process started (pids ${seen.join(', ')})`);
    if (hits() > 0) throw new Error(`${what}: ${hits()} requests reached the loopback servers`);
    if ((await statusItem(/\d rps ·/).count()) > 0) throw new Error(`${what}: the status bar shows a live run`);
  }

  async function cancelConfirmation(what: string): Promise<void> {
    const box = dialog().filter({ hasText: 'staging.loadlens.invalid' });
    await box.waitFor({ timeout: WAIT_MS }).catch(async (error: unknown) => {
      await screenshot(`${what}-no-question`);
      throw error;
    });
    const text = (await box.textContent()) ?? '';
    if (!text.includes(`sends real traffic to ${STAGING}`)) throw new Error(`${what}: the dialog does not name the host: "${text}"`);
    await screenshot(`${what}-asks`);
    await box.locator('.monaco-button', { hasText: /^Cancel$/ }).click();
    await box.waitFor({ state: 'detached', timeout: WAIT_MS });
    await expectNothingStarted(`${what}, after Cancel`);
  }

  return [
    {
      title: 'opens the folder in Restricted Mode, with loopback target servers ready',
      run: async () => {
        servers.push(await countingServer('127.0.0.1'), await countingServer('::1'));
        const [v4, v6] = servers;
        writeFileSync(join(workspace, STAGING_FILE), stagingScenario());
        writeFileSync(join(workspace, LOCAL_FILE), localScenario(v4?.port ?? 0, v6?.port ?? 0));
        await page.locator('.monaco-workbench').waitFor({ timeout: WAIT_MS });
        await statusItem('Restricted Mode').waitFor({ timeout: WAIT_MS });
        await page.locator('.explorer-folders-view .monaco-list-row', { hasText: LOCAL_FILE }).waitFor({ timeout: WAIT_MS });
        engines.start();
        await screenshot('restricted-mode');
      },
    },
    {
      title: 'still edits in Restricted Mode: highlighting, code lenses and the Problems panel',
      run: async () => {
        await openFromExplorer('broken.load.http', 'too-early');
        await page.keyboard.press('Control+Shift+M');
        await page.locator('.markers-panel .monaco-list-row', { hasText: 'implicit-first-request' }).first().waitFor({ timeout: WAIT_MS });
        await openFromExplorer(LOCAL_FILE, 'IPv4 loopback');
        await codeLens('Run load test').first().waitFor({ timeout: WAIT_MS });
        // The grammar colours the method: it is not rendered as plain text (Monaco's mtk1).
        const method = page.locator('.editor-group-container.active .view-line span[class*="mtk"]', { hasText: /^GET$/ }).first();
        await method.waitFor({ timeout: WAIT_MS });
        const colour = await method.getAttribute('class');
        if (colour?.split(/\s+/).includes('mtk1')) throw new Error(`GET is plain text in Restricted Mode (${colour})`);
        await screenshot('editing-works');
      },
    },
    {
      title: 'the Run load test code lens explains that running is off and how to trust, and starts nothing',
      run: async () => {
        await codeLens('Run load test').first().click();
        const message = await notification(UNTRUSTED_RUN);
        await message.locator('.monaco-button', { hasText: 'Manage Workspace Trust' }).waitFor({ timeout: WAIT_MS });
        if (!((await message.textContent()) ?? '').includes('Trust this workspace to enable it')) throw new Error('the message does not say how to enable running');
        await screenshot('run-lens-refused');
        await expectNothingStarted('Run load test in Restricted Mode');
        await clearNotifications();
      },
    },
    {
      title: 'the Run Load Test command and the Send request lens are refused the same way',
      run: async () => {
        await runCommand('Loadlens: Run Load Test');
        await notification(UNTRUSTED_RUN);
        await clearNotifications();
        await codeLens('Send request').first().click();
        await notification(UNTRUSTED_SEND);
        await screenshot('send-refused');
        // Send Request goes from the extension host, not an engine: the servers' count is the proof.
        await expectNothingStarted('Send request in Restricted Mode');
      },
    },
    {
      title: 'trusts the folder from the message\'s "Manage Workspace Trust", and Restricted Mode ends',
      run: async () => {
        const message = await notification(UNTRUSTED_SEND);
        await message.locator('.monaco-button', { hasText: 'Manage Workspace Trust' }).click();
        const trustEditor = page.locator('.workspace-trust-editor');
        await trustEditor.waitFor({ timeout: WAIT_MS });
        await screenshot('trust-editor');
        await trustEditor.locator('.monaco-button', { hasText: /^Trust/ }).first().click();
        await statusItem('Restricted Mode').waitFor({ state: 'detached', timeout: WAIT_MS });
        await screenshot('trusted');
        await clearNotifications();
      },
    },
    {
      title: `asks before the first run against ${STAGING}, naming it; Cancel starts nothing`,
      run: async () => {
        await openFromExplorer(STAGING_FILE, 'Staging home');
        await codeLens('Run load test').first().click();
        await cancelConfirmation('first-run');
      },
    },
    {
      title: 'asks again on the next run: a Cancel is not remembered',
      run: async () => {
        await runCommand('Loadlens: Run Load Test');
        await cancelConfirmation('second-run');
      },
    },
    {
      title: 'a workspace setting cannot turn the question off (loadlens.confirmNonLocalTargets is user-only)',
      run: async () => {
        mkdirSync(join(workspace, '.vscode'), { recursive: true });
        // editor.lineNumbers shows when VS Code has read the file; the Loadlens key must be ignored.
        writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'loadlens.confirmNonLocalTargets': false, 'editor.lineNumbers': 'off' }));
        await page.locator('.editor-group-container.active .line-numbers').first().waitFor({ state: 'detached', timeout: WAIT_MS });
        await codeLens('Run load test').first().click();
        await cancelConfirmation('workspace-setting');
      },
    },
    {
      title: 'runs against 127.0.0.1, localhost, [::1] and [::ffff:127.0.0.1] without asking',
      run: async () => {
        await openFromExplorer(LOCAL_FILE, 'IPv4 loopback');
        await codeLens('Run load test').first().click();
        // The run must start with no dialog in between.
        const deadline = Date.now() + WAIT_MS;
        while ((await statusItem(/\d rps ·/).count()) === 0) {
          if ((await dialog().count()) > 0) throw new Error(`a loopback run asked: "${await dialog().first().textContent()}"`);
          if (Date.now() > deadline) throw new Error(`the loopback run did not start within ${WAIT_MS / 1000} s`);
          await page.waitForTimeout(200);
        }
        await screenshot('loopback-running');
        await statusItem(/threshold|requests/).waitFor({ timeout: WAIT_MS });
        if (engines.seen().length === 0) throw new Error('no engine process was seen during the run: the engine watch cannot see engines');
        const [v4, v6] = servers;
        const counts = { v4: v4?.count('/v4'), name: v4?.count('/name'), v6: v6?.count('/v6'), mapped: v4?.count('/mapped') };
        for (const [path, count] of Object.entries(counts)) if (!count) throw new Error(`no request reached /${path}: ${JSON.stringify(counts)}`);
        await screenshot('loopback-finished');
      },
    },
    {
      title: 'stops the loopback servers and the engine watch',
      run: async () => {
        engines.stop();
        await Promise.all(servers.map((server) => server.close()));
      },
    },
  ];
}

// The `loadlens.insecure` setting inside VS Code (docs/engine.md, "HTTP/2"): against a dev server
// on loopback with a self-signed certificate, Send Request and a run are refused while the
// setting is off (the certificate is checked) and go through once it is on. The setting is read
// from user settings only: a repository's .vscode/settings.json cannot turn the checks off.
import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:https';
import * as vscode from 'vscode';
import { selfSignedCertificate } from '../support/tls-servers';
import { closeAllEditors, openNewScenario, responseTexts, savedRunTexts, waitFor, workspaceRoot } from './helpers';

interface SavedRun {
  aggregate: { requests: number; failures: number };
  failures: Array<{ error: string; occurrences: number }>;
}

/** Sets the user setting (scope `application` in package.json: user settings are its only home). */
async function setInsecure(value: boolean | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('loadlens').update('insecure', value, vscode.ConfigurationTarget.Global);
}

async function savedRun(name: string): Promise<SavedRun> {
  return waitFor(`the run of ${name} in .loadlens/runs`, async () => {
    const [text] = await savedRunTexts(name);
    return text === undefined ? undefined : (JSON.parse(text) as SavedRun);
  });
}

describe('the loadlens.insecure setting', () => {
  let server: Server;
  let base = '';
  /** Requests the server answered, and TCP connections it accepted. */
  const seen = { requests: 0, connections: 0 };

  before(async () => {
    const { key, cert } = await selfSignedCertificate();
    server = createServer({ key, cert }, (request, response) => {
      seen.requests++;
      response.writeHead(200, { 'content-type': 'text/plain' }).end(`dev server at ${request.url}`);
    });
    server.on('connection', () => seen.connections++);
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
  });

  afterEach(async () => {
    await setInsecure(undefined);
    await closeAllEditors();
  });

  after(async () => {
    await vscode.commands.executeCommand('loadlens.stop');
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  });

  it('is off by default, declared for untrusted workspaces as restricted', () => {
    assert.equal(vscode.workspace.getConfiguration('loadlens').get('insecure'), false);
    const manifest = vscode.extensions.getExtension('loadlens.loadlens')?.packageJSON as { capabilities: { untrustedWorkspaces: { restrictedConfigurations?: string[] } } };
    assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations?.includes('loadlens.insecure'));
  });

  it('Send Request to a self-signed server is refused while off and answered once on', async () => {
    const document = await openNewScenario('insecure/send.load.http', [`# @host ${base}`, '', '### dev', 'GET /dev']);
    await setInsecure(false);
    // The command resolves once the send has ended (here: failed on the certificate, message shown).
    await vscode.commands.executeCommand('loadlens.sendRequest', document.uri, 0);
    assert.equal(seen.requests, 0, 'no request reached the server');
    assert.ok(seen.connections > 0, 'the client reached the server: the certificate, not the network, stopped it');
    assert.deepEqual(responseTexts().filter((text) => text.includes('dev server')), []);

    await setInsecure(true);
    await vscode.commands.executeCommand('loadlens.sendRequest', document.uri, 0);
    const answer = await waitFor('the response view', () => responseTexts().find((text) => text.includes('dev server at /dev')));
    assert.match(answer.split('\n')[1] ?? '', /^HTTP\/(1\.1|2) 200 OK$/);
    assert.equal(seen.requests, 1);
  });

  it("ignores a repository's .vscode/settings.json that turns the checks off", async () => {
    const settingsUri = vscode.Uri.joinPath(workspaceRoot(), '.vscode', 'settings.json');
    const previous = await Promise.resolve(vscode.workspace.fs.readFile(settingsUri)).catch(() => undefined);
    // What a cloned repository would ship; maxRuns (a workspace-level setting) shows when VS Code has read the file.
    const shipped = { 'loadlens.insecure': true, 'loadlens.runHistory.maxRuns': 7 };
    await vscode.workspace.fs.writeFile(settingsUri, new TextEncoder().encode(JSON.stringify(shipped)));
    try {
      await waitFor('the workspace settings file read', () => (vscode.workspace.getConfiguration('loadlens').get('runHistory.maxRuns') === 7 ? true : undefined));
      assert.equal(vscode.workspace.getConfiguration('loadlens').get('insecure'), false);
      const document = await openNewScenario('insecure/shipped.load.http', [`# @host ${base}`, '', '### shipped', 'GET /shipped']);
      const before = seen.requests;
      await vscode.commands.executeCommand('loadlens.sendRequest', document.uri, 0);
      assert.equal(seen.requests, before, 'the certificate was still checked: no request reached the server');
    } finally {
      if (previous) await vscode.workspace.fs.writeFile(settingsUri, previous);
      else await vscode.workspace.fs.delete(settingsUri);
      await waitFor('the workspace settings file restored', () => (vscode.workspace.getConfiguration('loadlens').get('runHistory.maxRuns') !== 7 ? true : undefined));
    }
  });

  it("a run passes the setting to the engine: certificate failures while off, answers once on", async () => {
    const lines = (name: string) => [`# @host ${base}`, '# @users 1', '# @run-time 1s', '# @think 100ms', '', `### ${name}`, 'GET /load'];
    await setInsecure(false);
    const checked = await openNewScenario('insecure-checked.load.http', lines('checked'));
    await vscode.commands.executeCommand('loadlens.run', checked.uri);
    const refused = await savedRun('insecure-checked');
    assert.ok(refused.aggregate.requests > 0 && refused.aggregate.failures === refused.aggregate.requests, JSON.stringify(refused.aggregate));
    assert.deepEqual(new Set(refused.failures.map((failure) => failure.error)), new Set(['DEPTH_ZERO_SELF_SIGNED_CERT']));

    await setInsecure(true);
    const accepted = await openNewScenario('insecure-accepted.load.http', lines('accepted'));
    await vscode.commands.executeCommand('loadlens.run', accepted.uri);
    const answered = await savedRun('insecure-accepted');
    assert.ok(answered.aggregate.requests > 0, JSON.stringify(answered.aggregate));
    assert.equal(answered.aggregate.failures, 0, JSON.stringify(answered.failures));
  });
});

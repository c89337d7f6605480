// Send Request inside VS Code (docs/running.md, "Send Request"): the engine's own client
// (src/engine/send-once.ts) working in the extension host, a login whose redirect sets a cookie
// the next send carries, and the response view's status line naming the protocol.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { loopbackTarget, openNewScenario, responseTexts, waitFor } from './helpers';

describe('Send Request', () => {
  const cookies: Array<string | undefined> = [];
  let target: Awaited<ReturnType<typeof loopbackTarget>>;

  before(async () => {
    target = await loopbackTarget((request, response) => {
      cookies.push(request.headers.cookie);
      if (request.url === '/login') response.writeHead(302, { 'set-cookie': 'session=vs1; Path=/', location: '/home' }).end();
      else response.writeHead(200, { 'content-type': 'text/plain' }).end(`at ${request.url} with ${request.headers.cookie ?? 'no cookie'}`);
    });
  });

  after(() => target.close());

  it('follows the redirect, keeps the cookie for the next send, and shows HTTP/1.1 on the status line', async () => {
    const document = await openNewScenario('send/login.load.http', [`# @host ${target.base}`, '', '### login', 'POST /login', '', '### me', 'GET /me']);
    await vscode.commands.executeCommand('loadlens.sendRequest', document.uri, 0);
    const login = await waitFor('the login response view', () => responseTexts().find((text) => text.includes('at /home')));
    const lines = login.split('\n');
    assert.match(lines[0] ?? '', /^# login · POST http:\/\/127\.0\.0\.1:\d+\/login · 1 redirect to http:\/\/127\.0\.0\.1:\d+\/home · /);
    assert.equal(lines[1], 'HTTP/1.1 200 OK');
    await vscode.commands.executeCommand('loadlens.sendRequest', document.uri, 1);
    const me = await waitFor('the second response view', () => responseTexts().find((text) => text.includes('at /me')));
    assert.match(me, /at \/me with session=vs1/);
    assert.deepEqual(cookies, [undefined, 'session=vs1', 'session=vs1']);
  });
});

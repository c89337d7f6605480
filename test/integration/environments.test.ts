// Environments inside VS Code (docs/authoring.md, Environments): the environment picked in the
// "Loadlens: Select Environment" quick pick decides the host of the next run (two loopback
// servers, the env file pointing at each), checks use the chosen environment, and neither the
// hover nor the saved run shows a value of http-client.private.env.json.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, hoverText, lineOf, loadlensDiagnostics, loopbackTarget, openNewScenario, positionAfter, savedRunTexts, waitFor, workspaceRoot } from './helpers';

const SECRET = 'vs-private-7c41e0';

async function writeWorkspaceFile(path: string, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(workspaceRoot(), path), new TextEncoder().encode(text));
}

/** Opens the picker as a user does and moves `steps` items down from the first ("No Environment") before accepting. */
async function pickInQuickPick(steps: number): Promise<unknown> {
  const picking = vscode.commands.executeCommand('loadlens.selectEnvironment');
  // The quick pick opens asynchronously; moving before it shows would move nothing.
  await new Promise((done) => setTimeout(done, 1500));
  for (let i = 0; i < steps; i++) await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  return picking;
}

describe('environments', () => {
  const hits = { one: 0, two: 0 };
  const pathsOnTwo = new Set<string>();
  let one: Awaited<ReturnType<typeof loopbackTarget>>;
  let two: Awaited<ReturnType<typeof loopbackTarget>>;

  before(async () => {
    one = await loopbackTarget((_request, response) => {
      hits.one++;
      response.end('one');
    });
    two = await loopbackTarget((request, response) => {
      hits.two++;
      pathsOnTwo.add((request.url ?? '').split('?')[0] ?? '');
      response.end('two');
    });
    await writeWorkspaceFile('envs/http-client.env.json', JSON.stringify({ one: { host: one.base }, two: { host: two.base, onlyTwo: 'x' } }, null, 2));
    await writeWorkspaceFile('envs/http-client.private.env.json', JSON.stringify({ one: { token: SECRET }, two: { token: SECRET } }, null, 2));
  });

  after(async () => {
    await vscode.commands.executeCommand('loadlens.selectEnvironment', null);
    await one.close();
    await two.close();
  });

  it('the environment picked in the quick pick is the host of the next run; the saved run holds no private value', async () => {
    const document = await openNewScenario('envs/pick.load.http', ['# @host {{host}}', '# @users 1', '# @run-time 1s', '', '### hit', 'GET /hit?key={{token}}', 'Authorization: Bearer {{token}}']);
    assert.equal(await pickInQuickPick(1), 'one');
    await vscode.commands.executeCommand('loadlens.run', document.uri);
    const first = await waitFor('the run against one in .loadlens/runs', async () => {
      const texts = await savedRunTexts('pick');
      return texts.length > 0 ? texts : undefined;
    });
    assert.ok(hits.one > 0 && hits.two === 0, `one ${hits.one}, two ${hits.two}`);

    assert.equal(await pickInQuickPick(2), 'two');
    const before = hits.one;
    await vscode.commands.executeCommand('loadlens.run', document.uri);
    const both = await waitFor('the run against two in .loadlens/runs', async () => {
      const texts = await savedRunTexts('pick');
      return texts.length > first.length ? texts : undefined;
    });
    assert.ok(hits.two > 0, 'the second run went to two');
    assert.equal(hits.one, before, 'and not to one');
    for (const text of both) assert.ok(!text.includes(SECRET), 'no private value in the run history');
  });

  it('a plain .http file load-tested through its lens takes the chosen environment, $shared and the private file, as in REST Client', async () => {
    const document = await openNewScenario('envs/plain.http', ['GET {{host}}/plain/{{who}}', 'Authorization: Bearer {{token}}']);
    await writeWorkspaceFile('envs/http-client.env.json', JSON.stringify({ $shared: { who: 'shared-user' }, one: { host: one.base }, two: { host: two.base, onlyTwo: 'x' } }, null, 2));
    await vscode.commands.executeCommand('loadlens.selectEnvironment', 'two');
    const before = hits.one;
    await vscode.commands.executeCommand('loadlens.loadTestHttpFile', document.uri, undefined, { users: 1, runTimeMs: 1000 });
    await waitFor('the run of plain.http in .loadlens/runs', async () => ((await savedRunTexts('plain')).length > 0 ? true : undefined));
    assert.ok(pathsOnTwo.has('/plain/shared-user'), `paths on two: ${[...pathsOnTwo].join(', ')}`);
    assert.equal(hits.one, before);
    for (const text of await savedRunTexts('plain')) assert.ok(!text.includes(SECRET));
  });

  it('checks use the chosen environment; the hover lists environments and hides a private value', async () => {
    const document = await openNewScenario('envs/check.load.http', ['# @host {{host}}', '# @users 1', '# @run-time 1s', '', '### only', 'GET /x?o={{onlyTwo}}', 'Authorization: {{token}}']);
    await vscode.commands.executeCommand('loadlens.selectEnvironment', 'one');
    const lacking = await waitFor('the onlyTwo diagnostic with one chosen', () => loadlensDiagnostics(document.uri).find((d) => codeOf(d) === 'variable-not-in-environment'));
    assert.equal(lacking.range.start.line, lineOf(document, 'GET /x'));
    assert.match(lacking.message, /'onlyTwo' is not defined in the environment 'one' \(only in 'two'\)/);
    await vscode.commands.executeCommand('loadlens.selectEnvironment', 'two');
    await waitFor('no diagnostic with two chosen', () => (loadlensDiagnostics(document.uri).some((d) => codeOf(d) === 'variable-not-in-environment') ? undefined : true));
    // Editing the environment file checks the open scenarios again.
    await vscode.commands.executeCommand('loadlens.selectEnvironment', 'one');
    await waitFor('the diagnostic back with one chosen', () => loadlensDiagnostics(document.uri).find((d) => codeOf(d) === 'variable-not-in-environment'));
    await writeWorkspaceFile('envs/http-client.env.json', JSON.stringify({ one: { host: one.base, onlyTwo: 'now in one too' }, two: { host: two.base, onlyTwo: 'x' } }, null, 2));
    await waitFor('no diagnostic once the file gives one the name', () => (loadlensDiagnostics(document.uri).some((d) => codeOf(d) === 'variable-not-in-environment') ? undefined : true));

    const hover = await hoverText(document, positionAfter(document, lineOf(document, 'Authorization'), '{{to'));
    assert.match(hover, /environment variable/);
    assert.match(hover, /private value, hidden/);
    assert.ok(!hover.includes(SECRET), hover);
  });
});

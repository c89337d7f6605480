// Plain .http files, Paste cURL as Request and Loadlens: Import… inside VS Code: the lenses on a
// file no other extension gives a language (plaintext), a load test of the file and of one
// request against a loopback server, the conversion beside the file, a curl command pasted into
// a scenario (from the clipboard too), and imports of a curl command and an OpenAPI document.
// The input flows are driven through the UI in test/e2e/http-files.e2e.ts; here the commands
// get their answers as arguments.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { loadlensDiagnostics, loopbackTarget, openNewScenario, waitFor, workspaceRoot } from './helpers';

let target: Awaited<ReturnType<typeof loopbackTarget>>;
let base = '';
const hits = new Map<string, number>();

function plainFile(): string[] {
  return [
    '@api = v1',
    '',
    `GET ${base}/{{api}}/list`,
    '',
    '###',
    '# @name health',
    `GET ${base}/health`,
    '',
  ];
}

async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  return waitFor('the code lenses of the .http file', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10);
    const titles = lenses.map((lens) => lens.command?.title ?? '').filter((title) => title !== '');
    return titles.some((title) => title.startsWith('Load test')) ? titles : undefined;
  });
}

async function runsOf(stem: string): Promise<string[]> {
  try {
    const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(workspaceRoot(), '.loadlens', 'runs'));
    return entries.map(([name]) => name).filter((name) => name.includes(stem));
  } catch {
    return [];
  }
}

async function textOf(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

describe('plain .http files, paste cURL and import', () => {
  before(async () => {
    target = await loopbackTarget((request, response) => {
      const path = request.url ?? '';
      hits.set(path, (hits.get(path) ?? 0) + 1);
      response.setHeader('content-type', 'application/json');
      response.end('{"ok":true}');
    });
    base = target.base;
  });

  after(() => target.close());

  it('shows Load test lenses on a plain .http file, which VS Code opens as plain text', async () => {
    const document = await openNewScenario('plain-api.http', plainFile());
    assert.equal(document.languageId, 'plaintext');
    const titles = await lensTitles(document.uri);
    assert.deepEqual(titles, ['Load test (all 2 requests)', 'Convert to Load Scenario', 'Load test', 'Load test']);
    const scenario = await openNewScenario('not-plain.load.http', ['# @host http://127.0.0.1:1', 'GET /']);
    const scenarioLenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', scenario.uri, 10);
    assert.ok(!scenarioLenses.some((lens) => lens.command?.title.startsWith('Load test')), 'a .load.http scenario has its own lenses only');
  });

  it('load-tests the whole file, then one request alone, with its variables', async () => {
    const document = await openNewScenario('plain-api.http', plainFile());
    hits.clear();
    await vscode.commands.executeCommand('loadlens.loadTestHttpFile', document.uri, undefined, { users: 2, runTimeMs: 2000 });
    await waitFor('the run of plain-api.http in .loadlens/runs', async () => ((await runsOf('plain-api')).length > 0 ? true : undefined));
    assert.ok((hits.get('/v1/list') ?? 0) > 0, `the file variable made the URL: ${JSON.stringify([...hits])}`);
    assert.ok((hits.get('/health') ?? 0) > 0);
    const before = (await runsOf('plain-api')).length;
    hits.clear();
    await vscode.commands.executeCommand('loadlens.loadTestHttpFile', document.uri, 1, { users: 1, runTimeMs: 1500 });
    await waitFor('the second run in .loadlens/runs', async () => ((await runsOf('plain-api')).length > before ? true : undefined));
    assert.ok((hits.get('/health') ?? 0) > 0);
    assert.equal(hits.get('/v1/list'), undefined, 'only the chosen request ran');
  });

  it('converts the file to NAME.load.http beside it, opened, with the load it was given', async () => {
    const document = await openNewScenario('convert-me.http', plainFile());
    await vscode.commands.executeCommand('loadlens.convertToLoadScenario', document.uri, { users: 3, spawnRate: 3, runTimeMs: 5000 });
    const target = vscode.Uri.joinPath(workspaceRoot(), 'convert-me.load.http');
    const opened = await waitFor('the converted scenario in the editor', () => {
      const active = vscode.window.activeTextEditor?.document;
      return active?.uri.toString() === target.toString() ? active : undefined;
    });
    assert.equal(opened.languageId, 'loadlens');
    const text = await textOf(target);
    assert.match(text, /^# Load test of convert-me\.http .*\n# @users 3\n# @spawn-rate 3\n# @run-time 5s\n/);
    assert.ok(text.endsWith(`${plainFile().join('\n')}\n`), 'the file follows as it was');
    await new Promise((done) => setTimeout(done, 1500));
    assert.deepEqual(loadlensDiagnostics(target).filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map((d) => d.message), []);
  });

  it('pastes a curl command as a request at the cursor, from the argument and from the clipboard', async () => {
    const document = await openNewScenario('pasted.load.http', [`# @host ${base}`, '# @users 1', '# @run-time 5s', '', '### Home', 'GET /', '']);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    editor.selection = new vscode.Selection(document.lineCount - 1, 0, document.lineCount - 1, 0);
    await vscode.commands.executeCommand('loadlens.pasteCurlAsRequest', `curl '${base}/hospital' -H 'content-type: application/json' -H 'X-Api-Key: s3cret' --data-raw '{"name":"A"}'`);
    const text = document.getText();
    assert.match(text, /\n###\n(.*\n)*@x-api-key = \{\{\$processEnv X_API_KEY\}\}\nPOST \/hospital\ncontent-type: application\/json\nX-Api-Key: \{\{x-api-key\}\}\n\n\{"name":"A"\}\n/);
    assert.doesNotMatch(text, /s3cret/);

    await vscode.env.clipboard.writeText('curl http://127.0.0.1:9/other');
    editor.selection = new vscode.Selection(document.lineCount - 1, 0, document.lineCount - 1, 0);
    await vscode.commands.executeCommand('loadlens.pasteCurlAsRequest');
    assert.match(document.getText(), /\nGET http:\/\/127\.0\.0\.1:9\/other\n/);
    await document.save();
    await new Promise((done) => setTimeout(done, 1500));
    assert.deepEqual(loadlensDiagnostics(document.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map((d) => d.message), []);
  });

  it('imports a curl command and an OpenAPI document, writes and opens each scenario', async () => {
    await openNewScenario('anchor.load.http', ['GET http://127.0.0.1:1/']);
    const curl = await vscode.commands.executeCommand<vscode.Uri | undefined>('loadlens.import', 'curl', `curl -k ${base}/patients`);
    assert.ok(curl);
    assert.equal(curl.path.split('/').pop(), 'patients.load.http');
    const curlText = await textOf(curl);
    assert.match(curlText, /# @host http:\/\/127\.0\.0\.1:\d+\n/);
    assert.match(curlText, /# Not carried over: -k/);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), curl.toString());

    const spec = vscode.Uri.joinPath(workspaceRoot(), 'small.openapi.json');
    await vscode.workspace.fs.writeFile(spec, new TextEncoder().encode(JSON.stringify({
      openapi: '3.0.3', info: { title: 'Small', version: '1' }, servers: [{ url: base }],
      paths: { '/hospital/{id}': { get: { operationId: 'getHospital', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', example: 1 } }], responses: { 200: { description: 'ok' } } } } },
    })));
    const api = await vscode.commands.executeCommand<vscode.Uri | undefined>('loadlens.import', 'openapi', spec);
    assert.ok(api);
    assert.equal(api.path.split('/').pop(), 'small.openapi.load.http');
    assert.match(await textOf(api), /### getHospital\n(.*\n)*GET \/hospital\/\{\{id\}\}/);
    await new Promise((done) => setTimeout(done, 1500));
    assert.deepEqual(loadlensDiagnostics(api).filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map((d) => d.message), []);
  });
});

// `loadlens import curl`: real-world command lines (as browsers copy them, and as people type
// them) must become scenarios that send what curl itself sends. Both requests are caught at a raw
// socket server on loopback and compared byte for byte: method, target, every header the command
// produces, and the body (curl's random multipart boundary replaced by the import's fixed one).

import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MULTIPART_BOUNDARY } from '../../src/core/import/multipart';
import { ensureBuilt, runCli, tempDir } from './helpers';
import { startRawRequestServer, type RawRequest, type RawRequestServer } from './raw-request-server';

interface CurlCase {
  name: string;
  /** As typed in bash; URL stands for the test server. */
  bash: string;
  /** The same request as Chrome's "Copy as cURL (cmd)" writes it: imported, compared with curl's run of `bash`. */
  cmd?: string;
  files?: Record<string, string>;
  /** The environment variables the scenario's secret variables read, as the user would set them. */
  env?: Record<string, string>;
}

const CHROME_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

const CASES: CurlCase[] = [
  {
    name: 'Chrome "Copy as cURL (bash)": GET with browser headers, continuation lines, --compressed',
    bash: [
      "curl 'URL/api/items?page=2&sort=name' \\",
      "  -H 'accept: application/json, text/plain, */*' \\",
      "  -H 'accept-language: en-US,en;q=0.9' \\",
      `  -H 'sec-ch-ua: "Chromium";v="124", "Google Chrome";v="124", "Not-A.Brand";v="99"' \\`,
      "  -H 'sec-fetch-mode: cors' \\",
      `  -H 'user-agent: ${CHROME_UA}' \\`,
      '  --compressed',
    ].join('\n'),
    cmd: [
      'curl ^"URL/api/items?page=2^&sort=name^" ^',
      '  -H ^"accept: application/json, text/plain, */*^" ^',
      '  -H ^"accept-language: en-US,en;q=0.9^" ^',
      '  -H ^"sec-ch-ua: ^\\^"Chromium^\\^";v=^\\^"124^\\^", ^\\^"Google Chrome^\\^";v=^\\^"124^\\^", ^\\^"Not-A.Brand^\\^";v=^\\^"99^\\^"^" ^',
      '  -H ^"sec-fetch-mode: cors^" ^',
      `  -H ^"user-agent: ${CHROME_UA}^" ^`,
      '  --compressed',
    ].join('\r\n'),
  },
  {
    name: 'Chrome (bash): POST JSON in $\'...\' with a quote and a newline escape',
    bash: `curl 'URL/hospital' -H 'content-type: application/json' --data-raw $'{"name":"St. John\\'s","note":"a\\\\nb"}'`,
    // The C runtime keeps a backslash that does not precede a quote, so `\n` is written `^\n`.
    cmd: 'curl ^"URL/hospital^" -H ^"content-type: application/json^" --data-raw ^"^{^\\^"name^\\^":^\\^"St. John\'s^\\^",^\\^"note^\\^":^\\^"a^\\nb^\\^"^}^"',
  },
  {
    name: 'Chrome (bash/cmd): a body with a real line break',
    bash: "curl 'URL/notes' -H 'content-type: text/plain' --data-raw $'line one\\nline two'",
    cmd: 'curl ^"URL/notes^" -H ^"content-type: text/plain^" --data-raw ^"line one^\n\nline two^"',
  },
  {
    name: 'Firefox "Copy as cURL": -X POST, Origin, JSON --data-raw',
    bash: "curl 'URL/patient' -X POST -H 'User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0' -H 'Accept: */*' -H 'Content-Type: application/json' -H 'Origin: http://demo.localhost' --data-raw '{\"hospital_id\":1,\"name\":\"Ann\"}'",
  },
  {
    name: 'typed: several -d joined with & as a form',
    bash: "curl -d 'name=A B' -d beds=3 -d 'note=50%' URL/hospital",
  },
  {
    name: 'typed: -G with --data-urlencode (spaces, &, +, UTF-8)',
    bash: "curl URL/search -G --data-urlencode 'q=café & bar' --data-urlencode 'x=1+2' -d plain=yes",
  },
  {
    name: 'typed: --data-binary @file keeps CRLF; -d @file drops line breaks',
    bash: 'curl URL/upload --data-binary @crlf.txt -H "Content-Type: text/plain"',
    files: { 'crlf.txt': 'first\r\nsecond\r\n' },
  },
  {
    name: 'typed: -d @file strips line breaks',
    bash: 'curl URL/upload -d @lines.txt',
    files: { 'lines.txt': 'a=1\n&b=2\r\n' },
  },
  {
    name: 'typed: -F multipart with a text field, a file and a <file value',
    bash: "curl -F name=report -F 'file=@data.txt;type=text/plain' -F 'meta=<meta.json' URL/upload",
    files: { 'data.txt': 'x,y\n1,2\n', 'meta.json': '{"v":1}' },
  },
  {
    name: 'typed: -u user:password becomes an Authorization variable',
    bash: 'curl -u alice:s3cret URL/private',
    env: { AUTHORIZATION: `Basic ${Buffer.from('alice:s3cret').toString('base64')}` },
  },
  {
    name: 'typed: -b cookies and a bearer token come from the environment',
    bash: "curl -b 'session=abc123; theme=dark' -H 'Authorization: Bearer tok.en' URL/me",
    env: { COOKIE: 'session=abc123; theme=dark', AUTHORIZATION: 'Bearer tok.en' },
  },
  {
    name: 'typed: --json with -X PUT',
    bash: `curl --json '{"beds": 5}' -X PUT URL/hospital/7`,
  },
  {
    name: 'typed: -A and -e set User-Agent and Referer',
    bash: "curl -A 'MyAgent/1.0' -e 'http://ref.localhost/page' URL/",
  },
  {
    name: 'typed: -I sends HEAD',
    bash: 'curl -I URL/health',
  },
  {
    name: 'typed: double quotes with backslash escapes, -X PATCH',
    bash: 'curl -X PATCH "URL/item/7" -H "Content-Type: application/json" -d "{\\"beds\\": 5, \\"tag\\": \\"\\$x\\"}"',
  },
  {
    name: 'untrusted: {{...}} in the URL, a header and the body is sent as written, never expanded',
    bash: `curl -g 'URL/t?q={{$guid}}' -H 'X-Note: {{$processEnv HOME}}' --data-raw '{"a":"{{$dotenv KEY}} {{x}}"}'`,
  },
  {
    name: 'typed: grouped and glued short options (-sSL, -XDELETE, -H\'...\')',
    bash: "curl -sSL -XDELETE -H'X-Trace: 1' 'URL/item/9?force=true'",
  },
];

function runCurl(command: string, cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // The command runs through bash, so its quoting is read by a real shell.
    const child = spawn('bash', ['-c', `${command} -s -o /dev/null`], { cwd, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`curl exited ${code}: ${command}`));
    });
  });
}

/** What a request says, without what each client adds on its own (connection handling, curl's defaults). */
function comparable(request: RawRequest, from: 'curl' | 'loadlens', command = ''): { line: string; headers: string[]; body: string } {
  const transport = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'keep-alive']);
  let headers = request.headers.filter(([name]) => !transport.has(name));
  let body = request.body.toString('latin1');
  if (from === 'curl') {
    // curl's own User-Agent and Accept, when the command does not set them.
    const named = (pattern: RegExp) => pattern.test(command);
    headers = headers.filter(
      ([name, value]) =>
        !(name === 'user-agent' && value.startsWith('curl/') && !named(/user-agent\s*:|\s-A\s/i)) &&
        !(name === 'accept' && value === '*/*' && !named(/accept\s*:/i)),
    );
    const boundary = /boundary=(\S+)/.exec(headers.find(([name]) => name === 'content-type')?.[1] ?? '')?.[1];
    if (boundary) {
      headers = headers.map(([name, value]) => [name, value.split(boundary).join(MULTIPART_BOUNDARY)]);
      body = body.split(boundary).join(MULTIPART_BOUNDARY);
    }
  }
  return { line: `${request.method} ${request.target}`, headers: headers.map(([name, value]) => `${name}: ${value}`).sort(), body };
}

const haveCurl = spawnSync('curl', ['--version']).status === 0;

describe('loadlens import curl: the request matches what curl sends', () => {
  let server: RawRequestServer;
  const dir = tempDir();
  before(async () => {
    ensureBuilt();
    server = await startRawRequestServer();
    if (!haveCurl) console.log('# curl is not installed here: each import is checked and run, but not compared with curl');
  });
  after(async () => {
    await server.close();
    dir.remove();
  });

  CASES.forEach((testCase, index) => {
    for (const form of testCase.cmd ? (['bash', 'cmd'] as const) : (['bash'] as const)) {
      it(`${testCase.name} [${form}]`, async () => {
        const cwd = join(dir.path, `case-${index}-${form}`);
        mkdirSync(cwd, { recursive: true });
        for (const [name, text] of Object.entries(testCase.files ?? {})) writeFileSync(join(cwd, name), text);
        const source = (form === 'cmd' ? (testCase.cmd as string) : testCase.bash).replace(/URL/g, server.url);
        const scenario = join(cwd, 'imported.load.http');

        const imported = await runCli(['import', 'curl', source, '-o', scenario], { cwd });
        assert.equal(imported.code, 0, imported.stderr);
        const checked = await runCli(['check', scenario], { cwd });
        assert.equal(checked.code, 0, `${checked.stdout}${checked.stderr}`);

        const fromLoadlens = server.next();
        const run = await runCli(['run', scenario, '-u', '1', '-t', '1s', '-q'], { cwd, env: testCase.env ?? {} });
        assert.equal(run.code, 0, `${run.stdout}${run.stderr}`);
        const sent = comparable(await fromLoadlens, 'loadlens');
        if (!haveCurl) return;
        const fromCurl = server.next();
        await runCurl(testCase.bash.replace(/URL/g, server.url), cwd);
        const expected = comparable(await fromCurl, 'curl', testCase.bash);
        assert.equal(sent.line, expected.line);
        assert.deepEqual(sent.headers, expected.headers);
        assert.equal(Buffer.from(sent.body, 'latin1').toString('hex'), Buffer.from(expected.body, 'latin1').toString('hex'), `body: ${JSON.stringify(sent.body)} vs curl ${JSON.stringify(expected.body)}`);
      });
    }
  });
});

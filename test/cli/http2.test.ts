// `loadlens run` over https: the protocol each request name used, in the JSON and the HTML report.
// One name reaches an HTTP/2 server and an HTTP/1.1-only server (its host comes from a data
// file), so it shows both.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RunResult } from '../../src/core/metrics/result';
import { startH2Server, startHttp1TlsServer, type H2Server } from '../support/tls-servers';
import { ensureBuilt, runCli, tempDir } from './helpers';

describe('loadlens run over https: protocols in the reports', () => {
  const dir = tempDir();
  let h2: H2Server;
  let h1: Awaited<ReturnType<typeof startHttp1TlsServer>>;
  before(async () => {
    ensureBuilt();
    h2 = await startH2Server((stream) => {
      stream.respond({ ':status': 200 });
      stream.end('two');
    });
    h1 = await startHttp1TlsServer('one');
  });
  after(async () => {
    await h2.close();
    await h1.close();
    dir.remove();
  });

  it('writes HTTP/2, HTTP/1.1 or both per request name into the JSON and the HTML', async () => {
    dir.file('ports.csv', `port\n${h2.port}\n${h1.port}\n`);
    const file = dir.file(
      'protocols.load.http',
      [
        '# @users 2',
        '# @run-time 2s',
        '# @data ports.csv as server',
        '',
        '### h2 only',
        `GET https://127.0.0.1:${h2.port}/two`,
        '',
        '### either',
        'GET https://127.0.0.1:{{server.port}}/any',
        '',
      ].join('\n'),
    );
    const out = join(dir.path, 'r');
    const { code, stdout, stderr } = await runCli(['run', file, '--insecure', '--json', `${out}.json`, '--html', `${out}.html`], { cwd: dir.path });
    assert.equal(code, 0, stderr + stdout);
    const result = JSON.parse(readFileSync(`${out}.json`, 'utf8')) as RunResult;
    const byName = new Map(result.endpoints.map((e) => [e.name, e]));
    assert.equal(byName.get('h2 only')?.failures, 0);
    assert.deepEqual(byName.get('h2 only')?.protocols, ['HTTP/2']);
    assert.deepEqual(byName.get('either')?.protocols, ['HTTP/1.1', 'HTTP/2']);
    assert.deepEqual(result.aggregate.protocols, ['HTTP/1.1', 'HTTP/2']);
    assert.equal(result.formatVersion, 1);
    assert.ok(h1.hits() > 0);
    const html = readFileSync(`${out}.html`, 'utf8');
    assert.match(html, /<th class="text">Protocol<\/th>/);
    assert.match(html, /<td class="text">h2 only<\/td>(?:<td>[^<]*<\/td>)+<td class="text">HTTP\/2<\/td><\/tr>/);
    assert.match(html, /<td class="text">either<\/td>(?:<td>[^<]*<\/td>)+<td class="text">HTTP\/1\.1, HTTP\/2<\/td><\/tr>/);
  });

  it('without --insecure, a self-signed certificate fails the requests and the summary says how to accept it', async () => {
    const file = dir.file('checked.load.http', ['# @users 1', '# @run-time 1s', '# @think 100ms', '', '### dev', `GET https://127.0.0.1:${h2.port}/two`, ''].join('\n'));
    const { stdout, stderr } = await runCli(['run', file], { cwd: dir.path });
    assert.match(stdout, /warning: \d+ requests? failed on the server's certificate \(DEPTH_ZERO_SELF_SIGNED_CERT\): .*: set loadlens\.insecure to accept it, or --insecure in the CLI\n/, stderr + stdout);
  });
});

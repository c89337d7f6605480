// examples/session-and-checks.load.http against the demo server (docs/scenario-sessions.md,
// "Sessions"): a cookie login in @on-start, ?? checks, a redirect; 0 failures. The same file with
// `# @no-cookie-jar` fails every request to the protected route with HTTP 401.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { RunResult } from '../../src/core/metrics/result';
import { EXAMPLES, runCli } from './helpers';
import { demoForSuite } from './servers';

const EXAMPLE = join(EXAMPLES, 'session-and-checks.load.http');
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as RunResult;

describe('examples/session-and-checks.load.http', () => {
  const { dir, url } = demoForSuite();

  it('runs against the demo server with 0 failures: logged in by cookie, redirect followed, every check passed', async () => {
    const json = join(dir.path, 'session.json');
    const { code, stdout, stderr } = await runCli(['run', EXAMPLE, '-H', url(), '-t', '2s', '--json', json]);
    assert.equal(code, 0, stderr + stdout);
    const result = readJson(json);
    const byName = new Map(result.endpoints.map((endpoint) => [endpoint.name, endpoint]));
    assert.equal(byName.get('Log in')?.requests, 10, 'one login per user');
    assert.ok((byName.get('Profile')?.requests ?? 0) > 0 && (byName.get('Old home page')?.requests ?? 0) > 0);
    assert.equal(result.aggregate.failures, 0, JSON.stringify(result.failures));
    assert.ok((result.checks ?? []).every((check) => check.evaluated > 0 && check.failed === 0), JSON.stringify(result.checks));
    const redirected = result.redirects?.find((entry) => entry.name === 'Old home page');
    assert.equal(redirected?.redirected, byName.get('Old home page')?.requests);
  });

  it('with # @no-cookie-jar every Profile request fails with HTTP 401, and the run exits 1', async () => {
    const text = readFileSync(EXAMPLE, 'utf8').replace('# @host http://localhost:8888', '# @host http://localhost:8888\n# @no-cookie-jar');
    assert.match(text, /@no-cookie-jar\n/);
    const file = dir.file('no-jar.load.http', text);
    const json = join(dir.path, 'no-jar.json');
    const { code, stdout, stderr } = await runCli(['run', file, '-H', url(), '-t', '2s', '--json', json]);
    assert.equal(code, 1, stderr + stdout);
    const result = readJson(json);
    const profile = result.endpoints.find((endpoint) => endpoint.name === 'Profile');
    assert.ok(profile && profile.requests > 0);
    assert.equal(profile.failures, profile.requests);
    assert.deepEqual(
      result.failures.filter((row) => row.name === 'Profile').map((row) => row.error),
      ['HTTP 401'],
    );
    assert.equal(result.endpoints.find((endpoint) => endpoint.name === 'Old home page')?.failures, 0);
  });
});

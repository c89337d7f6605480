// Each importer on a fixture written for the demo server's API (test/fixtures/import/): the
// scenario matches its snapshot, passes `check`, and runs for a few seconds against the demo
// server with no failure. `UPDATE_SNAPSHOTS=1` rewrites the snapshots: read the diff first.

import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DemoServer } from '../../examples/demo-server.mjs';
import { ensureBuilt, ROOT, runCli, tempDir } from './helpers';
import { startDemo } from './servers';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'import');
const update = process.env.UPDATE_SNAPSHOTS === '1';

interface FixtureCase {
  kind: string;
  source: string;
  extraImportArgs?: string[];
  extraRunArgs?: string[];
  snapshot: string;
}

const CASES: FixtureCase[] = [
  { kind: 'har', source: 'demo-session.har', snapshot: 'demo-session.har.load.http' },
  { kind: 'openapi', source: 'demo-api.openapi.yaml', snapshot: 'demo-api.openapi.load.http' },
  {
    kind: 'postman',
    source: 'demo-collection.postman_collection.json',
    extraImportArgs: ['--environment', join(FIXTURES, 'demo.postman_environment.json')],
    snapshot: 'demo-collection.postman.load.http',
  },
];

/** The demo API starts empty; a real staging API has data: one hospital and one patient, ids 1. */
async function seed(demo: DemoServer): Promise<void> {
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${demo.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(response.status, 201);
  };
  await post('/hospital', { name: 'Seed', beds: 10 });
  await post('/patient', { hospital_id: 1, name: 'Seed patient' });
}

describe('loadlens import: fixtures for the demo API import, check and run with no failure', () => {
  let demo: DemoServer;
  const dir = tempDir();
  before(async () => {
    ensureBuilt();
    demo = await startDemo();
    await seed(demo);
  });
  after(async () => {
    await demo.close();
    dir.remove();
  });

  for (const testCase of CASES) {
    it(`${testCase.kind}: ${testCase.source}`, async () => {
      const out = join(dir.path, `${testCase.kind}.load.http`);
      const imported = await runCli(['import', testCase.kind, join(FIXTURES, testCase.source), '-o', out, ...(testCase.extraImportArgs ?? [])], { cwd: dir.path });
      assert.equal(imported.code, 0, imported.stderr);
      const text = readFileSync(out, 'utf8');
      const snapshotPath = join(FIXTURES, testCase.snapshot);
      if (update) writeFileSync(snapshotPath, text);
      assert.ok(existsSync(snapshotPath), `no snapshot ${snapshotPath}: run with UPDATE_SNAPSHOTS=1 and review it`);
      assert.equal(text, readFileSync(snapshotPath, 'utf8'), `${testCase.snapshot} changed: review, then UPDATE_SNAPSHOTS=1`);

      const checked = await runCli(['check', out], { cwd: dir.path });
      assert.equal(checked.code, 0, checked.stdout);
      assert.doesNotMatch(checked.stdout, /: error: /);

      const json = join(dir.path, `${testCase.kind}.json`);
      const run = await runCli(['run', out, '--host', demo.url, '-u', '3', '-t', '4s', '--json', json, '-q', ...(testCase.extraRunArgs ?? [])], { cwd: dir.path, timeoutMs: 60_000 });
      assert.equal(run.code, 0, `${run.stdout}${run.stderr}`);
      const result = JSON.parse(readFileSync(json, 'utf8')) as { aggregate: { requests: number; failures: number } };
      assert.ok(result.aggregate.requests > 0, 'requests were sent');
      assert.equal(result.aggregate.failures, 0, run.stdout);
      // No recorded or stored secret reaches the scenario.
      for (const secret of ['recorded-secret-token', 'recorded-session-id', 'demo-secret-key-123', 'env-secret-token-456']) assert.ok(!text.includes(secret), secret);
    });
  }

  it('postman: the environment goes to http-client.env.json beside the scenario, without its secrets, keeping other environments', async () => {
    const folder = join(dir.path, 'env');
    mkdirSync(folder);
    writeFileSync(join(folder, 'http-client.env.json'), JSON.stringify({ staging: { patientId: '9' }, demo: { old: 'gone' } }));
    const out = join(folder, 'api.load.http');
    const imported = await runCli(['import', 'postman', join(FIXTURES, 'demo-collection.postman_collection.json'), '--environment', join(FIXTURES, 'demo.postman_environment.json'), '-o', out]);
    assert.equal(imported.code, 0, imported.stderr);
    assert.deepEqual(JSON.parse(readFileSync(join(folder, 'http-client.env.json'), 'utf8')), { staging: { patientId: '9' }, demo: { patientId: '1' } });
    assert.match(imported.stderr, /note: scenario: the value of the secret token of the Postman environment/);
  });
});

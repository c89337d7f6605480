// The engine reports its host without credentials: run/started (the panel, the status bar) and
// the result (JSON, history), while the requests themselves still go to that host.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runScenario, startServer } from './helpers';

test('run/started and the result carry the host without its userinfo', async () => {
  const server = await startServer((_req, res) => res.end('ok'));
  try {
    const host = server.url.replace('http://', 'http://admin:{{$processEnv LOADLENS_ENGINE_PASS}}@');
    const text = `# @host ${host}\n# @users 1\n\n### one\nGET /\n`;
    const { result, events } = await runScenario(text, { runTimeMs: 500, env: { LOADLENS_ENGINE_PASS: 'engine-pass-93d1' } });
    const started = events.find((event) => event.type === 'run/started');
    assert.equal(started?.type === 'run/started' && started.host, server.url);
    assert.equal(result.host, server.url);
    assert.doesNotMatch(JSON.stringify(events), /engine-pass-93d1|admin/);
    assert.ok(server.total() > 0, 'the requests were sent');
  } finally {
    await server.close();
  }
});

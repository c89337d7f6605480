// Unbounded inputs at run time: options beyond the limits (the extension's settings reach the
// engine without the CLI's flag checks), durations beyond one Node timer (2^31 ms), and
// variables that expand without bound (src/core/scenario/limits.ts, docs/security.md).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { NO_ENVIRONMENTS, planRun, type RunEnvironment } from '../../src/core/plan';
import { checkScenario, parseScenario } from '../../src/core/scenario';
import type { RunOptions } from '../../src/core/protocol/engine';
import { ExpansionLimitError, TemplateCompiler } from '../../src/engine/compile-template';
import { EngineRunError, runToCompletion, spawnEngine } from '../../src/engine/spawn';
import { ensureBuilt, startCommand, startServer, type TestServer } from './helpers';

let server: TestServer;
before(async () => {
  ensureBuilt();
  server = await startServer((req, res) => {
    if (req.url === '/slow') setTimeout(() => res.end('slow'), 300);
    else res.end('ok');
  });
});
after(() => server.close());

async function refused(text: string, options: RunOptions): Promise<EngineRunError> {
  const handle = spawnEngine();
  try {
    await runToCompletion(handle, startCommand(text, options));
  } catch (error) {
    assert.ok(error instanceof EngineRunError, String(error));
    return error;
  } finally {
    handle.kill();
  }
  throw new Error('the run was not refused');
}

test('options beyond the limits are refused as over-limit before anything is sent', async () => {
  const text = `# @host ${server.url}\n# @users 1\n# @run-time 1s\n\n### Home\nGET /\n`;
  const sentBefore = server.total();
  const users = await refused(text, { users: 1_000_000_000_000 });
  assert.equal(users.code, 'over-limit');
  assert.equal(users.message, "the number of users is at most 100,000 (Loadlens's limit, docs/security.md)");
  assert.equal((await refused(text, { rate: 99_999_999_999 })).code, 'over-limit');
  assert.equal((await refused(text, { workers: 1000 })).code, 'over-limit');
  assert.match((await refused(text, { stopTimeoutMs: 2 ** 40 })).message, /the stop timeout is at most 720h/);
  assert.equal(server.total(), sentBefore);
});

/** Runs `text` in a fresh engine, asks it to stop at its first interval; the result and how the engine exited. */
async function stoppedAtFirstInterval(text: string) {
  const handle = spawnEngine();
  try {
    const result = await runToCompletion(handle, startCommand(text), () => handle.stop());
    return { result, exit: await handle.exited };
  } finally {
    handle.kill();
  }
}

test('@run-time 600h (beyond one timer) runs until stopped, not 0 requests at once', async () => {
  const { result } = await stoppedAtFirstInterval(`# @host ${server.url}\n# @users 1\n# @run-time 600h\n# @think 50ms\n\n### Home\nGET /\n`);
  assert.equal(result.outcome, 'stopped');
  assert.ok(result.aggregate.requests > 0, 'requests were sent');
});

test('@stop-timeout 600h and a stop: iterations in flight finish and count, and the engine exits by itself', async () => {
  const { result, exit } = await stoppedAtFirstInterval(`# @host ${server.url}\n# @users 2\n# @stop-timeout 600h\n\n### Slow\nGET /slow\n`);
  assert.equal(result.outcome, 'stopped');
  // Beyond one timer, the grace once ran out after 1 ms and the requests in flight were cut off.
  assert.equal(result.aggregate.requests, server.hits.get('/slow'));
  assert.deepEqual(exit, { code: 0, signal: null });
});

function compileRequestUrl(text: string): () => unknown {
  const scenario = parseScenario(text);
  const compiler = new TemplateCompiler({ variables: scenario.variables, env: {}, dotenv: {}, data: new Map(), requestsByName: new Map() });
  return () => compiler.compile((scenario.requests[0] as (typeof scenario.requests)[number]).url);
}

test('the engine holds the expansion limits itself: doubling variables and deep chains are scenario errors, not crashes', () => {
  const doubling = ['# @host http://h', '# @users 1'];
  // 30 levels, within the depth limit: 'ab' doubled 30 times is 2 GiB, beyond any string.
  for (let i = 0; i < 30; i++) doubling.push(`@v${i} = {{v${i + 1}}}{{v${i + 1}}}`);
  doubling.push('@v30 = ab', '###', 'GET /?q={{v0}}');
  assert.throws(compileRequestUrl(doubling.join('\n')), (error) => error instanceof ExpansionLimitError && /expands to more than 1,048,576 characters/.test(error.message));

  const chain = ['# @host http://h', '# @users 1'];
  for (let i = 0; i < 20_000; i++) chain.push(`@v${i} = {{v${i + 1}}}`);
  chain.push('@v20000 = end', '###', 'GET /?q={{v0}}');
  assert.throws(compileRequestUrl(chain.join('\n')), (error) => error instanceof ExpansionLimitError && /nests variables more than 32 deep/.test(error.message));
});

test('beyond the limits only at run time (an environment value check cannot see): a coded scenario error, no stack trace', async () => {
  const text = `# @host ${server.url}\n# @users 1\n# @run-time 1s\n@twice = {{$processEnv BIG}}{{$processEnv BIG}}\n\n### Home\nPOST /\n\n{{twice}}\n`;
  const sentBefore = server.total();
  const error = await refused(text, { env: { BIG: 'x'.repeat(600_000) } });
  assert.equal(error.code, 'scenario-invalid');
  assert.equal(error.message, '@twice expands to more than 1,048,576 characters (docs/security.md, Limits)');
  assert.equal(server.total(), sentBefore);
});

test('planning a run (CLI, extension, engine) reports templates beyond the limits as a scenario problem, never throws', () => {
  const environment: RunEnvironment = {
    processEnv: { BIG: 'x'.repeat(600_000) },
    dotenv: {},
    environments: NO_ENVIRONMENTS,
    check: (text) => checkScenario(text, {}),
    templates: (values) => new TemplateCompiler({ ...values, data: new Map(), requestsByName: new Map() }),
    freshSeed: 1,
  };
  const doubling = ['# @host http://127.0.0.1:9', '# @users 1', '# @run-time 1s'];
  for (let i = 0; i < 40; i++) doubling.push(`@v${i} = {{v${i + 1}}}{{v${i + 1}}}`);
  doubling.push('@v40 = ab', '###', 'GET /{{v0}}');
  const fromCheck = planRun(doubling.join('\n'), {}, environment);
  assert.equal(fromCheck.problems[0]?.code, 'scenario-invalid');
  assert.match(fromCheck.problems[0]?.message ?? '', /@v20 expands to more than 1,048,576 characters/);

  const fromEnvironment = planRun('# @host http://{{$processEnv BIG}}{{$processEnv BIG}}\n# @users 1\n# @run-time 1s\n###\nGET /\n', {}, environment);
  assert.deepEqual(fromEnvironment.problems.map((problem) => problem.code), ['scenario-invalid']);
  assert.match(fromEnvironment.problems[0]?.message ?? '', /expands to more than 1,048,576 characters/);
});

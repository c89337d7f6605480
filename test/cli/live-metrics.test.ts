// `--out prometheus=URL` and `--out otlp=URL` end to end: a run streams to a real Prometheus
// (Debian's package, scripts/ci-tools/install.sh) started here with its remote-write receiver on a
// free loopback port, and to a local OTLP/HTTP receiver that decodes the protobuf payloads with a
// schema of the export message written for the test (test/support/otlp-metrics-schema.ts). A target
// that is down or hangs costs the run nothing but a warning.

import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { otlpMetricsTypes } from '../support/otlp-metrics-schema';
import type { RunResult } from '../../src/core/metrics/result';
import { freePort } from '../../scripts/lib/free-port.mjs';
import { CLI, ensureBuilt, runCli, tempDir } from './helpers';
import { answer, startServer, type TestServer } from './servers';

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function startPrometheus(dir: string): Promise<{ url: string; process: ChildProcess; log: () => string }> {
  const port = await freePort();
  const config = join(dir, 'prometheus.yml');
  writeFileSync(config, 'global:\n  scrape_interval: 1h\n');
  let log = '';
  const child = spawn(
    'prometheus',
    [`--config.file=${config}`, `--storage.tsdb.path=${join(dir, 'tsdb')}`, `--web.listen-address=127.0.0.1:${port}`, '--web.enable-remote-write-receiver'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const failed = new Promise<never>((_, reject) => child.once('error', (error) => reject(new Error(`prometheus did not start (run scripts/ci-tools/install.sh): ${error.message}`))));
  const url = `http://127.0.0.1:${port}`;
  await Promise.race([waitUntil(async () => (await fetch(`${url}/-/ready`)).ok, 60_000, 'Prometheus to be ready'), failed]);
  return { url, process: child, log: () => log };
}

async function queryValue(prometheusUrl: string, query: string): Promise<number | undefined> {
  const response = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(query)}`);
  const body = (await response.json()) as { data: { result: Array<{ value: [number, string] }> } };
  const value = body.data.result[0]?.value[1];
  return value === undefined ? undefined : Number(value);
}

describe('loadlens run --out', () => {
  const dir = tempDir();
  let target: TestServer;
  let scenario: string;
  before(async () => {
    ensureBuilt();
    target = await startServer(answer(200, 2));
    scenario = dir.file('live.load.http', ['# @users 3', '# @run-time 3s', '', '### Home', 'GET /', '', '### List', 'GET /list', ''].join('\n'));
  });
  after(async () => {
    await target.close();
    dir.remove();
  });

  it('streams to a real Prometheus: loadlens_requests_total equals the run\'s request count', async () => {
    const prometheus = await startPrometheus(dir.path);
    try {
      const json = join(dir.path, 'prom.json');
      const outcome = await runCli(['run', scenario, '--host', target.url, '-q', '--json', json, '--out', `prometheus=${prometheus.url}/api/v1/write`]);
      assert.equal(outcome.code, 0, outcome.stdout + outcome.stderr);
      assert.doesNotMatch(outcome.stdout, /warning: --out/, 'every interval delivered');
      const result = JSON.parse(readFileSync(json, 'utf8')) as RunResult;
      assert.ok(result.aggregate.requests > 0);
      assert.equal(await queryValue(prometheus.url, 'loadlens_requests_total{name="Aggregated"}'), result.aggregate.requests, prometheus.log());
      assert.equal(await queryValue(prometheus.url, 'sum(loadlens_requests_total{name!="Aggregated"})'), result.aggregate.requests);
      assert.equal(await queryValue(prometheus.url, 'loadlens_failures_total{name="Home",method="GET"}'), 0);
      // Quantiles and users were streamed while the run went on (an earlier moment than the end).
      const p95 = await queryValue(prometheus.url, 'max_over_time(loadlens_response_time_seconds{name="Aggregated",quantile="0.95"}[5m])');
      assert.ok(p95 !== undefined && p95 > 0.001 && p95 < 5, `p95 ${p95}`);
      assert.equal(await queryValue(prometheus.url, 'max_over_time(loadlens_users[5m])'), 3);
      assert.ok(((await queryValue(prometheus.url, 'count_over_time(loadlens_rps{name="Aggregated"}[5m])')) ?? 0) >= 2, 'one rps sample per second');
    } finally {
      prometheus.process.kill('SIGTERM');
    }
  });

  it('streams OTLP/HTTP protobuf that decodes to the same names, labels and final count', async () => {
    const { Request, Response } = otlpMetricsTypes();
    const bodies: Buffer[] = [];
    const receiver = await startServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        bodies.push(Buffer.concat(chunks));
        res.writeHead(200, { 'Content-Type': 'application/x-protobuf' });
        res.end(Buffer.from(Response.encode(Response.create({})).finish()));
      });
    });
    // startServer resumes the request stream for us; our listener still sees the data.
    try {
      const json = join(dir.path, 'otlp.json');
      const outcome = await runCli(['run', scenario, '--host', target.url, '-q', '--json', json, '--out', `otlp=${receiver.url}/v1/metrics`]);
      assert.equal(outcome.code, 0, outcome.stdout + outcome.stderr);
      assert.doesNotMatch(outcome.stdout, /warning: --out/);
      const result = JSON.parse(readFileSync(json, 'utf8')) as RunResult;
      assert.ok(bodies.length >= 3, `${bodies.length} exports`);
      type Attribute = { key: string; value: { stringValue?: string } };
      type Point = { attributes: Attribute[]; asDouble?: number; asInt?: number };
      type Metric = { name: string; sum?: { dataPoints: Point[]; isMonotonic: boolean }; gauge?: { dataPoints: Point[] } };
      const last = Request.toObject(Request.decode(bodies[bodies.length - 1] as Buffer), { longs: Number, defaults: false }) as {
        resourceMetrics: Array<{ resource: { attributes: Attribute[] }; scopeMetrics: Array<{ metrics: Metric[] }> }>;
      };
      const resource = last.resourceMetrics[0];
      assert.ok(resource?.resource.attributes.some((a) => a.key === 'service.name' && a.value.stringValue === 'loadlens'));
      const metrics = resource?.scopeMetrics.flatMap((scope) => scope.metrics) ?? [];
      const requests = metrics.find((m) => m.name === 'loadlens_requests_total');
      assert.equal(requests?.sum?.isMonotonic, true, 'a counter');
      const label = (point: Point, key: string) => point.attributes.find((a) => a.key === key)?.value.stringValue;
      const aggregate = requests?.sum?.dataPoints.find((p) => label(p, 'name') === 'Aggregated');
      assert.equal(aggregate?.asDouble ?? aggregate?.asInt, result.aggregate.requests);
      assert.equal(label(aggregate as Point, 'scenario'), scenario);
      // Quantile gauges were sent during the run.
      const during = bodies.slice(0, -1).map((body) => Request.toObject(Request.decode(body), { defaults: false }) as typeof last);
      const quantiles = during.flatMap((r) => r.resourceMetrics.flatMap((rm) => rm.scopeMetrics.flatMap((s) => s.metrics))).filter((m) => m.name === 'loadlens_response_time_seconds');
      assert.ok(quantiles.some((m) => m.gauge?.dataPoints.some((p) => label(p, 'quantile') === '0.95')));
    } finally {
      await receiver.close();
    }
  });

  it('a target that is down or never answers does not slow or stop the run: a warning counts the lost intervals', async () => {
    const down = await freePort();
    const hanging = await startServer(() => {
      // Never answers.
    });
    try {
      const started = Date.now();
      const outcome = await runCli(
        ['run', scenario, '--host', target.url, '-q', '--json', join(dir.path, 'down.json'), '--out', `prometheus=http://127.0.0.1:${down}/api/v1/write`, '--out', `otlp=${hanging.url}/v1/metrics`],
        { timeoutMs: 60_000 },
      );
      const elapsedMs = Date.now() - started;
      assert.equal(outcome.code, 0, outcome.stdout + outcome.stderr);
      assert.match(outcome.stdout, new RegExp(`warning: --out prometheus=http://127\\.0\\.0\\.1:${down}/api/v1/write: \\d+ of \\d+ intervals were not delivered \\(last error: ECONNREFUSED\\); the run itself was not affected\\.`));
      assert.match(outcome.stdout, /warning: --out otlp=http:\/\/127\.0\.0\.1:\d+\/v1\/metrics: \d+ of \d+ intervals were not delivered/);
      const result = JSON.parse(readFileSync(join(dir.path, 'down.json'), 'utf8')) as RunResult;
      assert.equal(result.outcome, 'completed');
      assert.ok(result.endTime - result.startTime < 4500, `the run kept its 3 s: ${result.endTime - result.startTime} ms`);
      // 3 s of load, the engine's start and stop, and at most the exporters' 3 s close timeout.
      assert.ok(elapsedMs < 20_000, `took ${elapsedMs} ms`);
    } finally {
      await hanging.close();
    }
  });

  it('credentials in the URL go as basic authentication, and are printed nowhere', async () => {
    const authorizations = new Set<string | undefined>();
    const receiver = await startServer((req, res) => {
      authorizations.add(req.headers.authorization);
      res.writeHead(401).end('no');
    });
    try {
      const url = receiver.url.replace('http://', 'http://ci:s3cret@');
      const outcome = await runCli(['run', scenario, '--host', target.url, '-q', '--out', `prometheus=${url}/api/v1/write`]);
      assert.equal(outcome.code, 0, outcome.stderr);
      assert.deepEqual([...authorizations], [`Basic ${Buffer.from('ci:s3cret').toString('base64')}`]);
      assert.match(outcome.stdout, /warning: --out prometheus=http:\/\/127\.0\.0\.1:\d+\/api\/v1\/write: \d+ of \d+ intervals were not delivered \(last error: HTTP 401: no\)/);
      assert.doesNotMatch(outcome.stdout + outcome.stderr, /s3cret/);
    } finally {
      await receiver.close();
    }
  });

  it('the exporters are a bundle of their own: a run without --out never loads them', () => {
    const cli = readFileSync(CLI, 'utf8');
    assert.doesNotMatch(cli, /OTLPMetricExporter|prometheus\.WriteRequest/);
    assert.match(readFileSync(join(CLI, '..', 'live-metrics.js'), 'utf8'), /OTLPMetricExporter/);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseResultJson, resultJson } from '../../../src/core/report';
import { deriveInsights } from '../../../src/core/analysis';
import { buildRunResult } from '../../fixtures/results';

function fullResult() {
  const result = buildRunResult({ durationS: 12, load: { kind: 'stages', target: 'users', stages: [{ durationMs: 6000, target: 20 }, { durationMs: 6000, target: 0 }], maxUsers: 1000 } });
  result.outcome = 'aborted';
  result.abortedBy = 'p95 < 100ms abort';
  result.thresholds = [{ rule: 'p95 < 100ms abort', severity: 'error', abort: true, target: 'List hospitals', requestIndex: 1, ruleLine: 7, actual: 433.9, requests: 80, passed: false, isDefault: false }];
  result.insights = deriveInsights(result);
  return result;
}

function message(text: string): string {
  const parsed = parseResultJson(text);
  assert.equal(parsed.ok, false);
  return parsed.ok ? '' : parsed.message;
}

describe('resultJson / parseResultJson', () => {
  it('round-trips a result without loss, histograms included', () => {
    const result = fullResult();
    const parsed = parseResultJson(resultJson(result));
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.message);
    assert.deepStrictEqual(parsed.result, result);
    assert.equal(parsed.result.aggregate.histogram, result.aggregate.histogram);
  });

  it('round-trips the protocols per request name, and reads results written without them', () => {
    const result = fullResult();
    (result.endpoints[0] as { protocols?: string[] }).protocols = ['HTTP/1.1', 'HTTP/2'];
    result.aggregate.protocols = ['HTTP/1.1', 'HTTP/2'];
    const parsed = parseResultJson(resultJson(result));
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.message);
    assert.deepEqual(parsed.result.endpoints[0]?.protocols, ['HTTP/1.1', 'HTTP/2']);
    assert.equal(parsed.result.endpoints[1]?.protocols, undefined);
    const hostile = JSON.parse(resultJson(result));
    hostile.endpoints[0].protocols = ['<script>'];
    assert.equal(message(JSON.stringify(hostile)), "not a valid Loadlens result: endpoints[0].protocols[0]: expected one of HTTP/1.1, HTTP/2, found '<script>'");
  });

  it('round-trips every load model', () => {
    for (const load of [{ kind: 'users' as const, users: 10 }, { kind: 'rate' as const, rate: 100, runTimeMs: 60_000, maxUsers: 1000 }]) {
      const result = { ...buildRunResult({ durationS: 2 }), load };
      const parsed = parseResultJson(resultJson(result));
      assert.ok(parsed.ok && parsed.result.load.kind === load.kind);
    }
  });

  it('says which version it reads when the formatVersion differs', () => {
    const future = { ...fullResult(), formatVersion: 2 };
    assert.equal(message(JSON.stringify(future)), 'result format 2 is newer than this Loadlens reads (1): update Loadlens');
    assert.equal(message(JSON.stringify({ ...fullResult(), formatVersion: '1' })), "unsupported result format '1': this Loadlens reads format 1");
    const { formatVersion: _dropped, ...unversioned } = fullResult();
    assert.equal(message(JSON.stringify(unversioned)), 'not a Loadlens result: it has no formatVersion');
  });

  it('names the missing or wrong field with its path', () => {
    const result = fullResult() as unknown as Record<string, unknown>;
    const { aggregate: _a, ...noAggregate } = result;
    assert.equal(message(JSON.stringify(noAggregate)), 'not a valid Loadlens result: aggregate: expected an object, found nothing');
    const badEndpoint = JSON.parse(resultJson(fullResult()));
    badEndpoint.endpoints[2].requests = 'many';
    assert.equal(message(JSON.stringify(badEndpoint)), "not a valid Loadlens result: endpoints[2].requests: expected a number, found 'many'");
    const badInterval = JSON.parse(resultJson(fullResult()));
    badInterval.intervals[3].aggregate.window['95'] = null;
    assert.equal(message(JSON.stringify(badInterval)), 'not a valid Loadlens result: intervals[3].aggregate.window.95: expected a number, found null');
    const badLoad = JSON.parse(resultJson(fullResult()));
    badLoad.load = { kind: 'waves' };
    assert.equal(message(JSON.stringify(badLoad)), "not a valid Loadlens result: load.kind: expected users, rate or stages, found 'waves'");
  });

  it('never throws, whatever the text', () => {
    assert.match(message('{"formatVersion": 1,'), /^not JSON: /);
    assert.equal(message('null'), 'not a Loadlens result: expected an object, found null');
    assert.equal(message('[1, 2]'), 'not a Loadlens result: expected an object, found a list');
    assert.equal(message('"text"'), "not a Loadlens result: expected an object, found 'text'");
    assert.equal(message('{"formatVersion": 1}'), 'not a valid Loadlens result: engineVersion: expected a string, found nothing');
    assert.match(message(''), /^not JSON: /);
  });
});

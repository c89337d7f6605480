import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAutocannon, parseLocustSummary, parseWrk, wrkDurationMs } from '../lib/parse-outputs.mjs';

const WRK = `Running 3s test @ http://127.0.0.1:33943/
  1 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.73ms    2.15ms  25.30ms   88.30%
    Req/Sec    37.93k     6.11k   57.53k    86.67%
  Latency Distribution
     50%  731.00us
     75%    2.49ms
     90%    4.10ms
     99%    9.69ms
  113483 requests in 3.01s, 16.13MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
Requests/sec:  37649.23
Transfer/sec:      5.35MB
`;

test('wrk: total over duration, percentiles in ms whatever their unit, socket errors summed', () => {
  const parsed = parseWrk(WRK);
  assert.equal(parsed.requests, 113483);
  assert.ok(Math.abs(parsed.rps - 113483 / 3.01) < 1e-6);
  assert.equal(parsed.p50Ms, 0.731);
  assert.equal(parsed.p99Ms, 9.69);
  assert.equal(parsed.errors, 3);
  assert.equal(wrkDurationMs('2.00s'), 2000);
  assert.throws(() => parseWrk('unable to connect'), /unexpected wrk output/);
});

test('autocannon: total requests over its duration, errors include timeouts and non-2xx', () => {
  const json = JSON.stringify({
    duration: 3.06,
    errors: 1,
    timeouts: 2,
    non2xx: 3,
    latency: { p50: 1, p99: 11 },
    requests: { total: 67448, average: 22482.67 },
  });
  const parsed = parseAutocannon(`some banner\n${json}`);
  assert.equal(parsed.rps, 67448 / 3.06);
  assert.deepEqual([parsed.p50Ms, parsed.p99Ms, parsed.errors], [1, 11, 6]);
});

test('locust: the printed summary, not the CSV, gives the final numbers', () => {
  const text = `Type     Name  # reqs      # fails |    Avg     Min     Max    Med |   req/s  failures/s
--------|------|-------|-------------|-------|-------|-------|-------|--------|-----------
GET      /      13453     0(0.00%) |      4       0      51      3 | 4902.21        0.00
--------|------|-------|-------------|-------|-------|-------|-------|--------|-----------
         Aggregated                                                                     13453     2(0.01%) |      4       0      51      3 | 4902.21        0.00

Response time percentiles (approximated)
Type     Name   50%    66%    75%    80%    90%    95%    98%    99%  99.9% 99.99%   100% # reqs
GET      /        3      5      7      7      8     10     13     17     42     51     51  13453
         Aggregated                                                                              3      5      7      7      8     10     13     17     42     51     51  13453
`;
  assert.deepEqual(parseLocustSummary(text), { rps: 4902.21, p50Ms: 3, p99Ms: 17, requests: 13453, errors: 2 });
});

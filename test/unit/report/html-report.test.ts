import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { htmlReport } from '../../../src/core/report';
import { deriveInsights } from '../../../src/core/analysis';
import type { RunResult } from '../../../src/core/metrics/result';
import { buildRunResult } from '../../fixtures/results';

const XSS = '<img src=x onerror=alert(1)>';
const ESCAPED = '&lt;img src=x onerror=alert(1)&gt;';

function hostileResult(): RunResult {
  const result = buildRunResult({ durationS: 30 });
  result.scenario.path = `scenarios/${XSS}.load.http`;
  result.host = 'http://admin:s3cret@localhost:8888';
  result.failures.push({ method: 'GET', name: `GET /search?q=${XSS}`, error: XSS, occurrences: 3 });
  const first = result.endpoints[0];
  if (first) first.name = `<script>alert("name")</script>`;
  result.thresholds = [
    { rule: 'p95 < 300ms', severity: 'error', abort: false, target: 'List hospitals', requestIndex: 1, ruleLine: 12, actual: 433.9, requests: 835, passed: false, isDefault: false },
    { rule: 'errors < 1% warn', severity: 'warn', abort: false, target: 'aggregate', actual: 0.4, requests: 2785, passed: true, isDefault: true },
  ];
  result.insights = [...deriveInsights(result), { kind: 'error-rate', severity: 'warning', target: XSS, message: `${XSS}: error rate 4%` }];
  return result;
}

describe('htmlReport', () => {
  const html = htmlReport(hostileResult());

  it('is one self-contained document: no script, no link, no network reference', () => {
    assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /<link/i);
    assert.doesNotMatch(html, /@import/i);
    assert.doesNotMatch(html, /\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    assert.doesNotMatch(html, /url\(\s*["']?\s*(?:https?:)?\/\//i);
    const tags = html.match(/<[a-z][^>]*>/gi) ?? [];
    assert.ok(tags.length > 100);
    assert.deepEqual(tags.filter((tag) => /\s(?:src|href|xlink:href|srcset|poster|data)\s*=/i.test(tag)), [], 'no element loads anything at all');
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">/);
  });

  it('shows strings from the scenario, the server and files as text', () => {
    assert.ok(!html.includes(XSS), 'the raw failure text never appears');
    assert.ok(html.includes(`<td class="text">${ESCAPED}</td>`), 'the failure text is shown, escaped');
    assert.ok(html.includes(`<h1>scenarios/${ESCAPED}.load.http</h1>`));
    assert.ok(html.includes('&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;'));
    assert.ok(html.includes(`${ESCAPED}: error rate 4%`));
  });

  it('never shows credentials from the host URL', () => {
    assert.ok(!html.includes('s3cret'));
    assert.ok(html.includes('http://localhost:8888'));
  });

  it('has the summary a reader looks for first, and the verdict', () => {
    for (const label of ['Total requests', 'Success rate', 'Average latency', '95th percentile', 'RPS (peak)', 'Duration', 'Load model', 'Host']) assert.ok(html.includes(`<div class="label">${label}</div>`), label);
    assert.ok(html.includes('50 users · spawn 5/s · 30s'));
    assert.ok(html.includes('<span class="verdict fail">Failed</span>'));
    assert.ok(html.includes('<td class="text">errors &lt; 1% warn (default)</td>'));
  });

  it('has every section: verdicts, insights, charts, stats, percentiles, failures, distribution', () => {
    for (const heading of ['Thresholds', 'Insights', 'Over time', 'Request statistics', 'Response time percentiles', 'Failures', 'Response-time distribution']) {
      assert.ok(html.includes(`<h2>${heading}</h2>`), heading);
    }
    assert.equal(html.match(/<svg class="chart"/g)?.length, 4, 'RPS, response times, users, distribution');
    assert.match(html, /<th class="text">Type<\/th><th class="text">Name<\/th><th># Requests<\/th><th># Fails<\/th><th>Median<\/th>/);
    assert.match(html, /<tr class="total"><td class="text"><\/td><td class="text">Aggregated<\/td>/);
  });

  it('gives a failure code the plain words the panel and the CLI give it', () => {
    const result = buildRunResult({ durationS: 5 });
    result.failures = [{ method: 'GET', name: 'dev', error: 'DEPTH_ZERO_SELF_SIGNED_CERT', occurrences: 12 }];
    assert.match(
      htmlReport(result),
      /<td class="text">DEPTH_ZERO_SELF_SIGNED_CERT<br><span class="muted">the server&#39;s certificate is self-signed, and only certificates the system trusts are accepted: set loadlens.insecure to accept it, or --insecure in the CLI<\/span><\/td>/,
    );
  });

  it('prints and follows the colour scheme', () => {
    assert.match(html, /@media print/);
    assert.match(html, /@media \(prefers-color-scheme: dark\)/);
  });

  it('copes with a run that sent nothing', () => {
    const empty = buildRunResult({ durationS: 3, endpoints: [{ method: 'GET', name: 'GET /', perSecond: () => 0, latencyMs: () => 1 }] });
    const text = htmlReport(empty);
    assert.ok(text.includes('No response-time histogram in this result.'));
    assert.ok(text.includes('<span class="verdict none">No thresholds</span>'));
    assert.ok(!text.includes('NaN'));
  });
});

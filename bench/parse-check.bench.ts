// Parse + check of a generated 5,000-line scenario: warm-up, then median and p95 over 50 runs.
// Run with `npm run bench:parse` (node --import tsx bench/parse-check.bench.ts). Target: < 50 ms.
import { performance } from 'node:perf_hooks';
import { checkScenario } from '../src/core/scenario';

const TARGET_LINES = 5000;

/** A realistic file: a header with every scenario directive, then varied request blocks. */
function generateScenario(lines: number): string {
  const out = [
    '# Generated benchmark scenario',
    '# @host {{baseUrl}}',
    '@baseUrl = http://localhost:8888',
    '@token = {{$processEnv API_TOKEN}}',
    '# @stage 1m 50',
    '# @stage 3m 50',
    '# @stage 1m 0',
    '# @think 1s..2s',
    '# @timeout 10s',
    '# @threshold p95 < 500ms warn',
    '# @threshold errors < 1%',
    '# @data patients.csv as patient random',
    '',
  ];
  for (let i = 0; out.length < lines; i++) {
    out.push(`### Request ${i}`);
    if (i % 5 === 0) out.push(`# @task ${1 + (i % 7)}`);
    out.push(`# @name r${i}`, '# @expect status 200,201,2xx', '# @threshold p99 < 1s');
    if (i % 2 === 0) {
      out.push(`GET /patient/{{patient.id}}?page=${i}&size={{$randomInt 1 100}} HTTP/1.1`, 'Accept: application/json', `Authorization: Bearer {{token}}`, '');
    } else {
      out.push(
        `POST /hospital/${i}`,
        'Content-Type: application/json',
        `X-Request-Id: {{$guid}}`,
        '',
        '{',
        `  "name": "Hospital {{$randomInt 1 100000}}",`,
        `  "previous": "{{r${i - 1}.response.body.$.id}}",`,
        `  "patient": "{{patient.name}}", "at": "{{$datetime iso8601}}"`,
        '}',
        '',
      );
    }
  }
  return out.slice(0, lines).join('\n');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function main(): void {
  const text = generateScenario(TARGET_LINES);
  const env = { fileExists: () => true, csvColumns: () => ['id', 'name'] };
  const first = checkScenario(text, env);
  const errors = first.diagnostics.filter((d) => d.severity === 'error');
  for (let i = 0; i < 20; i++) checkScenario(text, env);
  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    const start = performance.now();
    checkScenario(text, env);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(`parse+check of ${first.scenario.lineCount} lines, ${first.scenario.requests.length} requests, ${errors.length} errors`);
  console.log(`median ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms, min ${(times[0] ?? NaN).toFixed(2)} ms (target < 50 ms)`);
}

main();

// `--junit FILE.xml` (docs/cli.md): one testsuite per scenario, one testcase per threshold
// rule and target, a `failure` for each broken `error` rule, and a broken `warn` rule as a passing
// testcase whose `system-out` says so. The JUnit report schema is the contract
// (test/fixtures/junit/junit.xsd); Jenkins, GitHub, GitLab and Azure read this shape.
import { describeVerdictValue, targetLabel as verdictTargetName } from '../present/verdicts';
import { formatChange, METRIC_LABELS, regressions } from '../comparison/cells';
import type { Comparison } from '../comparison/compare-results';
import type { RunResult, ThresholdVerdict } from '../metrics/result';
import { escapeXmlAttribute, escapeXmlText } from './xml';

export interface JunitExtras {
  /** The change against `--baseline`, listed in the suite's system-out. */
  comparison?: Comparison;
  baselineLabel?: string;
  /** The machine's name, for the suite's `hostname`. */
  hostname?: string;
}

const seconds = (ms: number): string => (Math.max(0, ms) / 1000).toFixed(3);

function attributes(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXmlAttribute(String(value))}"`)
    .join('');
}

function verdictLine(verdict: ThresholdVerdict): string {
  const state = verdict.passed ? 'passed' : verdict.severity === 'error' ? 'broken' : 'broken (warn)';
  return `${verdict.rule} on ${verdictTargetName(verdict)}: ${describeVerdictValue(verdict)} over ${verdict.requests} requests, ${state}`;
}

function testcase(verdict: ThresholdVerdict, classname: string): string {
  const open = `    <testcase${attributes({ name: `${verdict.rule} · ${verdictTargetName(verdict)}`, classname, time: '0' })}>`;
  const line = verdictLine(verdict);
  if (!verdict.passed && verdict.severity === 'error') {
    const message = `${verdict.rule} broken on ${verdictTargetName(verdict)}: ${describeVerdictValue(verdict)}`;
    return `${open}\n      <failure${attributes({ type: 'threshold', message })}>${escapeXmlText(line)}</failure>\n    </testcase>`;
  }
  const prefix = verdict.passed ? '' : 'warning: ';
  return `${open}\n      <system-out>${escapeXmlText(prefix + line)}</system-out>\n    </testcase>`;
}

function suiteOutput(result: RunResult, extras: JunitExtras): string {
  const lines = [`${result.aggregate.requests} requests, ${result.aggregate.failures} failed, outcome ${result.outcome}${result.abortedBy ? ` (${result.abortedBy})` : ''}`];
  if (extras.comparison) {
    const worse = regressions([...extras.comparison.rows, extras.comparison.aggregate]);
    lines.push(`Against the baseline${extras.baselineLabel ? ` ${extras.baselineLabel}` : ''}: ${worse.length === 0 ? 'no significant regression' : `${worse.length} significant regression${worse.length === 1 ? '' : 's'}`}`);
    for (const { row, change } of worse) lines.push(`  ${row.name}: ${METRIC_LABELS[change.metric]} ${formatChange(change)}`);
    if (!extras.comparison.sameScenario) lines.push('  (the baseline comes from a different version of the scenario)');
  }
  return lines.join('\n');
}

export function junitReport(result: RunResult, extras: JunitExtras = {}): string {
  const verdicts = result.thresholds;
  const failures = verdicts.filter((v) => !v.passed && v.severity === 'error').length;
  const time = seconds(result.endTime - result.startTime);
  const classname = result.scenario.path;
  const properties = [
    ['scenario.hash', result.scenario.hash],
    ['host', result.host],
    ['engine.version', result.engineVersion],
    ['baseline', extras.baselineLabel],
  ].filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '');
  const suite = attributes({
    name: result.scenario.path,
    tests: verdicts.length,
    failures,
    errors: 0,
    skipped: 0,
    time,
    timestamp: new Date(result.startTime).toISOString().replace(/\.\d{3}Z$/, ''),
    hostname: extras.hostname,
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({ name: 'loadlens', tests: verdicts.length, failures, errors: 0, time })}>`,
    `  <testsuite${suite}>`,
    '    <properties>',
    ...properties.map(([name, value]) => `      <property${attributes({ name, value })}/>`),
    '    </properties>',
    ...verdicts.map((verdict) => testcase(verdict, classname)),
    `    <system-out>${escapeXmlText(suiteOutput(result, extras))}</system-out>`,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

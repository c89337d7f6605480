// The argument parser and `run`'s flag checks: every form Locust users type, and a message that
// says what to do for every mistake.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseArgs } from '../../src/cli/args';
import { UsageError } from '../../src/cli/exit-codes';
import { HELP_OPTION } from '../../src/cli/help';
import { DEFAULT_THRESHOLD_RULES } from '../../src/core/analysis';
import { RUN_OPTIONS, toRunSettings } from '../../src/cli/run-options';

const SPECS = [...RUN_OPTIONS, HELP_OPTION];
const settings = (...argv: string[]) => toRunSettings(parseArgs(argv, SPECS, 'run'));

function usageError(argv: string[], pattern: RegExp): void {
  assert.throws(() => settings(...argv), (error: unknown) => error instanceof UsageError && pattern.test(error.message));
}

describe('parseArgs', () => {
  it('reads --flag value, --flag=value, short flags, glued short values and switches', () => {
    const run = settings('a.load.http', '--host', 'http://127.0.0.1:8888', '--users=50', '-r', '5', '-t2m', '--headless', '-q');
    assert.equal(run.scenarioFile, 'a.load.http');
    assert.equal(run.options.host, 'http://127.0.0.1:8888');
    assert.equal(run.options.users, 50);
    assert.equal(run.options.spawnRate, 5);
    assert.equal(run.options.runTimeMs, 120_000);
    assert.equal(run.quiet, true);
  });

  it('maps every run option onto RunOptions and the reports', () => {
    const run = settings('a.load.http', '-H', 'https://api.test', '--rate', '20/s', '-u', '300', '--stop-timeout', '1.5', '--workers', 'auto', '--seed', '7', '--insecure', '--csv', 'out/r', '--csv-full-history', '--html', 'r.html', '--json', 'r.json');
    assert.deepEqual(run.options, {
      defaultThresholds: [...DEFAULT_THRESHOLD_RULES],
      host: 'https://api.test',
      users: 300,
      rate: 20,
      stopTimeoutMs: 1500,
      workers: 'auto',
      seed: 7,
      insecure: true,
      fullHistory: true,
    });
    assert.deepEqual(run.reports, { csvPrefix: 'out/r', csvFullHistory: true, html: 'r.html', json: 'r.json' });
  });

  it('keeps the last value of a repeated option, as Locust does', () => {
    assert.equal(settings('a.load.http', '-u', '5', '-u', '9').options.users, 9);
  });

  it('suggests the closest option for a typo', () => {
    usageError(['a.load.http', '--user', '5'], /unknown option --user .*Did you mean --users\?/);
  });

  it('answers Locust-only habits with what to do instead', () => {
    usageError(['-f', 'locustfile.py'], /-f is a Locust option: .*loadlens run FILE/);
  });

  it('says which value an option needs when it is missing', () => {
    usageError(['a.load.http', '--users'], /--users needs a value: --users N/);
    usageError(['a.load.http', '--host', '--users', '5'], /--host needs a value/);
    usageError(['a.load.http', '--html='], /--html needs a value after '='/);
  });

  it('rejects bad values with the expected form', () => {
    usageError(['a.load.http', '-u', 'lots'], /--users needs a whole number of at least 1 .*got 'lots'/);
    usageError(['a.load.http', '-u', '0'], /--users needs a whole number of at least 1/);
    usageError(['a.load.http', '-t', '2 minutes'], /--run-time needs a duration longer than 0 \(e\.g\. 30s, 2m, 1h30m/);
    usageError(['a.load.http', '-t', '0s'], /--run-time needs a duration longer than 0/);
    usageError(['a.load.http', '-r', '-3'], /--spawn-rate needs a number greater than 0/);
    usageError(['a.load.http', '--workers', 'many'], /--workers needs a whole number .*auto/);
    usageError(['a.load.http', '-H', 'localhost:8888'], /--host needs a full URL starting with http:\/\/ or https:\/\//);
    usageError(['a.load.http', '--headless=yes'], /--headless is a switch and takes no value/);
  });

  it('rejects combinations that cannot mean anything', () => {
    usageError(['a.load.http', '--rate', '5', '-r', '2'], /--spawn-rate goes with --users/);
    usageError(['a.load.http', '--csv-full-history'], /give --csv PREFIX as well/);
    usageError([], /which scenario\?/);
    usageError(['a.load.http', 'b.load.http'], /takes one scenario/);
  });

  it('treats everything after -- as a file name', () => {
    assert.equal(settings('--', '-odd-name.load.http').scenarioFile, '-odd-name.load.http');
  });
});

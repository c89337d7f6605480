import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../../src/vscode/shared/settings-values';

function from(values: Record<string, unknown>): (key: string) => unknown {
  return (key) => values[key];
}

describe('normalizeSettings', () => {
  it('gives the defaults when nothing is set', () => {
    assert.deepEqual(normalizeSettings(from({})), DEFAULT_SETTINGS);
  });

  it('keeps valid values', () => {
    const settings = normalizeSettings(
      from({
        host: ' http://localhost:8888 ',
        defaultThresholds: ['p99 < 1s'],
        workers: 'auto',
        'runHistory.enabled': false,
        'runHistory.maxRuns': 5,
        confirmNonLocalTargets: false,
        insecure: true,
        'diagnostics.debounceMs': 0,
      }),
    );
    assert.deepEqual(settings, {
      host: 'http://localhost:8888',
      defaultThresholds: ['p99 < 1s'],
      workers: 'auto',
      runHistory: { enabled: false, maxRuns: 5 },
      confirmNonLocalTargets: false,
      insecure: true,
      diagnostics: { debounceMs: 0 },
    });
  });

  it('replaces values of the wrong type or out of range by defaults', () => {
    const settings = normalizeSettings(
      from({ host: 42, defaultThresholds: ['p95 < 1s', 3, ' '], workers: 0, 'runHistory.maxRuns': 2.5, 'diagnostics.debounceMs': 60000 }),
    );
    assert.equal(settings.host, '');
    assert.deepEqual(settings.defaultThresholds, ['p95 < 1s']);
    assert.equal(settings.workers, 1);
    assert.equal(settings.runHistory.maxRuns, 20);
    assert.equal(settings.diagnostics.debounceMs, 5000);
  });

  it('keeps certificate checks on unless insecure is exactly true', () => {
    for (const value of ['true', 1, 'yes', null, {}]) assert.equal(normalizeSettings(from({ insecure: value })).insecure, false, JSON.stringify(value));
  });

  it('has the same defaults as package.json contributes.configuration', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { default: unknown }> } };
    };
    const declared = manifest.contributes.configuration.properties;
    const fromManifest = normalizeSettings((key) => declared[`loadlens.${key}`]?.default);
    assert.deepEqual(fromManifest, DEFAULT_SETTINGS);
    for (const key of ['host', 'defaultThresholds', 'workers', 'runHistory.enabled', 'runHistory.maxRuns', 'confirmNonLocalTargets', 'insecure', 'diagnostics.debounceMs']) {
      assert.ok(declared[`loadlens.${key}`], `package.json declares loadlens.${key}`);
    }
  });

  it('lets no workspace turn certificate checks off: user settings only (package.json)', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
      capabilities: { untrustedWorkspaces: { restrictedConfigurations?: string[] } };
      contributes: { configuration: { properties: Record<string, { scope?: string }> } };
    };
    assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations?.includes('loadlens.insecure'));
    assert.equal(manifest.contributes.configuration.properties['loadlens.insecure']?.scope, 'application');
  });
});

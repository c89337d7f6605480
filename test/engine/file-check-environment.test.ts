import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileAccess } from '../../src/engine/file-access';
import { CsvHeaderCache, createFileCheckEnvironment, parseHeaderLine } from '../../src/engine/file-check-environment';

const folder = mkdtempSync(join(tmpdir(), 'loadlens-env-'));
after(() => rmSync(folder, { recursive: true, force: true }));

describe('parseHeaderLine', () => {
  it('splits quoted fields and drops a BOM and spaces', () => {
    assert.deepEqual(parseHeaderLine('\uFEFFid, "full name","a,b"'), ['id', 'full name', 'a,b']);
  });

  it('has no columns for an empty line', () => {
    assert.equal(parseHeaderLine('  '), undefined);
  });
});

describe('createFileCheckEnvironment', () => {
  const scenario = join(folder, 'api.load.http');
  const environment = createFileCheckEnvironment(scenario, fileAccess([folder], 'allow it'), new CsvHeaderCache());

  it('resolves files against the scenario folder', () => {
    writeFileSync(join(folder, 'body.json'), '{}');
    assert.equal(environment.fileExists?.('body.json'), true);
    assert.equal(environment.fileExists?.('./body.json'), true);
    assert.equal(environment.fileExists?.('missing.json'), false);
    // A folder "exists" here so that the core does not say "not found": fileAccessDiagnostics
    // reports it as no regular file (test/engine/file-access.test.ts).
    assert.equal(environment.fileExists?.('.'), true);
  });

  it('reads only the header row of a CSV, with CRLF endings', () => {
    writeFileSync(join(folder, 'patients.csv'), 'id,name\r\n1,Ann\r\n2,Bob\r\n');
    assert.deepEqual(environment.csvColumns?.('patients.csv'), ['id', 'name']);
  });

  it('reads the header of a large file without reading the rest', () => {
    const header = Array.from({ length: 800 }, (_, index) => `column_${index}`).join(',');
    writeFileSync(join(folder, 'wide.csv'), `${header}\n${'x,'.repeat(2_000_000)}\n`);
    const columns = environment.csvColumns?.('wide.csv');
    assert.equal(columns?.length, 800);
    assert.equal(columns?.[799], 'column_799');
  });

  it('reads the header again when the file changes, and not before', () => {
    const path = join(folder, 'changing.csv');
    writeFileSync(path, 'a,b\n1,2\n');
    utimesSync(path, 1000, 1000);
    assert.deepEqual(environment.csvColumns?.('changing.csv'), ['a', 'b']);
    writeFileSync(path, 'c,d\n1,2\n');
    utimesSync(path, 1000, 1000);
    assert.deepEqual(environment.csvColumns?.('changing.csv'), ['a', 'b'], 'same mtime and size: the cached header');
    utimesSync(path, 2000, 2000);
    assert.deepEqual(environment.csvColumns?.('changing.csv'), ['c', 'd']);
  });

  it('has no columns for a missing file', () => {
    assert.equal(environment.csvColumns?.('nope.csv'), undefined);
  });
});

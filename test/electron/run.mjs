// Runs the integration suite (test/integration) in a desktop VS Code that @vscode/test-electron
// downloads: for machines that can reach Microsoft's download servers (CI here cannot; it runs
// the same suite inside code-server through scripts/vscode-test/run.mjs). On a Linux machine
// without a display, run it under `xvfb-run -a`.
//
// Usage: node test/electron/run.mjs [--version 1.100.0|stable|insiders]
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runTests } from '@vscode/test-electron';
import { buildAll } from '../../scripts/vscode-test/lib/prepare.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({ options: { version: { type: 'string', default: 'stable' } } });

await buildAll(root, console.log);
// The suites may create and edit files: give them a copy of the fixture workspace.
const runDir = mkdtempSync(join(tmpdir(), 'loadlens-electron-'));
const workspace = join(runDir, 'workspace');
cpSync(join(root, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
let code = 0;
try {
  await runTests({
    version: values.version,
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out', 'test', 'integration', 'index'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', join(runDir, 'user-data')],
  });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  code = 1;
} finally {
  rmSync(runDir, { recursive: true, force: true });
}
process.exit(code);

// The extension-tests entry point, in the @vscode/test-electron style: VS Code loads this module
// from `extensionTestsPath` inside the extension host and awaits `run()`. It works the same under
// a desktop VS Code (test/electron/run.mjs) and under code-server (scripts/vscode-test/run.mjs).
// The suites are bundled next to this file (scripts/vscode-test/build-tests.mjs); mocha stays
// external and resolves from the repository's node_modules.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

/** The line the code-server runner reads for its counts (the spec reporter's text is for people). */
export const RESULT_PREFIX = 'loadlens-integration-result ';

/** `LOADLENS_INTEGRATION_ONLY=run-load` (in the runner's environment) runs only the files whose name holds it. */
export function run(): Promise<void> {
  // Per-test timeout: generous, the extension host shares two cores with other work.
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  const files = readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).filter((name) => name.includes(process.env.LOADLENS_INTEGRATION_ONLY ?? '')).sort();
  for (const file of files) mocha.addFile(join(__dirname, file));
  return new Promise((resolve, reject) => {
    if (files.length === 0) {
      reject(new Error(`no *.test.js beside ${__filename}: build the suites first`));
      return;
    }
    const runner = mocha.run((failures) => {
      const passed = runner.stats?.passes ?? 0;
      console.log(`${RESULT_PREFIX}${JSON.stringify({ passed, failed: failures })}`);
      if (failures > 0) reject(new Error(`${failures} integration tests failed.`));
      else resolve();
    });
  });
}

// Bundles the VS Code suites:
// - test/integration/*.ts into out/test/integration/, one file per suite plus index.js, which
//   VS Code loads from `extensionTestsPath`. `vscode` is provided by the extension host; mocha is
//   left external and resolves from the repository's node_modules.
// - each test/e2e/*.e2e.ts into out/test/e2e/*.e2e.mjs, which the runner imports; such a module
//   exports a function named `...Checks` that takes { page, screenshotDir, workspace,
//   serverProcessGroup, repositoryRoot } and returns the checks to run in order ({ title, run }); with
//   `workspaceTrust = true` it runs on a server with workspace trust on (lib/e2e.mjs).
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const sourceDir = join(root, 'test', 'integration');
export const integrationOutDir = join(root, 'out', 'test', 'integration');
const e2eSourceDir = join(root, 'test', 'e2e');
export const e2eOutDir = join(root, 'out', 'test', 'e2e');

export async function buildIntegrationTests() {
  const entries = readdirSync(sourceDir).filter((name) => name === 'index.ts' || name.endsWith('.test.ts'));
  rmSync(integrationOutDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: entries.map((name) => join(sourceDir, name)),
    outdir: integrationOutDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return entries.length;
}

/** @returns {Promise<string[]>} the bundles, one per e2e module */
export async function buildE2eTests() {
  // `LOADLENS_E2E_ONLY=http-files` builds only the modules whose name holds it (as LOADLENS_INTEGRATION_ONLY does for test/integration).
  const entries = readdirSync(e2eSourceDir).filter((name) => name.endsWith('.e2e.ts')).filter((name) => name.includes(process.env.LOADLENS_E2E_ONLY ?? '')).sort();
  rmSync(e2eOutDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: entries.map((name) => join(e2eSourceDir, name)),
    outdir: e2eOutDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  return entries.map((name) => join(e2eOutDir, name.replace(/\.ts$/, '.mjs')));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const count = await buildIntegrationTests();
  const e2e = await buildE2eTests();
  console.log(`built ${count} integration entries into ${integrationOutDir} and ${e2e.length} e2e modules into ${e2eOutDir}`);
}

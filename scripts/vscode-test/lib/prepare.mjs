// Builds what the suites load: the extension (dist/), the bundled suites (out/test/) and, for the e2e suite, the .vsix a user would install.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildE2eTests, buildIntegrationTests } from '../build-tests.mjs';

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal})`);
}

export async function buildAll(root, print) {
  print('building the extension (npm run build) and the integration suites');
  run('npm', ['run', '--silent', 'build'], root);
  const entries = await buildIntegrationTests();
  const e2eModules = await buildE2eTests();
  print(`bundled ${entries} integration entries into out/test/integration/ and ${e2eModules.length} e2e modules into out/test/e2e/`);
  return { e2eModules };
}

/** What the .vsix may hold: the bundles and the manifest's contributions, nothing from src/ or test/. */
const SHIPPED = /^(dist\/[^/]+\.(js|css)|syntaxes\/[^/]+\.json|language-configuration\.json|snippets\/.+|media\/.+|package\.json|README\.md|LICENSE(\.md|\.txt)?|CHANGELOG\.md)$/;

/** The files `vsce` would package that are not in SHIPPED (an empty list is the expected answer). */
export function unshippableFiles(root) {
  const result = spawnSync(join(root, 'node_modules', '.bin', 'vsce'), ['ls', '--no-dependencies'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (result.status !== 0) throw new Error(`vsce ls failed (${result.status ?? result.signal})`);
  return result.stdout.split('\n').map((line) => line.trim()).filter((line) => line && !SHIPPED.test(line));
}

/** `vsce package` works offline; no-dependencies because esbuild bundled them into dist/.
 *  The README's links to docs/ stay relative: the project names no repository to point them at. */
export function packageVsix(root, print) {
  const dir = join(root, 'out', 'vscode-test');
  mkdirSync(dir, { recursive: true });
  const vsix = join(dir, 'loadlens.vsix');
  run(join(root, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '-o', vsix], root);
  print(`packaged ${vsix}`);
  return vsix;
}

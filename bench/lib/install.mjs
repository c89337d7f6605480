// Installs what the benchmark needs, only what is missing: nginx, wrk and Locust from Debian
// (apt-get, as root; `apt-get update` once first), autocannon from npm into bench/.tools.
// autocannon 9 is the newest major; it declares no Node engine and runs on Node 20 (checked:
// the benchmark runs it), so it is the one compared with.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runPlain } from './processes.mjs';
import { autocannonPath } from './tools.mjs';

const AUTOCANNON = 'autocannon@9';
const APT_PACKAGES = [
  { binary: 'nginx', apt: 'nginx' },
  { binary: 'wrk', apt: 'wrk' },
  { binary: 'taskset', apt: 'util-linux' },
];

async function onPath(binary) {
  const { code } = await runPlain('sh', ['-c', `command -v ${binary}`]);
  return code === 0;
}

/** Ensures every tool is there; `locust` = also Locust. Logs what it installs. */
export async function ensureTools({ locust, log }) {
  const wanted = [...APT_PACKAGES];
  if (locust) wanted.push({ binary: '/usr/bin/locust', apt: 'python3-locust' });
  const missing = [];
  for (const item of wanted) if (!(await onPath(item.binary))) missing.push(item.apt);
  if (missing.length > 0) {
    if (process.getuid?.() !== 0) throw new Error(`missing ${missing.join(', ')}: run as root or apt-get install them`);
    log(`installing from Debian: ${missing.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = await runPlain('apt-get', ['update', '-q'], { env });
    if (update.code !== 0) throw new Error(`apt-get update failed:\n${update.output.slice(-1500)}`);
    const install = await runPlain('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { env });
    if (install.code !== 0) throw new Error(`apt-get install failed:\n${install.output.slice(-1500)}`);
  }
  if (!existsSync(autocannonPath)) {
    log(`installing ${AUTOCANNON} into bench/.tools`);
    const prefix = join(autocannonPath, '..', '..', '..');
    const result = await runPlain('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--no-save', AUTOCANNON]);
    if (result.code !== 0 || !existsSync(autocannonPath)) throw new Error(`npm install ${AUTOCANNON} failed:\n${result.output.slice(-1500)}`);
  }
}

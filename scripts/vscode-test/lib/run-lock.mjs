// One run per checkout at a time: two runs would rebuild dist/ and out/test/ under each other's
// extension hosts. The lock file holds the owner's pid; a lock whose owner is gone is taken over.
import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { dirname } from 'node:path';

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

export async function acquireRunLock(file, print) {
  mkdirSync(dirname(file), { recursive: true });
  let told = false;
  for (;;) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      process.on('exit', () => rmSync(file, { force: true }));
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    const owner = Number(readFileSync(file, 'utf8').trim());
    if (!owner || !alive(owner)) {
      rmSync(file, { force: true });
      continue;
    }
    if (!told) print(`waiting for the VS Code suites run of pid ${owner} to finish (${file})`);
    told = true;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

// docs/scale-out.md is followed literally: its GitHub Actions workflow must be YAML that GitHub
// accepts, every `needs.JOB` it reads must be a job it waits for, one shard's failure must not
// cancel the others, and the join must run when a shard's own part broke a rule.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';

const DOC = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'scale-out.md'), 'utf8');

interface Job {
  needs?: string | string[];
  if?: string;
  strategy?: { 'fail-fast'?: boolean; matrix?: unknown };
  steps?: Array<Record<string, unknown>>;
}

test('the CI matrix workflow of docs/scale-out.md parses, and each job waits for the jobs it reads', () => {
  const block = /```yaml\n([\s\S]*?)```/.exec(DOC)?.[1];
  assert.ok(block, 'a yaml block');
  const workflow = load(block) as { jobs: Record<string, Job> };
  for (const [name, job] of Object.entries(workflow.jobs)) {
    const waits = [job.needs ?? []].flat();
    const read = [...JSON.stringify(job).matchAll(/needs\.([\w-]+)\./g)].map((match) => match[1] as string);
    for (const other of read) {
      assert.ok(workflow.jobs[other], `job ${name} reads needs.${other}: there is no job ${other}`);
      assert.ok(waits.includes(other), `job ${name} reads needs.${other} but does not wait for it (needs: ${waits.join(', ')})`);
    }
  }
  const shards = Object.values(workflow.jobs).find((job) => job.strategy?.matrix !== undefined);
  assert.equal(shards?.strategy?.['fail-fast'], false, 'one failed shard must not cancel the others');
  const joinJob = Object.values(workflow.jobs).find((job) => job.steps?.some((step) => String(step.run ?? '').includes('loadlens') && String(step.run).includes(' merge ')));
  assert.match(joinJob?.if ?? '', /!cancelled\(\)|always\(\)/, 'the merge runs when a shard failed its own rules');
});

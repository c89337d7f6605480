// `loadlens kubernetes`: the printed YAML parses, every object validates against the Kubernetes
// API schemas (kubernetes-models ships them with a validator), the shards are an Indexed Job of N
// pods joining the coordinator's Service by its name; and the Dockerfile keeps its shape (no
// container engine runs here to build it).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { ensureBuilt, CLI, ROOT, tempDir } from '../../cli/helpers';

/** YAML as read: deep paths are asserted on directly, so any shape goes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;
type Obj = { kind: string; metadata: { name: string; namespace?: string }; spec?: Loose; data?: Loose; binaryData?: Loose };

function generate(shards: number, extra: string[] = [], files: Record<string, string> = {}): Obj[] {
  ensureBuilt();
  const dir = tempDir();
  try {
    dir.file('users.csv', 'id,name\n1,a\n2,b\n');
    for (const [name, text] of Object.entries(files)) dir.file(name, text);
    const scenario = dir.file('Checkout API.load.http', '# @host http://api.invalid\n# @rate 100/s\n# @run-time 1m\n# @data ./users.csv as users\n\n### list\nGET /users/{{users.id}}\n');
    const out = spawnSync(process.execPath, [CLI, 'kubernetes', scenario, '--shards', String(shards), '--namespace', 'load', '--image', 'registry.invalid/loadlens:1', '--rate', '400', ...extra], { encoding: 'utf8', cwd: dir.path });
    assert.equal(out.status, 0, out.stderr);
    return loadAll(out.stdout) as Obj[];
  } finally {
    dir.remove();
  }
}

const VALIDATORS: Record<string, new (data: Loose) => { validate(): void }> = { ConfigMap, Secret, Service, Job };

test('the manifests validate against the Kubernetes API schemas', () => {
  const objects = generate(4);
  assert.deepEqual(objects.map((o) => o.kind), ['ConfigMap', 'Secret', 'Service', 'Job', 'Job']);
  for (const object of objects) {
    const Model = VALIDATORS[object.kind];
    assert.ok(Model, object.kind);
    assert.doesNotThrow(() => new Model(object).validate(), `${object.kind} ${object.metadata.name}`);
    assert.equal(object.metadata.namespace, 'load');
  }
  // The validator is not a rubber stamp: a wrong type is refused.
  const broken = structuredClone(objects[4]) as Obj;
  broken.spec.completions = 'four';
  assert.throws(() => new Job(broken).validate(), /completions/);
});

test('an Indexed Job of N shards joins the coordinator through its Service', () => {
  const objects = generate(3);
  const [configMap, , service, coordinator, shards] = objects as [Obj, Obj, Obj, Obj, Obj];
  assert.equal(shards.spec.completionMode, 'Indexed');
  assert.equal(shards.spec.completions, 3);
  assert.equal(shards.spec.parallelism, 3);
  const shardContainer = shards.spec.template.spec.containers[0];
  assert.deepEqual(shardContainer.command, ['loadlens', 'run', '--join', `http://${service.metadata.name}:7070`, '--workers', '1']);
  // The Service selects the coordinator's pod, on the port it listens on.
  const coordinatorLabels = coordinator.spec.template.metadata.labels;
  for (const [key, value] of Object.entries(service.spec.selector as Record<string, string>)) assert.equal(coordinatorLabels[key], value);
  assert.equal(service.spec.ports[0].port, 7070);
  const script: string = coordinator.spec.template.spec.containers[0].command[2];
  assert.match(script, /^'loadlens' 'coordinate' '\/scenario\/Checkout API\.load\.http' '--shards' '3' '--listen' '0\.0\.0\.0:7070' '--rate' '400' '--json' '\/reports\/result\.json'/);
  // The scenario and its data file reach the pods under the names the scenario uses.
  assert.match(configMap.data.scenario, /# @data \.\/users\.csv as users/);
  assert.equal(Buffer.from(configMap.binaryData['file-0'], 'base64').toString(), 'id,name\n1,a\n2,b\n');
  const sources = shards.spec.template.spec.volumes[0].projected.sources;
  assert.deepEqual(sources, [{ configMap: { name: configMap.metadata.name, items: [{ key: 'scenario', path: 'Checkout API.load.http' }, { key: 'file-0', path: 'users.csv' }] } }]);
  // No privileges; one core per pod.
  for (const pod of [coordinator, shards]) {
    const spec = pod.spec.template.spec;
    assert.equal(spec.securityContext.runAsNonRoot, true);
    assert.equal(spec.automountServiceAccountToken, false);
    const container = spec.containers[0];
    assert.equal(container.securityContext.allowPrivilegeEscalation, false);
    assert.deepEqual(container.securityContext.capabilities.drop, ['ALL']);
    assert.equal(container.resources.limits.cpu, '1');
    assert.equal(container.env[0].valueFrom.secretKeyRef.name, objects[1]?.metadata.name);
  }
});

test('--env and --var reach the coordinator; the private environment file is a Secret beside the scenario, never in the ConfigMap', () => {
  const secret = 'sekr1t-k8s-7d2e';
  const objects = generate(2, ['--env', 'dev', '--var', 'region=eu'], {
    'http-client.env.json': JSON.stringify({ dev: { host: 'http://api.invalid' } }),
    'http-client.private.env.json': JSON.stringify({ dev: { token: secret } }),
  });
  assert.deepEqual(objects.map((o) => o.kind), ['ConfigMap', 'Secret', 'Secret', 'Service', 'Job', 'Job']);
  for (const object of objects) assert.doesNotThrow(() => new VALIDATORS[object.kind]!(object).validate(), `${object.kind} ${object.metadata.name}`);
  const [configMap, , privateSecret, , coordinator, shards] = objects as [Obj, Obj, Obj, Obj, Obj, Obj];
  const script: string = coordinator.spec.template.spec.containers[0].command[2];
  assert.match(script, /'--env' 'dev' '--var' 'region=eu'/);
  // The secret is nowhere but in the Secret's data.
  const publicText = JSON.stringify(configMap) + Buffer.from(Object.values(configMap.binaryData as Record<string, string>).join(''), 'base64').toString('latin1');
  assert.ok(!publicText.includes(secret));
  const privateFiles = Object.values(privateSecret.data as Record<string, string>).map((value) => Buffer.from(value, 'base64').toString());
  assert.ok(privateFiles.some((text) => text.includes(secret)));
  // Both files are mounted in the scenario's folder, where the shard looks for them.
  for (const pod of [coordinator, shards]) {
    const sources = pod.spec.template.spec.volumes[0].projected.sources;
    const paths = sources.flatMap((source: Loose) => (source.configMap ?? source.secret).items.map((entry: { path: string }) => entry.path));
    assert.deepEqual(paths.sort(), ['Checkout API.load.http', 'http-client.env.json', 'http-client.private.env.json', 'users.csv']);
    assert.equal(sources[1].secret.name, privateSecret.metadata.name);
  }
});

test('a failed shard pod fails its index only: the other shards go on, and a pod that died before the start is replaced once', () => {
  const shards = generate(4).find((o) => o.metadata.name.endsWith('-shards')) as Obj;
  // A Job-wide backoffLimit of 0 would fail the whole Job at the first dead pod, and Kubernetes then
  // ends every other pod of the Job: the run would lose all its shards, not one.
  assert.equal(shards.spec.backoffLimit, undefined);
  assert.equal(shards.spec.backoffLimitPerIndex, 1);
  assert.equal(shards.spec.template.spec.restartPolicy, 'Never');
  // Exit 2 (a duplicate or out-of-range index, a wrong token): a new pod would be refused the same way.
  assert.deepEqual(shards.spec.podFailurePolicy.rules, [{ action: 'FailIndex', onExitCodes: { containerName: 'loadlens', operator: 'In', values: [2] } }]);
  assert.equal(shards.spec.template.spec.containers[0].name, 'loadlens');
  // Each pod learns its shard number from the JOB_COMPLETION_INDEX Kubernetes sets in an Indexed Job:
  // the command is the same for every index, and nothing in the pod's env hides that variable.
  assert.ok(!shards.spec.template.spec.containers[0].env.some((variable: { name: string }) => variable.name === 'JOB_COMPLETION_INDEX'));
});

test('the Dockerfile builds in one stage and runs as a non-root user without build tools in another', () => {
  const text = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const stages = text.split(/^FROM /m).slice(1);
  assert.equal(stages.length, 2);
  const final = stages[1] as string;
  assert.match(final, /^USER (\d+)(:\d+)?$/m);
  assert.notEqual(/^USER (\d+)/m.exec(final)?.[1], '0');
  assert.doesNotMatch(final, /apt-get install|build-essential|\bgcc\b|\bmake\b|npm (ci|install)/);
  assert.match(final, /rm -rf [^\n]*\/usr\/local\/bin\/npm/);
  assert.match(final, /^ENTRYPOINT \["loadlens"\]$/m);
  assert.match(stages[0] as string, /npm run build/);
});

// `loadlens kubernetes SCENARIO --shards N [--image IMAGE] [--namespace NS] [run options]`: prints
// the YAML of one coordinated run for `kubectl apply -f -` (src/core/scale/kubernetes-manifests.ts).

import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { dump } from 'js-yaml';
import { version } from '../../../package.json';
import { planRun } from '../../core/plan';
import { kubernetesManifests, runName } from '../../core/scale/kubernetes-manifests';
import { readScenarioFile } from '../../engine/file-access';
import { PRIVATE_ENVIRONMENT_FILE } from '../../engine/environment-files';
import { runEnvironment } from '../../engine/run-environment';
import { parseArgs } from '../args';
import { CliFailure, ExitCode, UsageError } from '../exit-codes';
import { formatCommandHelp, HELP_OPTION, type CommandHelp } from '../help';
import { RUN_OPTIONS, toRunSettings } from '../run-options';
import { loadScenario } from '../scenario-file';
import { MAX_SHARDS } from '../shard-options';
import { filesOf } from './coordinate';

/** Run options that describe the load: handed to the coordinator in the cluster as given. */
const PASSED_ON = ['host', 'users', 'spawn-rate', 'run-time', 'rate', 'stop-timeout', 'seed', 'insecure', 'csv-full-history', 'env'];

export const KUBERNETES_HELP: CommandHelp = {
  usage: 'loadlens kubernetes SCENARIO.load.http --shards N [--image IMAGE] [--namespace NS] [run options]',
  summary: 'Print the Kubernetes objects of one run on N pods, for `kubectl apply -f -`: the scenario as a\nConfigMap, a shard token Secret, the coordinator (Job and Service) and the shards (an Indexed Job).',
  options: [
    { name: 'shards', value: 'N', description: 'how many shard pods make the load' },
    { name: 'image', value: 'IMAGE', description: `the Loadlens image (built from the repository's Dockerfile; default loadlens:${version})` },
    { name: 'namespace', value: 'NS', description: 'the namespace of every object (default: kubectl\'s current one)' },
    ...RUN_OPTIONS.filter((spec) => PASSED_ON.includes(spec.name) || spec.name === 'var' || spec.name === 'allow-path'),
    HELP_OPTION,
  ],
  examples: ['loadlens kubernetes api.load.http --shards 8 --rate 2000 -t 10m --image registry.example/loadlens:0.1.0 | kubectl apply -f -'],
};

export function runKubernetes(argv: readonly string[]): ExitCode {
  const args = parseArgs(argv, KUBERNETES_HELP.options, 'kubernetes');
  if (args.flags.has('help')) {
    process.stdout.write(formatCommandHelp(KUBERNETES_HELP));
    return ExitCode.ok;
  }
  const shardsRaw = args.values.get('shards');
  const count = shardsRaw !== undefined && /^\d+$/.test(shardsRaw) ? Number(shardsRaw) : NaN;
  if (!(count >= 1 && count <= MAX_SHARDS)) throw new UsageError(`kubernetes needs --shards N with N from 1 to ${MAX_SHARDS} (e.g. --shards 4), got '${shardsRaw ?? ''}'.`);
  const namespace = args.values.get('namespace');
  if (namespace !== undefined && !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(namespace)) throw new UsageError(`--namespace needs a Kubernetes name (lower-case letters, digits, '-'), got '${namespace}'.`);
  const image = args.values.get('image') ?? `loadlens:${version}`;
  if (/\s/.test(image) || image === '') throw new UsageError(`--image needs an image reference such as registry.example/loadlens:${version}, got '${image}'.`);
  const settings = toRunSettings(args);
  const scenario = loadScenario(settings.scenarioFile, settings.allowPaths);
  const plan = planRun(scenario.text, settings.options, runEnvironment(scenario.absolutePath, scenario.access));
  const problem = plan.problems[0];
  if (problem) throw new CliFailure(`${scenario.displayPath}: ${problem.message}. Fix it before deploying.`, ExitCode.usage);
  const runArgs = PASSED_ON.flatMap((name) => {
    if (args.flags.has(name)) return [`--${name}`];
    const value = args.values.get(name);
    return value === undefined ? [] : [`--${name}`, value];
  }).concat((args.lists.get('var') ?? []).flatMap((variable) => ['--var', variable]));
  const manifests = kubernetesManifests({
    scenarioName: basename(scenario.absolutePath),
    scenarioText: scenario.text,
    files: filesOf(scenario.displayPath, plan, (path) => readScenarioFile(scenario.absolutePath, path, scenario.access)).map((file) => ({ ...file, secret: file.path === PRIVATE_ENVIRONMENT_FILE })),
    shards: count,
    image,
    namespace,
    runArgs,
    token: randomBytes(24).toString('hex'),
  });
  process.stdout.write(`# loadlens ${version}: one run of ${basename(scenario.absolutePath)} on ${count} shard pods (${runName(basename(scenario.absolutePath))}).\n# kubectl apply -f -   then   kubectl logs -f job/${runName(basename(scenario.absolutePath))}-coordinator\n`);
  process.stdout.write(manifests.map((manifest) => `---\n${dump(manifest, { noRefs: true, lineWidth: -1 })}`).join(''));
  return ExitCode.ok;
}

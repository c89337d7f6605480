// `loadlens kubernetes`: the Kubernetes objects of one coordinated run (docs/scale-out.md): a
// ConfigMap with the scenario and its files, a Secret with the shard token (and the private
// environment file, when the run has one), the coordinator (a
// Job of one pod and its Service) and the shards (an Indexed Job of N pods). Pure: objects in,
// objects out; the command prints them as YAML.

export const COORDINATOR_PORT = 7070;
/** One engine worker per core: each pod asks for one core and runs one worker. */
const RESOURCES = { requests: { cpu: '1', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } };
/** The coordinator keeps its pod (and its reports) this long after the run, for `kubectl cp`. */
export const KEEP_REPORTS_S = 600;
/** New pods per shard index after a failed one (docs/scale-out.md, When a shard or pod dies). */
export const SHARD_RETRIES = 1;

export interface KubernetesRun {
  /** Scenario file name and text; the files it reads, by the relative path it writes. */
  scenarioName: string;
  scenarioText: string;
  /** `secret`: held in a Secret, not the ConfigMap (http-client.private.env.json). */
  files: Array<{ path: string; base64: string; secret?: boolean }>;
  shards: number;
  image: string;
  namespace?: string;
  /** Run options for the coordinator (`--rate 300 -t 5m`...), as arguments. */
  runArgs: string[];
  /** A fresh random token shared by the coordinator and the shards. */
  token: string;
}

/** A DNS-1123 label from a file name: `Checkout API.load.http` -> `checkout-api`. */
export function runName(scenarioName: string): string {
  const base = scenarioName.replace(/\.load\.http$|\.http$/i, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `loadlens-${(base || 'run').slice(0, 40).replace(/-+$/, '')}`;
}

/** One argument for `sh -c`, quoted so that nothing in it is read by the shell. */
export function shellQuote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

const SECURITY = {
  runAsNonRoot: true,
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
};

export function kubernetesManifests(run: KubernetesRun): Array<Record<string, unknown>> {
  const name = runName(run.scenarioName);
  const meta = (suffix: string, component: string) => ({
    name: `${name}-${suffix}`,
    ...(run.namespace ? { namespace: run.namespace } : {}),
    labels: { 'app.kubernetes.io/name': 'loadlens', 'app.kubernetes.io/instance': name, 'app.kubernetes.io/component': component },
  });
  // Kubernetes wants plain descending paths: `./users.csv` is mounted as `users.csv`, the same file.
  const mounted = run.files.map((file, index) => ({ ...file, key: `file-${index}`, path: file.path.replace(/^(\.\/)+/, '') }));
  const plain = mounted.filter((file) => !file.secret);
  const secret = mounted.filter((file) => file.secret);
  const item = (file: { key: string; path: string }) => ({ key: file.key, path: file.path });
  // One folder for the scenario and every file it reads: private values come from a Secret
  // (readable only by who may read Secrets), projected beside the rest (docs/security.md, Scale-out).
  const scenarioVolume = {
    name: 'scenario',
    projected: {
      sources: [
        { configMap: { name: `${name}-scenario`, items: [{ key: 'scenario', path: run.scenarioName }, ...plain.map(item)] } },
        ...(secret.length > 0 ? [{ secret: { name: `${name}-private`, items: secret.map(item) } }] : []),
      ],
    },
  };
  const token = { name: 'LOADLENS_SHARD_TOKEN', valueFrom: { secretKeyRef: { name: `${name}-token`, key: 'token' } } };
  const container = (command: string[], extra: Record<string, unknown> = {}) => ({
    name: 'loadlens',
    image: run.image,
    command,
    env: [token],
    resources: RESOURCES,
    securityContext: SECURITY,
    volumeMounts: [{ name: 'scenario', mountPath: '/scenario', readOnly: true }, { name: 'tmp', mountPath: '/tmp' }],
    ...extra,
  });
  const podSpec = (containers: unknown[], volumes: unknown[] = []) => ({
    restartPolicy: 'Never',
    automountServiceAccountToken: false,
    securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000 },
    containers,
    volumes: [scenarioVolume, { name: 'tmp', emptyDir: {} }, ...volumes],
  });
  const coordinatorLabels = { 'app.kubernetes.io/instance': name, 'app.kubernetes.io/component': 'coordinator' };
  const coordinate = [
    'loadlens', 'coordinate', `/scenario/${run.scenarioName}`, '--shards', String(run.shards), '--listen', `0.0.0.0:${COORDINATOR_PORT}`,
    ...run.runArgs, '--json', '/reports/result.json', '--html', '/reports/report.html', '--csv', '/reports/result',
  ];
  const keepReports = `${coordinate.map(shellQuote).join(' ')}; status=$?; echo "loadlens: reports in /reports for ${KEEP_REPORTS_S} s (kubectl cp)"; sleep ${KEEP_REPORTS_S}; exit $status`;
  const coordinatorUrl = `http://${name}-coordinator:${COORDINATOR_PORT}`;

  return [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('scenario', 'scenario'), data: { scenario: run.scenarioText }, binaryData: Object.fromEntries(plain.map((file) => [file.key, file.base64])) },
    { apiVersion: 'v1', kind: 'Secret', metadata: meta('token', 'token'), type: 'Opaque', stringData: { token: run.token } },
    ...(secret.length > 0 ? [{ apiVersion: 'v1', kind: 'Secret', metadata: meta('private', 'scenario'), type: 'Opaque', data: Object.fromEntries(secret.map((file) => [file.key, file.base64])) }] : []),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta('coordinator', 'coordinator'),
      spec: { type: 'ClusterIP', selector: coordinatorLabels, ports: [{ name: 'shards', port: COORDINATOR_PORT, targetPort: COORDINATOR_PORT, protocol: 'TCP' }] },
    },
    {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: meta('coordinator', 'coordinator'),
      spec: {
        backoffLimit: 0,
        template: {
          metadata: { labels: { 'app.kubernetes.io/name': 'loadlens', ...coordinatorLabels } },
          spec: podSpec([container(['sh', '-c', keepReports], { ports: [{ name: 'shards', containerPort: COORDINATOR_PORT }], volumeMounts: [{ name: 'scenario', mountPath: '/scenario', readOnly: true }, { name: 'tmp', mountPath: '/tmp' }, { name: 'reports', mountPath: '/reports' }] })], [{ name: 'reports', emptyDir: {} }]),
        },
      },
    },
    {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: meta('shards', 'shard'),
      spec: {
        completionMode: 'Indexed',
        completions: run.shards,
        parallelism: run.shards,
        // Each pod is shard JOB_COMPLETION_INDEX + 1 (src/cli/commands/join.ts). Retries are
        // counted per index, so one failed pod never fails the Job, which would end every other
        // shard: the coordinator reports the dead shard's missing seconds and the others go on.
        // The one retry lets a pod that died before the start take its place; one that comes back
        // after the start is refused by the coordinator. Exit 2 (a duplicate or out-of-range index,
        // a wrong token) cannot be mended by a retry.
        backoffLimitPerIndex: SHARD_RETRIES,
        podFailurePolicy: { rules: [{ action: 'FailIndex', onExitCodes: { containerName: 'loadlens', operator: 'In', values: [2] } }] },
        template: {
          metadata: { labels: { 'app.kubernetes.io/name': 'loadlens', 'app.kubernetes.io/instance': name, 'app.kubernetes.io/component': 'shard' } },
          spec: podSpec([container(['loadlens', 'run', '--join', coordinatorUrl, '--workers', '1'])]),
        },
      },
    },
  ];
}

// `# @word` metadata that REST Client, httpYac or the JetBrains client define and Loadlens does
// not run under load: a warning that names the tool, never the "did you mean" of a typo.

const HTTPYAC = [
  'import', 'ref', 'forceRef', 'force-ref', 'loop', 'sleep', 'title', 'description', 'verbose', 'debug', 'save', 'openWith',
  'extension', 'jwt', 'keepStreaming', 'noRejectUnauthorized', 'no-reject-unauthorized', 'injectVariables', 'disabled',
  'ratelimit', 'rateLimit', 'responseRef', 'noStreamingLog', 'noLog', 'noClientCert', 'no-client-cert', 'noCookieJar',
  'noRedirect', 'proxy', 'no-proxy', 'noProxy', 'grpc-reflection', 'envRequired', 'language', 'streaming', 'only',
];
const REST_CLIENT = ['note', 'prompt'];
const JETBRAINS = ['no-log', 'use-os-credentials', 'no-auto-encoding', 'connection-timeout', 'websocket'];

const TOOL_OF = new Map<string, string>([
  ...HTTPYAC.map((name): [string, string] => [name, 'httpYac']),
  ...REST_CLIENT.map((name): [string, string] => [name, 'REST Client']),
  ...JETBRAINS.map((name): [string, string] => [name, 'JetBrains']),
]);

/** The tool whose metadata this is, or undefined when no tool we know defines it. */
export function foreignMetadataTool(name: string): string | undefined {
  return TOOL_OF.get(name);
}

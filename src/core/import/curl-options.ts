// The curl options an import understands, and those it knows only well enough to skip
// (with their value) and name as not carried over. Long and short spellings from `curl --help all`.

/** Options that take a value, by every spelling, mapped to one key. */
export const VALUE_OPTIONS: Record<string, string> = {
  '-X': 'request', '--request': 'request',
  '-H': 'header', '--header': 'header',
  '-d': 'data', '--data': 'data', '--data-ascii': 'data',
  '--data-raw': 'data-raw', '--data-binary': 'data-binary', '--data-urlencode': 'data-urlencode', '--json': 'json',
  '-F': 'form', '--form': 'form', '--form-string': 'form-string',
  '-u': 'user', '--user': 'user',
  '-b': 'cookie', '--cookie': 'cookie',
  '-A': 'user-agent', '--user-agent': 'user-agent',
  '-e': 'referer', '--referer': 'referer',
  '--url': 'url',
  '-m': 'max-time', '--max-time': 'max-time',
  '--oauth2-bearer': 'oauth2-bearer',
  '-T': 'upload-file', '--upload-file': 'upload-file',
};

/** Switches the import acts on. */
export const FLAG_OPTIONS: Record<string, string> = {
  '-k': 'insecure', '--insecure': 'insecure',
  '--compressed': 'compressed',
  '-G': 'get', '--get': 'get',
  '-I': 'head', '--head': 'head',
};

/** Switches that change nothing in the requests a load test sends (output, verbosity, redirects). */
export const HARMLESS_FLAGS = new Set([
  '-s', '--silent', '-S', '--show-error', '-v', '--verbose', '-i', '--include', '-L', '--location',
  '-f', '--fail', '--fail-with-body', '-N', '--no-buffer', '-g', '--globoff', '-#', '--progress-bar',
  '--location-trusted', '-O', '--remote-name', '-J', '--remote-header-name', '--no-progress-meter',
  '-4', '--ipv4', '-6', '--ipv6', '-q', '--disable', '--http1.1', '--http2', '--path-as-is', '--raw',
  '--tr-encoding', '--no-keepalive', '--tcp-nodelay', '--http2-prior-knowledge', '--http3', '--tlsv1.2', '--tlsv1.3', '--ssl',
]);

/** Options whose value is skipped: they shape curl's own output or transport, not the request. */
export const SKIPPED_VALUE_OPTIONS = new Set([
  '-o', '--output', '-w', '--write-out', '-c', '--cookie-jar', '-x', '--proxy', '-U', '--proxy-user',
  '--connect-timeout', '--retry', '--retry-delay', '--retry-max-time', '--max-redirs', '--resolve',
  '--connect-to', '--cacert', '--capath', '--cert', '-E', '--key', '--cert-type', '--key-type', '--ciphers',
  '--limit-rate', '-r', '--range', '-D', '--dump-header', '--trace', '--trace-ascii', '--interface',
  '--local-port', '-z', '--time-cond', '-K', '--config', '--stderr', '-Y', '--speed-limit', '-y', '--speed-time',
  '--unix-socket', '--abstract-unix-socket', '--dns-servers', '--keepalive-time', '--expect100-timeout',
  '--pinnedpubkey', '--proxy-header', '--request-target', '--variable', '--create-file-mode', '-C', '--continue-at',
]);

/**
 * curl's escaping for `--data-urlencode` (as curl 7.88 sends it, checked byte for byte in
 * test/cli/import-curl.test.ts): A-Z a-z 0-9 - . _ ~ stay, a space becomes `+`, every other
 * byte `%xx` in lower case.
 */
export function curlEscape(text: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(text)) {
    const char = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-._~]/.test(char)) out += char;
    else if (byte === 0x20) out += '+';
    else out += `%${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

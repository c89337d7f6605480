// File-level checks of the requests: there are some, relative URLs have a host, and the files
// they send or read exist.
import type { CheckEnvironment, Diagnostic, Scenario } from './model';
import { diagnostic, lineRange, quote } from './ranges';
import { isRelativeUrl } from './urls';

export function checkRequests(scenario: Scenario, firstLine: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (scenario.requests.length === 0 && (scenario.skipped?.length ?? 0) > 0) {
    const message = 'no HTTP request to load-test: every request of this file is skipped (see the warnings on them)';
    out.push(diagnostic(lineRange(0, 0, firstLine.length), 'warning', 'only-skipped-requests', message));
  } else if (scenario.requests.length === 0) {
    const message = 'no requests: add a block such as ### Home page, then GET /, below the header';
    out.push(diagnostic(lineRange(0, 0, firstLine.length), 'error', 'no-requests', message));
  }
  // One warning for the first relative URL is enough: the fix (@host, or --host) is one line.
  const relative = scenario.host ? undefined : scenario.requests.find((request) => isRelativeUrl(request.url));
  if (relative) {
    const message = `relative URL ${quote(relative.url.raw)} and no # @host: add e.g. # @host http://localhost:8080 to the header, or give the host when running (--host)`;
    out.push(diagnostic(relative.url.range, 'warning', 'missing-host', message));
  }
  return out;
}

/** Data and body files, when the environment can look at the file system. */
export function checkFiles(scenario: Scenario, env: CheckEnvironment): Diagnostic[] {
  const exists = env.fileExists;
  if (!exists) return [];
  const out: Diagnostic[] = [];
  for (const binding of scenario.data) {
    if (!exists(binding.file)) {
      out.push(diagnostic(binding.range, 'error', 'missing-data-file', `data file ${quote(binding.file)} not found: the path is relative to the scenario file`));
    }
  }
  for (const request of scenario.requests) {
    const body = request.body;
    const files = body?.kind === 'file' ? [body] : body?.parts ?? [];
    for (const each of files) {
      if (exists(each.path)) continue;
      out.push(diagnostic(each.range, 'error', 'missing-body-file', `body file ${quote(each.path)} not found: the path is relative to the scenario file`));
    }
  }
  return out;
}

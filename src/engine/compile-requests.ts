// Every request of the scenario prepared once per run: templates compiled, constant URLs split
// into origin and path, constant headers flattened, constant bodies turned into Buffers.

import type { Dispatcher } from 'undici';
import { bodyFileEncoding, type BodyEncoding } from '../core/scenario/body-file-encoding';
import type { RequestBlock, ResponseCheck, Scenario, Template, ThinkTime } from '../core/scenario/model';
import { parseTemplate } from '../core/scenario/template';
import { isRelativeUrl, startsAsPath } from '../core/scenario/urls';
import { TemplateCompiler, type CompiledTemplate, type TemplateContext } from './compile-template';
import { endpointMap } from './endpoints';
import { timeoutText } from './failure-text';
import type { SendSpec } from './http-client';
import type { DataShare, WorkerSetup } from './worker-protocol';

export const DEFAULT_TIMEOUT_MS = 30_000;

export interface CompiledRequest extends SendSpec {
  index: number;
  endpoint: number;
  url: CompiledTemplate;
  /** Set when the URL never changes. */
  origin: string | undefined;
  path: string | undefined;
  headerNames: string[];
  headerValues: CompiledTemplate[];
  /** Set when no header value changes: `[name, value, name, value...]` as undici takes them. */
  constantHeaders: string[] | undefined;
  body: CompiledTemplate | undefined;
  constantBody: Buffer | undefined;
  /** `<@latin1 ./file`: a rendered body is sent as Latin-1 bytes; UTF-8 when unset. */
  bodyEncoding?: 'latin1';
  think: ThinkTime | undefined;
  /** The `??` checks, undefined when none (the common case costs one comparison). */
  checks: ResponseCheck[] | undefined;
  /** The run-wide number of this request's first check (endpoints.ts, checkKeys). */
  firstCheck: number;
  /** False under `# @no-cookie-jar` (the header's or this block's). */
  useCookieJar: boolean;
}

export interface CompiledScenario {
  requests: CompiledRequest[];
  /** Each task's request indexes, and the running sum of task weights (for pickWeighted). */
  tasks: number[][];
  cumulativeWeights: number[];
  /** `# @on-start` request indexes; undefined when the scenario has none (then it costs one test per iteration). */
  onStart: number[] | undefined;
  /** `# @setup` request indexes, run once by src/engine/setup-run.ts; undefined when none. */
  setup: number[] | undefined;
  endpointCount: number;
  checkCount: number;
  /** Users keep cookies (false under `# @no-cookie-jar`). */
  cookieJar: boolean;
  /** `# @http1`: `https://` does not offer HTTP/2. */
  http1Only: boolean;
}

/** `http://a:1/x/y?q` -> [`http://a:1`, `/x/y?q`]; undefined when it is not an absolute http(s) URL. */
export function splitUrl(url: string): [string, string] | undefined {
  const scheme = /^https?:\/\//i.exec(url);
  if (!scheme) return undefined;
  const slash = url.indexOf('/', scheme[0].length);
  const query = url.indexOf('?', scheme[0].length);
  const cut = slash < 0 ? query : query < 0 ? slash : Math.min(slash, query);
  if (cut < 0) return [url, '/'];
  const path = url.slice(cut);
  return [url.slice(0, cut), path.startsWith('/') ? path : `/${path}`];
}

function compileUrl(compiler: TemplateCompiler, request: RequestBlock, host: string | undefined): CompiledTemplate {
  const url = compiler.compile(request.url);
  if (!isRelativeUrl(request.url) && !startsAsPath(url.literalPrefix)) return url;
  const prefix = host ?? '';
  if (url.constant !== undefined) {
    const text = prefix + url.constant;
    return { constant: text, literalPrefix: text, render: () => text };
  }
  return { constant: undefined, literalPrefix: prefix + url.literalPrefix, render: (ctx: TemplateContext) => prefix + url.render(ctx) };
}

/**
 * `<@ ./file` and `<@latin1 ./file` (REST Client): the file's text, read once per run by
 * prepare.ts through the file rule, is a template like an inline body (same compiler, same
 * expansion limits). Latin-1 both ways, so the file's own bytes go out unchanged.
 */
function processedBodyFile(request: RequestBlock, bytes: Uint8Array | undefined): { template: Template; encoding: BodyEncoding } | undefined {
  if (request.body?.kind !== 'file' || !request.body.variables || !bytes) return undefined;
  const encoding = bodyFileEncoding(request.body.encoding);
  return { template: parseTemplate(Buffer.from(bytes).toString(encoding)), encoding };
}

/**
 * What compiling needs besides the scenario: a worker's setup has all of it, and Send Request
 * builds just this from its run plan.
 */
export type CompileInputs = Pick<WorkerSetup, 'host' | 'env' | 'dotenv' | 'bodies'> & {
  /** Each data binding's name and column names, in the order rows are given when rendering. */
  data: ReadonlyArray<Pick<DataShare, 'name' | 'columns'>>;
};

export function compileScenario(scenario: Scenario, setup: CompileInputs): CompiledScenario {
  const data = new Map(setup.data.map((share, index) => [share.name, { index, columns: share.columns }]));
  const requestsByName = new Map<string, number>();
  for (const request of scenario.requests) if (request.name) requestsByName.set(request.name, request.index);
  const compiler = new TemplateCompiler({ variables: scenario.variables, env: setup.env, dotenv: setup.dotenv, data, requestsByName });
  const { ofRequest } = endpointMap(scenario);
  let checkCount = 0;
  const requests = scenario.requests.map((request): CompiledRequest => {
    const url = compileUrl(compiler, request, setup.host);
    const split = url.constant !== undefined ? splitUrl(url.constant) : undefined;
    const headerValues = request.headers.map((header) => compiler.compile(header.value));
    const headerNames = request.headers.map((header) => header.name);
    const constantHeaders = headerValues.every((value) => value.constant !== undefined)
      ? headerNames.flatMap((name, i) => [name, headerValues[i]?.constant ?? ''])
      : undefined;
    // A body file, or a multipart body assembled with its `< file` parts (src/engine/multipart-parts.ts).
    const fileBody = setup.bodies[request.index];
    const processed = processedBodyFile(request, fileBody);
    const bodyEncoding = processed?.encoding ?? 'utf8';
    const template = request.body?.kind === 'inline' ? request.body.template : processed?.template;
    const body = template ? compiler.compile(template) : undefined;
    // An unprocessed file (or an assembled multipart body) is sent as read; any other body when constant.
    const constantBody =
      fileBody && !processed ? Buffer.from(fileBody) : body?.constant !== undefined ? Buffer.from(body.constant, bodyEncoding) : undefined;
    const timeoutMs = request.timeoutMs ?? scenario.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return {
      index: request.index,
      endpoint: ofRequest[request.index] ?? 0,
      method: request.method as Dispatcher.HttpMethod,
      url,
      origin: split?.[0],
      path: split?.[1],
      headerNames,
      headerValues,
      constantHeaders,
      body: constantBody ? undefined : body,
      constantBody,
      ...(bodyEncoding === 'latin1' ? { bodyEncoding } : {}),
      think: request.think,
      checks: request.checks,
      firstCheck: (checkCount += request.checks?.length ?? 0) - (request.checks?.length ?? 0),
      timeoutMs,
      timeoutText: timeoutText(timeoutMs),
      expect: request.expect?.ranges,
      keepBody: request.checks?.some((check) => check.field.kind === 'body') ?? false,
      keepHeaders: request.checks?.some((check) => check.field.kind === 'header') ?? false,
      followRedirects: !(scenario.noRedirect || request.noRedirect),
      useCookieJar: !scenario.noCookieJar && !request.noCookieJar,
    };
  });
  // Only now are all references known: keep the responses some template reads.
  for (const index of compiler.needs.bodies) if (requests[index]) requests[index].keepBody = true;
  for (const index of compiler.needs.headers) if (requests[index]) requests[index].keepHeaders = true;
  // No task only when the scenario has no request (check refuses a file whose requests are all in sequences).
  const inSequence = new Set([...(scenario.onStart?.requests ?? []), ...(scenario.setup?.requests ?? [])]);
  const tasks = scenario.tasks.length > 0 ? scenario.tasks : [{ weight: 1, requests: scenario.requests.map((r) => r.index).filter((index) => !inSequence.has(index)) }];
  let sum = 0;
  return {
    requests,
    tasks: tasks.map((task) => task.requests),
    cumulativeWeights: tasks.map((task) => (sum += Math.max(0, task.weight))),
    onStart: scenario.onStart?.requests,
    setup: scenario.setup?.requests,
    endpointCount: endpointMap(scenario).endpoints.length,
    checkCount,
    cookieJar: !scenario.noCookieJar,
    http1Only: scenario.http1 === true,
  };
}

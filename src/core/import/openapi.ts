// `loadlens import openapi`: one request block per operation, titled by its summary (else its
// operationId), each its own task, reads weighted above writes; path and query parameters as
// file variables holding their examples; bodies from `example`/`examples` or generated from the
// schema; `servers[0]` as the host; security schemes as headers (or query parameters) whose
// values come from the environment.

import { DEFAULT_LOAD_DIRECTIVES, DEFAULT_THINK, runHint } from './defaults';
import { chooseHost, splitUrl } from './hosts';
import { emptyDraft, ImportError, type DraftHeader, type DraftRequest, type ImportOutput, type ScenarioDraft } from './model';
import { dereferenceOpenApi, unresolvedReferences, type OpenApiDereferencer, type OpenApiDocument } from './openapi-source';
import { exampleOf } from './schema-example';
import { isSecretHeader, secretReference } from './secrets';
import { literal, reference, variableName } from './template-text';
import { writeScenario } from './write-scenario';

export interface OpenApiImportOptions {
  host?: string;
  sideFilePrefix: string;
  /** The `$ref` resolver: src/engine/openapi-loader.ts in the CLI and the extension. */
  dereference: OpenApiDereferencer;
}

type Json = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
/** Reads run three times as often as writes: most traffic to an API reads (docs/importing.md). */
const READ_WEIGHT = 3;
const WRITE_WEIGHT = 1;
/** OpenAPI ignores header parameters with these names (they are described elsewhere). */
const IGNORED_HEADER_PARAMETERS = new Set(['accept', 'content-type', 'authorization']);

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

interface Parameter {
  name: string;
  in: string;
  required: boolean;
  example: unknown;
  hasExample: boolean;
}

function parameterExample(parameter: Json): { value: unknown; has: boolean } {
  if (parameter.example !== undefined) return { value: parameter.example, has: true };
  if (isObject(parameter.examples)) {
    const first = Object.values(parameter.examples).find(isObject);
    if (first && first.value !== undefined) return { value: first.value, has: true };
  }
  const schema = isObject(parameter.schema) ? parameter.schema : {};
  const has = schema.example !== undefined || schema.default !== undefined || Array.isArray(schema.enum) || Array.isArray(schema.examples);
  return { value: exampleOf(schema), has };
}

/** Path-level parameters, replaced by the operation's own of the same name and place. */
function parametersOf(pathItem: Json, operation: Json): Parameter[] {
  const byKey = new Map<string, Parameter>();
  for (const list of [pathItem.parameters, operation.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list.filter(isObject)) {
      const { value, has } = parameterExample(raw);
      const parameter = { name: text(raw.name), in: text(raw.in), required: raw.required === true, example: value, hasExample: has };
      byKey.set(`${parameter.in}:${parameter.name}`, parameter);
    }
  }
  return [...byKey.values()];
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A file variable for a parameter (first example wins); returns `{{name}}`. */
function parameterVariable(draft: ScenarioDraft, parameter: Parameter, encode: boolean): string {
  const name = variableName(parameter.name);
  if (!draft.variables.some((variable) => variable.name === name)) {
    const value = asText(parameter.example);
    draft.variables.push({ name, value: literal(encode ? encodeURIComponent(value) : value), comment: `${parameter.in} parameter ${parameter.name}${parameter.hasExample ? '' : ' (no example in the document: a made-up value)'}` });
  }
  return reference(name);
}

interface Security {
  headers: DraftHeader[];
  query: string[];
}

function securityOf(document: OpenApiDocument, operation: Json, draft: ScenarioDraft, notes: string[]): Security {
  const result: Security = { headers: [], query: [] };
  const requirements = Array.isArray(operation.security) ? operation.security : Array.isArray(document.security) ? document.security : [];
  const first = requirements.find(isObject);
  if (!first) return result;
  const components = isObject(document.components) ? document.components : {};
  const schemes = isObject(components.securitySchemes) ? components.securitySchemes : {};
  for (const schemeName of Object.keys(first)) {
    const scheme = schemes[schemeName];
    if (!isObject(scheme)) {
      notes.push(`the security scheme ${schemeName} (not defined under components.securitySchemes)`);
      continue;
    }
    const type = text(scheme.type);
    const where = text(scheme.in);
    const name = text(scheme.name);
    if (type === 'apiKey' && where === 'header' && name) result.headers.push({ name, value: secretReference(draft, name, `the ${schemeName} API key`) });
    else if (type === 'apiKey' && where === 'query' && name) result.query.push(`${encodeURIComponent(name)}=${secretReference(draft, name, `the ${schemeName} API key`)}`);
    else if (type === 'apiKey' && where === 'cookie' && name) result.headers.push({ name: 'Cookie', value: `${name}=${secretReference(draft, name, `the ${schemeName} API key`)}` });
    else if (type === 'http' && /^basic$/i.test(text(scheme.scheme))) result.headers.push({ name: 'Authorization', value: secretReference(draft, 'Authorization', '"Basic " and the base64 of user:password') });
    else if (type === 'http' || type === 'oauth2' || type === 'openIdConnect') result.headers.push({ name: 'Authorization', value: secretReference(draft, 'Authorization', '"Bearer " and a token') });
    else notes.push(`the security scheme ${schemeName} (${type || 'unknown type'})`);
  }
  return result;
}

const JSON_MEDIA = /^application\/([\w.+-]*\+)?json\b/i;

function bodyOf(operation: Json, notes: string[]): { mediaType: string; text: string } | undefined {
  const requestBody = isObject(operation.requestBody) ? operation.requestBody : undefined;
  const content = requestBody && isObject(requestBody.content) ? requestBody.content : undefined;
  if (!content) return undefined;
  const types = Object.keys(content);
  const mediaType =
    types.find((type) => JSON_MEDIA.test(type)) ??
    types.find((type) => /x-www-form-urlencoded/i.test(type)) ??
    types.find((type) => /^text\//i.test(type)) ??
    types[0];
  if (mediaType === undefined) return undefined;
  const media = isObject(content[mediaType]) ? (content[mediaType] as Json) : {};
  let value: unknown = media.example;
  if (value === undefined && isObject(media.examples)) value = Object.values(media.examples).find(isObject)?.value;
  if (value === undefined) value = exampleOf(media.schema);
  if (JSON_MEDIA.test(mediaType)) return { mediaType, text: JSON.stringify(value, null, 2) };
  if (/x-www-form-urlencoded/i.test(mediaType) && isObject(value)) {
    return { mediaType, text: new URLSearchParams(Object.entries(value).map(([key, item]) => [key, asText(item)])).toString() };
  }
  if (/^text\//i.test(mediaType) || typeof value === 'string') return { mediaType, text: asText(value) };
  notes.push(`the ${mediaType} request body (write one by hand: only JSON, form and text bodies are generated)`);
  return undefined;
}

function serverOf(document: OpenApiDocument): { origin?: string; basePath: string } {
  const servers = Array.isArray(document.servers) ? document.servers.filter(isObject) : [];
  const server = servers[0];
  if (!server) return { basePath: '' };
  // `{region}` server variables take their defaults.
  const variables = isObject(server.variables) ? server.variables : {};
  const url = text(server.url).replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const variable = variables[name];
    return isObject(variable) && variable.default !== undefined ? asText(variable.default) : whole;
  });
  const split = splitUrl(url);
  if (split) return { origin: split.origin, basePath: split.path.replace(/\/+$/, '') };
  return { basePath: url.replace(/\/+$/, '') };
}

function titleOf(operation: Json, method: string, path: string, used: Set<string>): string {
  const base = text(operation.summary).trim() || text(operation.operationId).trim() || `${method.toUpperCase()} ${path}`;
  let title = base;
  for (let count = 2; used.has(title); count++) title = `${base} (${count})`;
  used.add(title);
  return title;
}

export async function importOpenApi(source: unknown, options: OpenApiImportOptions): Promise<ImportOutput> {
  const document = await dereferenceOpenApi(source, options.dereference);
  const info = isObject(document.info) ? document.info : {};
  const draft = emptyDraft([...runHint('openapi'), `API: ${text(info.title) || 'untitled'} ${text(info.version)}`.trim()]);
  draft.directives.push(...DEFAULT_LOAD_DIRECTIVES, DEFAULT_THINK);
  const server = serverOf(document);
  chooseHost(draft, server.origin, options.host);
  if (draft.host === undefined) draft.notes.push('a server URL: the document has no absolute servers[0].url, so give one with --host at import or run time');
  for (const ref of unresolvedReferences(document)) draft.notes.push(`the external reference ${ref} (never fetched: copy the schema into the document)`);
  if (isObject(document.webhooks) && Object.keys(document.webhooks).length) draft.notes.push('webhooks (requests the API sends, not receives)');

  const paths = isObject(document.paths) ? document.paths : {};
  const titles = new Set<string>();
  for (const [path, pathItem] of Object.entries(paths)) {
    if (!isObject(pathItem)) continue;
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!isObject(operation)) continue;
      draft.requests.push(operationRequest(document, draft, server.basePath, path, method, pathItem, operation, titles));
    }
  }
  if (draft.requests.length === 0) throw new ImportError('the document has no operations under "paths": there is nothing to send');
  return writeScenario(draft, options.sideFilePrefix);
}

function operationRequest(document: OpenApiDocument, draft: ScenarioDraft, basePath: string, path: string, method: string, pathItem: Json, operation: Json, titles: Set<string>): DraftRequest {
  const notes: string[] = [];
  const parameters = parametersOf(pathItem, operation);
  const urlPath = literal(`${basePath}${path}`).replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const parameter = parameters.find((item) => item.in === 'path' && item.name === name);
    return parameter ? parameterVariable(draft, parameter, true) : whole;
  });
  const query: string[] = [];
  const headers: DraftHeader[] = [];
  for (const parameter of parameters) {
    if (parameter.in === 'query' && (parameter.required || parameter.hasExample)) query.push(`${encodeURIComponent(parameter.name)}=${parameterVariable(draft, parameter, true)}`);
    else if (parameter.in === 'header' && !IGNORED_HEADER_PARAMETERS.has(parameter.name.toLowerCase())) {
      if (!parameter.required && !parameter.hasExample) continue;
      headers.push({ name: parameter.name, value: isSecretHeader(parameter.name) ? secretReference(draft, parameter.name) : literal(asText(parameter.example)) });
    } else if (parameter.in === 'cookie') notes.push(`the cookie parameter ${parameter.name}`);
  }
  const security = securityOf(document, operation, draft, notes);
  query.push(...security.query);
  headers.push(...security.headers);
  const body = bodyOf(operation, notes);
  if (body) headers.unshift({ name: 'Content-Type', value: literal(body.mediaType) });
  const weight = method === 'get' || method === 'head' ? READ_WEIGHT : WRITE_WEIGHT;
  const request: DraftRequest = {
    title: titleOf(operation, method, path, titles),
    method: method.toUpperCase(),
    url: query.length ? `${urlPath}?${query.join('&')}` : urlPath,
    headers,
    directives: [`@task ${weight}`],
    notes,
  };
  if (body) request.body = { kind: 'text', text: literal(body.text) };
  return request;
}

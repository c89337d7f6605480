// `loadlens import postman`: a collection v2.1 becomes a scenario. Folders become tasks (each
// folder with requests of its own is one task, its requests in order; requests at the top level
// form one more), collection variables become file variables, a Postman environment
// (`--environment FILE`) becomes `http-client.env.json` entries, and scripts are listed as not
// carried over. When every URL starts with the same `{{variable}}`, it becomes `# @host`.

import { DEFAULT_LOAD_DIRECTIVES, DEFAULT_THINK, runHint } from './defaults';
import { chooseHost, splitUrl } from './hosts';
import { emptyDraft, ImportError, type DraftRequest, type ImportOutput, type ScenarioDraft } from './model';
import { enabledPairs, isObject, readCollection, readEnvironment, text, type Json, type PostmanEnvironment } from './postman-format';
import { convertRequest, type RequestContext } from './postman-request';
import { newTemplateContext, postmanTemplate } from './postman-template';
import { hideQuerySecrets, isSecretHeader, secretReference } from './secrets';
import { environmentName, literal, variableName } from './template-text';
import { writeScenario } from './write-scenario';

export interface PostmanImportOptions {
  host?: string;
  sideFilePrefix: string;
  /** A Postman environment export (parsed JSON). */
  environment?: unknown;
}

interface Task {
  name: string;
  requests: DraftRequest[];
}

function scriptNotes(item: Json, where: string): string[] {
  if (!Array.isArray(item.event)) return [];
  return item.event.filter(isObject).flatMap((event) => {
    const script = isObject(event.script) ? event.script : {};
    const lines = Array.isArray(script.exec) ? script.exec.map(text) : [text(script.exec)];
    if (lines.join('').trim() === '') return [];
    const kind = event.listen === 'prerequest' ? 'pre-request script' : event.listen === 'test' ? 'test script' : `${text(event.listen)} script`;
    return [`the ${kind} of ${where} (scripts do not run under load; a test's status check can be written as # @expect status)`];
  });
}

function walk(context: RequestContext, items: unknown, path: string[], tasks: Task[], draft: ScenarioDraft): void {
  if (!Array.isArray(items)) return;
  const own: DraftRequest[] = [];
  for (const item of items.filter(isObject)) {
    const name = text(item.name) || 'unnamed';
    if (Array.isArray(item.item)) {
      draft.notes.push(...scriptNotes(item, `folder ${[...path, name].join(' / ')}`));
      const auth = isObject(item.auth) && item.auth.type !== 'inherit' ? item.auth : context.inheritedAuth;
      walk({ ...context, ...(auth ? { inheritedAuth: auth } : {}) }, item.item, [...path, name], tasks, draft);
    } else if (item.request !== undefined) {
      own.push(convertRequest(context, item, scriptNotes(item, `request ${name}`)));
    }
  }
  if (own.length) tasks.push({ name: path.join(' / '), requests: own });
}

/** `{{baseUrl}}/path` for every request: the variable is the host. */
function sharedHostVariable(requests: readonly DraftRequest[]): string | undefined {
  const prefixes = new Set(requests.map((request) => /^\{\{([A-Za-z_][\w-]*)\}\}(?=\/|\?|$)/.exec(request.url)?.[1]));
  const [only] = prefixes;
  return prefixes.size === 1 && only !== undefined ? only : undefined;
}

function placeUrls(draft: ScenarioDraft, requests: DraftRequest[], hostOverride: string | undefined): void {
  const variable = sharedHostVariable(requests);
  if (variable !== undefined) {
    draft.host = hostOverride !== undefined ? literal(hostOverride.replace(/\/+$/, '')) : `{{${variable}}}`;
    for (const request of requests) request.url = request.url.slice(variable.length + 4) || '/';
  } else {
    // Literal URLs: the most frequent origin is the host (as for HAR recordings).
    const counts = new Map<string, number>();
    for (const request of requests) {
      const origin = splitUrl(request.url)?.origin;
      if (origin) counts.set(origin, (counts.get(origin) ?? 0) + 1);
    }
    const main = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
    chooseHost(draft, main, hostOverride);
    for (const request of requests) {
      const split = splitUrl(request.url);
      if (split && split.origin === main) request.url = split.path;
      else if (!split && !request.url.startsWith('{{') && !request.url.startsWith('/')) request.url = `http://${request.url}`;
    }
  }
  for (const request of requests) request.url = hideQuerySecrets(draft, request.url);
}

function isSecretName(name: string): boolean {
  return isSecretHeader(name);
}

/** Collection variables, then the environment's (which win, as in Postman), then the rest from the process environment. */
function declareVariables(draft: ScenarioDraft, collection: Json, environment: PostmanEnvironment | undefined, context: RequestContext): void {
  const declared = new Set(draft.variables.map((variable) => variable.name));
  const declare = (postmanName: string, value: string, comment: string) => {
    const name = variableName(postmanName);
    if (declared.has(name)) return;
    declared.add(name);
    if (isSecretName(postmanName)) secretReference(draft, name);
    else draft.variables.push({ name, value: postmanTemplate(value, context.templates), comment });
  };
  for (const item of environment?.values ?? []) declare(item.key, item.value, `from the Postman environment ${environment?.name ?? ''} (also in http-client.env.json)`);
  for (const item of enabledPairs(collection.variable)) declare(item.key, item.value, 'a collection variable');
  // A name the collection uses but never defines (a global, or an environment not given).
  // Values may use further names: a Map's iteration visits entries added while it runs.
  for (const [name, postmanName] of context.templates.used) {
    if (declared.has(name)) continue;
    declared.add(name);
    draft.variables.push({ name, value: `{{$processEnv ${environmentName(name)}}}`, comment: `${postmanName}: not defined in the collection${environment ? ' or the environment' : ''}; set ${environmentName(name)} in the environment` });
  }
}

function environmentEntries(environment: PostmanEnvironment, draft: ScenarioDraft): Record<string, Record<string, string>> {
  const values: Record<string, string> = {};
  for (const item of environment.values) {
    if (item.type === 'secret' || isSecretName(item.key)) draft.notes.push(`the value of the secret ${item.key} of the Postman environment (read from the environment variable ${environmentName(variableName(item.key))} instead)`);
    else if (item.value.includes('{{')) draft.notes.push(`the environment value of ${item.key} in http-client.env.json (it holds {{...}}; it is a file variable instead)`);
    else values[variableName(item.key)] = item.value;
  }
  return { [environment.name]: values };
}

export function importPostman(document: unknown, options: PostmanImportOptions): ImportOutput {
  const collection = readCollection(document);
  const environment = options.environment !== undefined ? readEnvironment(options.environment) : undefined;
  const draft = emptyDraft([...runHint('postman'), `Collection: ${collection.name || 'unnamed'}${environment ? `; environment: ${environment.name}` : ''}`]);
  draft.directives.push(...DEFAULT_LOAD_DIRECTIVES, DEFAULT_THINK);
  draft.notes.push(...scriptNotes(collection.root, 'the collection'));
  const templates = newTemplateContext();
  const rootAuth = isObject(collection.root.auth) ? collection.root.auth : undefined;
  const context: RequestContext = { draft, templates, ...(rootAuth ? { inheritedAuth: rootAuth } : {}) };
  const tasks: Task[] = [];
  walk(context, collection.root.item, [], tasks, draft);
  const requests = tasks.flatMap((task) => task.requests);
  if (requests.length === 0) throw new ImportError('the collection has no requests');
  // The top-level requests' task comes first; one task in all needs no @task.
  tasks.sort((a, b) => (a.name === '' ? -1 : b.name === '' ? 1 : 0));
  if (tasks.length > 1) {
    for (const task of tasks) {
      const first = task.requests[0] as DraftRequest;
      first.directives.unshift('@task 1');
      first.comments = [task.name ? `Task: the folder ${task.name}` : 'Task: the requests at the top of the collection'];
    }
  }
  placeUrls(draft, requests, options.host);
  declareVariables(draft, collection.root, environment, context);
  for (const dynamic of templates.unsupported) draft.notes.push(`the Postman dynamic variable {{${dynamic}}} (kept as literal text; use {{$randomInt MIN MAX}} or {{$guid}})`);
  draft.requests.push(...tasks.flatMap((task) => task.requests));
  const environments = environment ? environmentEntries(environment, draft) : undefined;
  const output = writeScenario(draft, options.sideFilePrefix);
  if (environments) output.environments = environments;
  return output;
}

// One Postman request as a draft request: URL (enabled query items only), headers, auth
// (inherited from folders and the collection), and body by mode. Secrets written as literal
// values in the collection become environment variables; `{{references}}` stay references.

import type { DraftHeader, DraftRequest, ScenarioDraft } from './model';
import { multipartBody } from './multipart';
import { enabledPairs, isObject, text, type Json } from './postman-format';
import { postmanTemplate, soleReference, type TemplateContext } from './postman-template';
import { isSecretHeader, secretReference } from './secrets';

const RAW_TYPES: Record<string, string> = { json: 'application/json', xml: 'application/xml', html: 'text/html', javascript: 'application/javascript', text: 'text/plain' };

export interface RequestContext {
  draft: ScenarioDraft;
  templates: TemplateContext;
  /** The nearest auth above the request (folder, then collection). */
  inheritedAuth?: Json;
}

/** The URL as written in Postman (Postman text, not yet a template): `raw`, with the query rebuilt from enabled items. */
export function rawUrl(url: unknown): string {
  if (typeof url === 'string') return url;
  if (!isObject(url)) return '';
  let raw = text(url.raw);
  if (raw === '') {
    const host = Array.isArray(url.host) ? url.host.map(text).join('.') : text(url.host);
    const path = Array.isArray(url.path) ? url.path.map(text).join('/') : text(url.path);
    raw = `${url.protocol ? `${text(url.protocol)}://` : ''}${host}${path ? `/${path}` : ''}`;
  }
  if (Array.isArray(url.query)) {
    const base = raw.split('?')[0] ?? raw;
    const query = enabledPairs(url.query).map((item) => (item.value === '' ? item.key : `${item.key}=${item.value}`));
    raw = query.length ? `${base}?${query.join('&')}` : base;
  }
  return raw.replace(/#.*$/s, '');
}

/** A value for a secret: a `{{reference}}` stays one; a literal value is never copied. */
function secretValue(context: RequestContext, value: string, source: string, hint?: string): string {
  return soleReference(value) !== undefined ? postmanTemplate(value, context.templates) : secretReference(context.draft, source, hint);
}

function authHeaders(context: RequestContext, auth: Json | undefined, notes: string[], query: string[]): DraftHeader[] {
  if (!auth || auth.type === 'noauth') return [];
  const type = text(auth.type);
  const field = (key: string) => enabledPairs(auth[type]).find((item) => item.key === key)?.value ?? '';
  switch (type) {
    case 'bearer':
      return [{ name: 'Authorization', value: soleReference(field('token')) !== undefined ? `Bearer ${postmanTemplate(field('token'), context.templates)}` : secretReference(context.draft, 'Authorization', '"Bearer " and the token') }];
    case 'basic':
      return [{ name: 'Authorization', value: secretReference(context.draft, 'Authorization', `"Basic " and the base64 of ${field('username') || 'user'}:PASSWORD`) }];
    case 'apikey': {
      const key = field('key') || 'X-Api-Key';
      const value = secretValue(context, field('value'), key);
      if (field('in') === 'query') {
        query.push(`${encodeURIComponent(key)}=${value}`);
        return [];
      }
      return [{ name: key, value }];
    }
    default:
      notes.push(`the ${type || 'unknown'} authorization (write its header by hand, with the secret from the environment)`);
      return [];
  }
}

function bodyOf(context: RequestContext, body: unknown, headers: DraftHeader[], notes: string[]): DraftRequest['body'] {
  if (!isObject(body) || body.disabled === true) return undefined;
  const hasType = () => headers.some((header) => header.name.toLowerCase() === 'content-type');
  const setType = (type: string) => {
    if (!hasType()) headers.push({ name: 'Content-Type', value: type });
  };
  switch (text(body.mode)) {
    case 'raw': {
      const raw = text(body.raw);
      if (raw === '') return undefined;
      const options = isObject(body.options) && isObject(body.options.raw) ? body.options.raw : {};
      setType(RAW_TYPES[text(options.language)] ?? 'text/plain');
      return { kind: 'text', text: postmanTemplate(raw, context.templates) };
    }
    case 'urlencoded': {
      const pairs = enabledPairs(body.urlencoded);
      setType('application/x-www-form-urlencoded');
      const encode = (value: string) => (value.includes('{{') ? postmanTemplate(value, context.templates) : encodeURIComponent(value));
      return { kind: 'text', text: pairs.map((pair) => `${encode(pair.key)}=${encode(pair.value)}`).join('&') };
    }
    case 'graphql': {
      const graphql = isObject(body.graphql) ? body.graphql : {};
      let variables: unknown = {};
      try {
        variables = text(graphql.variables).trim() ? JSON.parse(text(graphql.variables)) : {};
      } catch {
        notes.push('the GraphQL variables (not valid JSON)');
      }
      setType('application/json');
      return { kind: 'text', text: postmanTemplate(JSON.stringify({ query: text(graphql.query), variables }), context.templates) };
    }
    case 'formdata': {
      const fields = enabledPairs(body.formdata);
      if (fields.some((field) => field.type === 'file' || field.value.includes('{{'))) {
        notes.push('the form-data body (file fields and {{variables}} in multipart bodies are not generated; write it by hand or import the request with curl)');
        return undefined;
      }
      headers.splice(0, headers.length, ...headers.filter((header) => header.name.toLowerCase() !== 'content-type'));
      headers.push({ name: 'Content-Type', value: 'multipart/form-data; boundary=------------------------LoadlensImportBoundary' });
      return { kind: 'bytes', bytes: multipartBody(fields.map((field) => ({ name: field.key, bytes: new TextEncoder().encode(field.value) }))), extension: 'multipart' };
    }
    case 'file':
      notes.push('the file body (Postman keeps only its path)');
      return undefined;
    default:
      return undefined;
  }
}

export function convertRequest(context: RequestContext, item: Json, notes: string[]): DraftRequest {
  const request = isObject(item.request) ? item.request : { url: item.request, method: 'GET' };
  const headers: DraftHeader[] = [];
  for (const header of enabledPairs(request.header)) {
    if (isSecretHeader(header.key)) headers.push({ name: header.key, value: secretValue(context, header.value, header.key) });
    else headers.push({ name: header.key, value: postmanTemplate(header.value, context.templates) });
  }
  const query: string[] = [];
  const auth = isObject(request.auth) && request.auth.type !== 'inherit' ? request.auth : context.inheritedAuth;
  headers.push(...authHeaders(context, auth, notes, query));
  const draftRequest: DraftRequest = { title: text(item.name) || undefined, method: (text(request.method) || 'GET').toUpperCase(), url: '', headers, directives: [], notes };
  if (draftRequest.title === undefined) delete draftRequest.title;
  let url = postmanTemplate(rawUrl(request.url), context.templates);
  if (query.length) url += `${url.includes('?') ? '&' : '?'}${query.join('&')}`;
  draftRequest.url = url;
  const body = bodyOf(context, request.body, headers, notes);
  if (body) draftRequest.body = body;
  return draftRequest;
}

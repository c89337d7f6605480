// The parts of a Postman collection v2.1 (and v2.0, the same shape) that an import reads, and of
// a Postman environment export. Collections are untrusted files: every field is checked.

import { ImportError } from './model';

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
export const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '');

export interface KeyValue {
  key: string;
  value: string;
  /** Postman's `type: "secret"` (environments) or `"file"` (form data). */
  type?: string;
  src?: string;
}

/** `[{key, value, disabled}]` lists (headers, query, variables, form fields), enabled items only. */
export function enabledPairs(list: unknown): KeyValue[] {
  if (!Array.isArray(list)) return [];
  return list
    .filter(isObject)
    .filter((item) => item.disabled !== true && item.enabled !== false)
    .map((item) => ({ key: text(item.key), value: text(item.value), ...(typeof item.type === 'string' ? { type: item.type } : {}), ...(typeof item.src === 'string' ? { src: item.src } : {}) }));
}

export interface PostmanCollection {
  name: string;
  root: Json;
}

export function readCollection(document: unknown): PostmanCollection {
  if (!isObject(document)) throw new ImportError('not a Postman collection: expected a JSON object with "info" and "item"');
  const info = isObject(document.info) ? document.info : undefined;
  const schema = info ? text(info.schema) : '';
  if (Array.isArray(document.requests) || /v1\.0/.test(schema)) {
    throw new ImportError('this is a Postman collection v1; export it again as Collection v2.1 (Postman: ... > Export > Collection v2.1)');
  }
  if (!info || !Array.isArray(document.item)) throw new ImportError('not a Postman collection v2.1: it needs an "info" object and an "item" list (Postman: ... > Export > Collection v2.1)');
  if (schema !== '' && !/v2\.[01]/.test(schema)) throw new ImportError(`unknown Postman collection schema ${JSON.stringify(schema)}: export it as Collection v2.1`);
  return { name: text(info.name), root: document };
}

export interface PostmanEnvironment {
  name: string;
  values: KeyValue[];
}

export function readEnvironment(document: unknown): PostmanEnvironment {
  if (!isObject(document) || !Array.isArray(document.values)) {
    throw new ImportError('not a Postman environment: expected a JSON object with a "values" list (Postman: Environments > ... > Export)');
  }
  return { name: text(document.name) || 'postman', values: enabledPairs(document.values) };
}

// An example value for a JSON Schema (OpenAPI 3.0 and 3.1 dialects): the schema's own
// `example`/`examples`/`default`/`const`/`enum` first, else a value of the right type that a
// server's validation is likely to accept (formats, minimums, lengths, required properties).
// Dereferenced schemas may be circular: a schema already on the path yields null.

type Schema = Record<string, unknown>;

const MAX_DEPTH = 8;

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

const FORMATS: Record<string, unknown> = {
  'date-time': '2024-01-01T12:00:00Z',
  date: '2024-01-01',
  time: '12:00:00',
  email: 'user@example.com',
  uuid: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
  uri: 'https://example.com',
  url: 'https://example.com',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  byte: 'U3dhZ2dlcg==',
  password: 'password',
};

function typeOf(schema: Schema): string | undefined {
  const type = schema.type;
  if (typeof type === 'string') return type;
  // 3.1: `type: [string, "null"]` takes the first non-null type.
  if (Array.isArray(type)) return type.find((item) => item !== 'null') as string | undefined;
  if (isSchema(schema.properties)) return 'object';
  if (schema.items !== undefined) return 'array';
  return undefined;
}

function stringExample(schema: Schema): string {
  const format = typeof schema.format === 'string' ? FORMATS[schema.format] : undefined;
  if (typeof format === 'string') return format;
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Infinity;
  let text = 'string';
  if (text.length < min) text = text.padEnd(min, 'x');
  return text.slice(0, Math.max(min, Math.min(max, text.length)));
}

function numberExample(schema: Schema, integer: boolean): number {
  const minimum = typeof schema.minimum === 'number' ? schema.minimum : typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + (integer ? 1 : 0.5) : undefined;
  const maximum = typeof schema.maximum === 'number' ? schema.maximum : undefined;
  let value = minimum ?? (maximum !== undefined && maximum < 1 ? maximum : 1);
  if (integer) value = Math.ceil(value);
  return value;
}

function merged(schemas: readonly unknown[]): Schema {
  const result: Schema = { type: 'object', properties: {}, required: [] };
  for (const part of schemas) {
    if (!isSchema(part)) continue;
    Object.assign(result.properties as Schema, isSchema(part.properties) ? part.properties : {});
    if (Array.isArray(part.required)) (result.required as unknown[]).push(...part.required);
    if (part.type !== undefined && part.type !== 'object' && !isSchema(part.properties)) return part;
  }
  return result;
}

export function exampleOf(schema: unknown, path: readonly unknown[] = []): unknown {
  if (!isSchema(schema) || path.includes(schema) || path.length > MAX_DEPTH) return null;
  const inner = [...path, schema];
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  if (Array.isArray(schema.allOf)) return exampleOf(merged(schema.allOf), inner);
  for (const key of ['oneOf', 'anyOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options) && options.length) return exampleOf(options.find((option) => !(isSchema(option) && option.type === 'null')) ?? options[0], inner);
  }
  switch (typeOf(schema)) {
    case 'object': {
      const properties = isSchema(schema.properties) ? schema.properties : {};
      const out: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(properties)) {
        if (isSchema(property) && (property.readOnly === true)) continue;
        out[name] = exampleOf(property, inner);
      }
      return out;
    }
    case 'array': {
      const count = typeof schema.minItems === 'number' && schema.minItems > 1 ? schema.minItems : 1;
      return Array.from({ length: Math.min(count, 10) }, () => exampleOf(schema.items, inner));
    }
    case 'string':
      return stringExample(schema);
    case 'integer':
      return numberExample(schema, true);
    case 'number':
      return numberExample(schema, false);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return {};
  }
}

// Private environment values (http-client.private.env.json) go on the wire and nowhere else: every
// text that leaves the engine (events, results, failure texts) and every line the CLI prints about
// a run passes through here. A value may reach a text as written, percent-encoded in a URL, or
// escaped inside JSON, so each of those forms is replaced (docs/security.md, Private values).

export const REDACTED = '[private]';

/** Every form a secret may take in a text, longest first so a longer form is replaced whole. */
export function secretForms(values: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const value of values) {
    if (value === '') continue;
    forms.add(value);
    forms.add(encodeURIComponent(value));
    forms.add(encodeURI(value));
    forms.add(JSON.stringify(value).slice(1, -1));
  }
  return [...forms].filter((form) => form !== '').sort((a, b) => b.length - a.length);
}

export function redactText(text: string, forms: readonly string[]): string {
  let out = text;
  for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
  return out;
}

/** A copy of plain JSON data with every string (keys included) redacted; the data itself when there is nothing to hide. */
export function redactDeep<T>(value: T, forms: readonly string[]): T {
  if (forms.length === 0) return value;
  return redactAny(value, forms) as T;
}

/** Encoded numbers, not text: a short secret could match inside one by chance and corrupt it. */
const ENCODED_FIELDS: ReadonlySet<string> = new Set(['histogram', 'hash']);

function redactAny(value: unknown, forms: readonly string[]): unknown {
  if (typeof value === 'string') return redactText(value, forms);
  if (Array.isArray(value)) return value.map((item) => redactAny(item, forms));
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[redactText(key, forms)] = ENCODED_FIELDS.has(key) ? item : redactAny(item, forms);
    return out;
  }
  return value; // numbers, booleans, typed arrays (histogram bytes) carry no text
}

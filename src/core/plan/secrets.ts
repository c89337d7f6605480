// Private environment values (http-client.private.env.json) go on the wire and nowhere else: every
// text that leaves the engine (events, results, failure texts) and every line the CLI prints about
// a run passes through here. A value may reach a text as written, percent-encoded in a URL, or
// escaped inside JSON, so each of those forms is replaced (docs/security.md, Private values).
// It may also be normalised on the way: a host is trimmed and loses its trailing slashes
// (./host.ts renderHost) and `new URL` lower-cases a host name, so those forms are replaced too,
// and a value that looks like an address is matched whatever its case.

export const REDACTED = '[private]';

/** The value as a host or URL may carry it after ./host.ts renderHost: trimmed, without trailing slashes. */
function normalisedValues(value: string): string[] {
  const trimmed = value.trim();
  return [value, trimmed, trimmed.replace(/\/+$/, '')];
}

/** Every form a secret may take in a text, longest first so a longer form is replaced whole. */
export function secretForms(values: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const value of values.flatMap(normalisedValues)) {
    if (value === '') continue;
    forms.add(value);
    forms.add(encodeURIComponent(value));
    forms.add(encodeURI(value));
    forms.add(JSON.stringify(value).slice(1, -1));
  }
  return [...forms].filter((form) => form !== '').sort((a, b) => b.length - a.length);
}

/** A URL (`scheme://`) or a host name (`a.b`, `a.b:8080/x`): `new URL` lower-cases its host, so its case cannot be trusted. */
const ADDRESS = /^[a-z][a-z0-9+.-]*:\/\/|^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?(\/|$)/i;

interface Matchers {
  exact?: RegExp;
  anyCase?: RegExp;
}

/** Compiled once per forms list (a plan keeps its list for the whole run). */
const compiled = new WeakMap<readonly string[], Matchers>();

function alternation(forms: readonly string[], flags: string): RegExp | undefined {
  return forms.length === 0 ? undefined : new RegExp(forms.map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), flags);
}

function matchersOf(forms: readonly string[]): Matchers {
  let matchers = compiled.get(forms);
  if (!matchers) {
    // Longest first (secretForms' order) so the alternation replaces a longer form whole.
    const sorted = [...forms].sort((a, b) => b.length - a.length);
    matchers = { exact: alternation(sorted.filter((form) => !ADDRESS.test(form)), 'g'), anyCase: alternation(sorted.filter((form) => ADDRESS.test(form)), 'gi') };
    compiled.set(forms, matchers);
  }
  return matchers;
}

export function redactText(text: string, forms: readonly string[]): string {
  if (forms.length === 0 || text === '') return text;
  const { exact, anyCase } = matchersOf(forms);
  let out = text;
  if (anyCase) out = out.replace(anyCase, REDACTED);
  if (exact) out = out.replace(exact, REDACTED);
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

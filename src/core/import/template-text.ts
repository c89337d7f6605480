// Imported text is untrusted data: in a scenario, `{{...}}` in a URL, header or body is a
// template, so a copied `{{$processEnv AWS_SECRET_ACCESS_KEY}}` would send the user's own
// secret to the server. `literal()` turns text into a template that expands to exactly that
// text: every `{` that starts a `{{` becomes `{{literalBrace}}`, a variable holding `{`
// that write-scenario.ts declares when it is used.

export const LITERAL_BRACE_VARIABLE = 'literalBrace';
const LITERAL_BRACE = `{{${LITERAL_BRACE_VARIABLE}}}`;

/** Template text that expands to `text`, whatever it holds. */
export function literal(text: string): string {
  return text.replace(/\{(?=\{)/g, LITERAL_BRACE);
}

/** `{{name}}` for a variable name made safe by `variableName`. */
export function reference(name: string): string {
  return `{{${name}}}`;
}

/** A scenario variable name (`[A-Za-z_][\w-]*`) for any source name: `api key` -> `api_key`. */
export function variableName(source: string): string {
  const cleaned = source.replace(/[^\w-]+/g, '_').replace(/^_+|_+$/g, '');
  if (cleaned === '') return 'value';
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}

/** The environment variable a secret variable reads: `x-api-key` -> `X_API_KEY`. */
export function environmentName(variable: string): string {
  return variable.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toUpperCase() || 'SECRET';
}

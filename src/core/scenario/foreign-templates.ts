// `{{...}}` forms that other tools evaluate and Loadlens does not under load: httpYac's
// JavaScript expressions and the prompts and token helpers of httpYac, REST Client and
// JetBrains. Each is a warning on its `{{ }}`; the text is sent as written
// (docs/scenario-other-tools.md, "Files from REST Client, httpYac and JetBrains").

/** Characters no Loadlens reference holds, but a JavaScript expression does. */
const SCRIPT_CHARACTERS = /[()+*?!=<>'"`;,{}]|\.\.\./;

const FOREIGN_SYSTEM: ReadonlyArray<[RegExp, string]> = [
  [/^(?:input|password|pick)(?:-askonce)?(?:\s|$)/, 'httpYac prompt'],
  [/^(?:global|xpath|index)\b/, 'httpYac script variable'],
  [/^(?:aadToken|aadV2Token|oidcAccessToken)(?:\s|$)/, 'REST Client / httpYac sign-in token'],
  [/^(?:auth|env|projectRoot|historyFolder|exampleServer)\b/, 'JetBrains variable'],
  [/^random\./, 'JetBrains random value'],
];

/** Why a `{{$name ...}}` that is not Loadlens's own is another tool's, or undefined when it is no tool's. */
export function foreignSystemVariable(name: string): string | undefined {
  return FOREIGN_SYSTEM.find(([pattern]) => pattern.test(name))?.[1];
}

/** True when `{{inner}}` (trimmed, not a `$` form) can only be a script expression. */
export function isScriptExpression(inner: string): boolean {
  return !inner.includes('.response.') && SCRIPT_CHARACTERS.test(inner);
}

export function notRunMessage(what: string, shown: string): string {
  return `${what} ${shown}: not run under load (Loadlens sends it as written)`;
}

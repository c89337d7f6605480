// The template compiler as run preparation sees it. The compiler itself lives with the engine that
// renders every send (src/engine/compile-template.ts); it comes in through the run environment so
// that a host or a target is expanded exactly as a request URL is, by one implementation.
import type { FileVariable, Template } from '../scenario';
import type { Random } from '../schedule/random';

/** A compiled template: its fixed text when it never changes, and how to render it once. */
export interface PreparedTemplate {
  constant: string | undefined;
  /** The text before the first part that changes per send (all of it when constant). */
  literalPrefix: string;
  render(context: { random: Random; rows: []; responses: [] }): string;
}

export interface TemplateValues {
  variables: readonly FileVariable[];
  env: Record<string, string>;
  dotenv: Record<string, string>;
}

/** Makes a compiler with the file's variables, `$processEnv` and `$dotenv` folded in. */
export type TemplateCompilerFactory = (values: TemplateValues) => { compile(template: Template): PreparedTemplate };

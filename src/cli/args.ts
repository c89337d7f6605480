// A small argument parser for the three subcommands: `--flag value`, `--flag=value`, `-u 5`,
// `-u5`, `--` to end options. Every mistake becomes a UsageError that says what to type instead.

import { closestMatch } from '../core/scenario/suggest';
import { UsageError } from './exit-codes';

export interface OptionSpec {
  /** Long name without dashes: `users`. */
  name: string;
  /** One letter without the dash: `u`. */
  short?: string;
  /** Placeholder for the value (`N`, `URL`); absent for a boolean flag. */
  value?: string;
  description: string;
}

export interface ParsedArgs {
  positionals: string[];
  /** Values by long name; a repeated option keeps its last value, as in Locust. */
  values: Map<string, string>;
  /** Every value of each option, in order, for the repeatable ones (`--allow-path A --allow-path B`). */
  lists: Map<string, string[]>;
  /** Boolean flags that were given, by long name. */
  flags: Set<string>;
}

/** Options some Locust users will type out of habit, with what to do instead. */
const LOCUST_ONLY: Record<string, string> = {
  f: 'loadlens takes the scenario as the first argument: loadlens run FILE.load.http',
  locustfile: 'loadlens takes the scenario as the first argument: loadlens run FILE.load.http',
  'web-port': 'loadlens has no web UI: run without it, or open the scenario in VS Code for live charts',
  autostart: 'loadlens has no web UI and starts at once: run without it',
};

const NEGATIVE_NUMBER = /^-\d/;

export function optionLabel(spec: OptionSpec): string {
  return spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
}

function usageOf(spec: OptionSpec): string {
  return spec.value ? `--${spec.name} ${spec.value}` : `--${spec.name}`;
}

export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[], command: string): ParsedArgs {
  const byName = new Map(specs.map((spec) => [spec.name, spec]));
  const byShort = new Map(specs.filter((spec) => spec.short).map((spec) => [spec.short as string, spec]));
  const parsed: ParsedArgs = { positionals: [], values: new Map(), lists: new Map(), flags: new Set() };
  const help = `Run \`loadlens ${command} --help\` for the options.`;

  const unknown = (written: string, key: string): never => {
    const locustHint = LOCUST_ONLY[key];
    if (locustHint) throw new UsageError(`${written} is a Locust option: ${locustHint}.`);
    const suggestion = closestMatch(key, byName.keys());
    const didYouMean = suggestion ? ` Did you mean --${suggestion}?` : '';
    throw new UsageError(`unknown option ${written} for \`loadlens ${command}\`.${didYouMean} ${help}`);
  };

  let index = 0;
  const takeValue = (spec: OptionSpec, written: string, inline: string | undefined): string => {
    if (inline !== undefined) {
      if (inline === '') throw new UsageError(`${written} needs a value after '=': ${usageOf(spec)}.`);
      return inline;
    }
    const next = argv[index + 1];
    if (next === undefined || (next.startsWith('-') && !NEGATIVE_NUMBER.test(next))) {
      throw new UsageError(`${written} needs a value: ${usageOf(spec)} (${spec.description}).`);
    }
    index++;
    return next;
  };
  const apply = (spec: OptionSpec, written: string, inline: string | undefined): void => {
    if (spec.value === undefined) {
      if (inline !== undefined) throw new UsageError(`${written} is a switch and takes no value: write just --${spec.name}.`);
      parsed.flags.add(spec.name);
    } else {
      const value = takeValue(spec, written, inline);
      parsed.values.set(spec.name, value);
      parsed.lists.set(spec.name, [...(parsed.lists.get(spec.name) ?? []), value]);
    }
  };

  for (; index < argv.length; index++) {
    const arg = argv[index] as string;
    if (arg === '--') {
      parsed.positionals.push(...argv.slice(index + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const key = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      const written = `--${key}`;
      const spec = byName.get(key) ?? unknown(written, key);
      apply(spec, written, eq < 0 ? undefined : arg.slice(eq + 1));
    } else if (arg.startsWith('-') && arg.length > 1 && !NEGATIVE_NUMBER.test(arg)) {
      const letter = arg[1] as string;
      const written = `-${letter}`;
      const spec = byShort.get(letter) ?? unknown(written, letter);
      // `-u5` and `-u=5` both mean `-u 5`; a switch accepts nothing glued to it.
      const rest = arg.slice(2);
      apply(spec, written, rest === '' ? undefined : rest.startsWith('=') ? rest.slice(1) : rest);
    } else {
      parsed.positionals.push(arg);
    }
  }
  return parsed;
}

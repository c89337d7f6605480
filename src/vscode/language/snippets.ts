// Snippet text for completions, derived from the catalogs' syntax and examples so that a new
// directive or system variable in core needs no change here.
import type { DirectiveInfo, SystemVariableInfo } from '../../core/scenario';

/** Escapes text for a snippet body (`$`, `}` and `\` are snippet syntax). */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}

/** `users ${1:50}`: the directive name and, as one placeholder, the example's arguments. */
export function directiveSnippet(info: DirectiveInfo): string {
  const args = /^(?:#|\/\/)\s*@[\w-]+\s*(.*)$/.exec(info.example)?.[1]?.trim() ?? '';
  return args === '' ? escapeSnippet(info.name) : `${escapeSnippet(info.name)} \${1:${escapeSnippet(args)}}`;
}

/**
 * `$randomInt ${1:1} ${2:100000}`: a placeholder for each required argument of the syntax
 * (optional ones, in `[...]`, are left out), prefilled from the example; `a|b` becomes a choice.
 */
export function systemVariableSnippet(info: SystemVariableInfo): string {
  const required = argumentsOf(info.syntax.replace(/\[[^\]]*\]/g, ''), info.name);
  const example = argumentsOf(info.example, info.name);
  const placeholders = required.map((argument, index) => {
    const tabStop = index + 1;
    if (argument.includes('|')) {
      const choices = argument.split('|').map((choice) => choice.replace(/[\\$}|,]/g, '\\$&'));
      return `\${${tabStop}|${choices.join(',')}|}`;
    }
    return `\${${tabStop}:${escapeSnippet(example[index] ?? argument)}}`;
  });
  return [`\\$${info.name}`, ...placeholders].join(' ');
}

/** The words after `{{$name` in a syntax or example string. */
function argumentsOf(text: string, name: string): string[] {
  const inner = text.replace(/^\s*\{\{\s*/, '').replace(/\s*\}\}\s*$/, '');
  const words = inner.split(/\s+/).filter((word) => word !== '');
  return words[0] === `$${name}` ? words.slice(1) : [];
}

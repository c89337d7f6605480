// Tokenizes text with the Loadlens grammar the way VS Code does (vscode-textmate + oniguruma),
// loading the YAML source directly so a test never reads a stale generated JSON.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { INITIAL, Registry, type IGrammar, type IRawGrammar, type StateStack } from 'vscode-textmate';
import { createOnigScanner, createOnigString, loadWASM } from 'vscode-oniguruma';

export const repoRoot = join(__dirname, '..', '..');
export const fixturesDir = join(repoRoot, 'test', 'fixtures', 'grammar');
export const rootScope = 'source.loadlens';

export interface Token {
  text: string;
  start: number;
  end: number;
  /** Scopes from outermost to innermost, the root `source.loadlens` left out. */
  scopes: string[];
}

function loadRawGrammars(): Map<string, IRawGrammar> {
  const loadlens = yaml.load(readFileSync(join(repoRoot, 'syntaxes', 'loadlens.tmLanguage.yaml'), 'utf8')) as IRawGrammar;
  // VS Code's JSON grammar is not in this repository: a stand-in with the same scope names.
  const json = JSON.parse(readFileSync(join(fixturesDir, 'json.tmLanguage.json'), 'utf8')) as IRawGrammar;
  return new Map([[rootScope, loadlens], ['source.json', json]]);
}

let grammarPromise: Promise<IGrammar> | undefined;

/** The grammar, loaded once per test process (oniguruma's WASM can be loaded only once). */
export function loadGrammar(): Promise<IGrammar> {
  grammarPromise ??= (async () => {
    const wasm = readFileSync(join(repoRoot, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
    await loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const raw = loadRawGrammars();
    const registry = new Registry({
      onigLib: Promise.resolve({ createOnigScanner, createOnigString }),
      loadGrammar: async (scopeName) => raw.get(scopeName) ?? null,
    });
    const grammar = await registry.loadGrammar(rootScope);
    if (!grammar) throw new Error(`grammar ${rootScope} did not load`);
    return grammar;
  })();
  return grammarPromise;
}

/** Every line's tokens, carrying the rule stack from line to line as the editor does. */
export async function tokenize(text: string): Promise<Token[][]> {
  const grammar = await loadGrammar();
  let state: StateStack = INITIAL;
  return text.split(/\r?\n/).map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens
      .map((token) => ({
        text: line.slice(token.startIndex, Math.min(token.endIndex, line.length)),
        start: token.startIndex,
        end: Math.min(token.endIndex, line.length),
        scopes: token.scopes.filter((scope) => scope !== rootScope),
      }))
      .filter((token) => token.end > token.start || line.length === 0);
  });
}

/**
 * Readable snapshot: each source line, then one row per token with its columns, text and scopes.
 * Whitespace-only tokens with no scope of their own are kept: they show where a rule is open.
 */
export function renderSnapshot(text: string, lines: Token[][]): string {
  const sourceLines = text.split(/\r?\n/);
  const out: string[] = [];
  lines.forEach((tokens, index) => {
    out.push(`${String(index + 1).padStart(3)} | ${sourceLines[index] ?? ''}`);
    for (const token of tokens) {
      const columns = `${token.start}-${token.end}`.padEnd(7);
      out.push(`    ${columns} ${JSON.stringify(token.text).padEnd(24)} ${token.scopes.join(' ')}`);
    }
  });
  return out.join('\n') + '\n';
}

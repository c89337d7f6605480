// The editor side of the language: language-configuration.json, the snippets, their manifest
// entries, and every regular expression of the grammar (including ones no fixture reaches).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { createOnigScanner } from 'vscode-oniguruma';
import { loadGrammar, repoRoot, tokenize } from './tokenize';

const readJson = (path: string): unknown => JSON.parse(readFileSync(join(repoRoot, path), 'utf8'));

interface LanguageConfiguration {
  comments: { lineComment: string };
  brackets: [string, string][];
  autoClosingPairs: { open: string; close: string; notIn?: string[] }[];
  folding: { markers: { start: string; end: string } };
  wordPattern: string;
}
interface Snippet { prefix: string[]; body: string[]; description: string }

const config = readJson('language-configuration.json') as LanguageConfiguration;
const snippets = readJson('snippets/loadlens.json') as Record<string, Snippet>;

/** The word VS Code would see at `column`, as it applies wordPattern. */
function wordAt(line: string, column: number): string | undefined {
  for (const match of line.matchAll(new RegExp(config.wordPattern, 'g'))) {
    if (match.index <= column && column < match.index + match[0].length) return match[0];
  }
  return undefined;
}

/** A snippet body with every placeholder at its default (the first choice) and tab stops removed. */
function expand(body: string[]): string {
  return body.join('\n').replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '');
}

describe('language configuration', () => {
  test('# is the line comment, with brackets and the {{ }} auto-closing pair', () => {
    assert.equal(config.comments.lineComment, '#');
    assert.deepEqual(config.brackets, [['{', '}'], ['[', ']'], ['(', ')']]);
    assert.ok(config.autoClosingPairs.some((pair) => pair.open === '{{' && pair.close === '}}' && !pair.notIn));
  });

  test('words: $functions and @directives whole, dotted references by part', () => {
    const template = '{{$randomInt 1 10}} {{patient.first-name}}';
    assert.equal(wordAt(template, 4), '$randomInt');
    assert.equal(wordAt(template, 23), 'patient');
    assert.equal(wordAt(template, 32), 'first-name');
    assert.equal(wordAt('# @spawn-rate 10', 5), '@spawn-rate');
    assert.equal(wordAt('# @threshold p95 < 500ms', 20), '500ms');
    assert.equal(wordAt('Content-Type: application/json', 3), 'Content-Type');
  });

  test('folding markers: #region-style comments, never a plain ### separator', () => {
    const start = new RegExp(config.folding.markers.start);
    const end = new RegExp(config.folding.markers.end);
    for (const line of ['# region Admin tasks', '#region', '// #region x', '### region x']) assert.ok(start.test(line), line);
    for (const line of ['# endregion', '//#endregion', '### endregion']) assert.ok(end.test(line) && !start.test(line), line);
    for (const line of ['###', '### Create a region', '# @users 5', 'GET /region']) {
      assert.ok(!start.test(line) && !end.test(line), line);
    }
  });
});

describe('snippets', () => {
  test('the manifest contributes the snippets and the files it names exist', () => {
    const manifest = readJson('package.json') as {
      contributes: { snippets: { language: string; path: string }[]; grammars: { path: string; tokenTypes?: Record<string, string> }[]; languages: { configuration: string }[] };
    };
    assert.deepEqual(manifest.contributes.snippets, [{ language: 'loadlens', path: './snippets/loadlens.json' }]);
    assert.ok(existsSync(join(repoRoot, manifest.contributes.languages[0]!.configuration)));
    const grammarSource = readFileSync(join(repoRoot, 'syntaxes', 'loadlens.tmLanguage.yaml'), 'utf8');
    for (const scope of Object.keys(manifest.contributes.grammars[0]!.tokenTypes ?? {})) {
      assert.ok(grammarSource.includes(scope), `tokenTypes names ${scope}, which the grammar never produces`);
    }
  });

  test('the snippets every scenario starts from are there', () => {
    const prefixes = Object.values(snippets).flatMap((snippet) => snippet.prefix);
    for (const prefix of ['request', 'task', 'scenario-users', 'scenario-rate', 'scenario-stages', 'threshold', 'data']) {
      assert.ok(prefixes.includes(prefix), prefix);
    }
  });

  test('every prefix is one word, so typing it brings the snippet up', () => {
    for (const [name, snippet] of Object.entries(snippets)) {
      assert.ok(snippet.description.length > 0, name);
      for (const prefix of snippet.prefix) assert.equal(wordAt(prefix, 0), prefix, `${name}: ${prefix}`);
    }
  });

  test('expanded with their defaults, the snippets are highlighted as directives and requests', async () => {
    for (const [name, snippet] of Object.entries(snippets)) {
      const text = expand(snippet.body);
      const lines = await tokenize(text);
      text.split('\n').forEach((line, index) => {
        const tokens = lines[index] ?? [];
        const directive = /^# (@[\w-]+)/.exec(line)?.[1];
        if (directive) {
          const keyword = tokens.find((token) => token.text === directive);
          assert.ok(keyword?.scopes.includes('keyword.other.directive.loadlens'), `${name}: ${line}`);
          const argumentTokens = tokens.filter((token) => token.start > (keyword?.start ?? 0) && token.text.trim() !== '');
          assert.ok(argumentTokens.length > 0, `${name}: ${line} has arguments`);
          for (const token of argumentTokens) {
            assert.ok(token.scopes.some((scope) => !scope.startsWith('meta.')), `${name}: argument ${token.text} of ${line} has a scope`);
          }
        }
        const method = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) /.exec(line)?.[1];
        if (method) assert.ok(tokens.find((token) => token.text === method)?.scopes.includes('keyword.control.method.loadlens'), `${name}: ${line}`);
      });
    }
  });
});

describe('grammar source', () => {
  test('every regular expression compiles in oniguruma', async () => {
    await loadGrammar(); // loads the WASM
    const grammar = yaml.load(readFileSync(join(repoRoot, 'syntaxes', 'loadlens.tmLanguage.yaml'), 'utf8'));
    const found: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (['match', 'begin', 'end', 'while'].includes(key) && typeof value === 'string') found.push(value);
          else walk(value);
        }
      }
    };
    walk(grammar);
    assert.ok(found.length > 30, `found ${found.length} expressions`);
    for (const source of found) assert.doesNotThrow(() => createOnigScanner([source]).dispose(), source);
  });
});

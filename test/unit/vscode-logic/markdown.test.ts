import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeBlock, escapeMarkdown, inlineCode } from '../../../src/vscode/language/markdown';

describe('markdown escaping of user text', () => {
  it('escapes links, emphasis and html so they render as text', () => {
    assert.equal(escapeMarkdown('[x](command:evil) *b* <img src=x>'), '\\[x\\]\\(command:evil\\) \\*b\\* \\<img src=x\\>');
  });

  it('turns newlines into spaces so a value cannot start a heading or list', () => {
    assert.equal(escapeMarkdown('a\n# b\r\n- c'), 'a \\# b \\- c');
  });

  it('makes inline code that backticks inside cannot close', () => {
    assert.equal(inlineCode('a`b'), '``a`b``');
    assert.equal(inlineCode('`x`'), '`` `x` ``');
    assert.equal(inlineCode('plain'), '`plain`');
  });

  it('makes a fenced block longer than any backtick run inside', () => {
    assert.equal(codeBlock('x ``` y', 'http'), '````http\nx ``` y\n````');
    assert.equal(codeBlock('GET /'), '```\nGET /\n```');
  });
});

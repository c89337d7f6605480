import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentSecurityPolicy, createNonce, panelHtml } from '../../../src/vscode/panel/html';

const input = { cspSource: 'https://file+.vscode-resource.vscode-cdn.net', nonce: 'abc123', scriptUri: 'https://r/dist/webview.js', styleUri: 'https://r/dist/webview.css' };

test('the policy allows only our own resources and the nonce\'d script', () => {
  const policy = contentSecurityPolicy(input.cspSource, input.nonce);
  assert.match(policy, /^default-src 'none'; /);
  assert.match(policy, /script-src 'nonce-abc123'(;|$)/);
  assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|\*|https?:\/\/(?!file\+)/);
});

test('the shell loads one script with the nonce and nothing remote', () => {
  const html = panelHtml(input);
  assert.equal((html.match(/<script/g) ?? []).length, 1);
  assert.match(html, /<script nonce="abc123" src="https:\/\/r\/dist\/webview.js"><\/script>/);
  assert.doesNotMatch(html, /<style|\sstyle="|\son\w+="/);
  assert.match(html, /http-equiv="Content-Security-Policy" content="default-src 'none';/);
});

test('attributes cannot be broken out of', () => {
  const html = panelHtml({ ...input, scriptUri: 'x"><script>alert(1)</script>' });
  assert.equal((html.match(/<script/g) ?? []).length, 1);
});

test('every load gets a fresh nonce', () => {
  assert.notEqual(createNonce(), createNonce());
  assert.match(createNonce(), /^[A-Za-z0-9+/]{22}==$/);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeXmlAttribute, escapeXmlText } from '../../../src/core/report/xml';

test('text: &, < and > become entities, quotes stay', () => {
  assert.equal(escapeXmlText(`a & b < c > d "e" 'f'`), `a &amp; b &lt; c &gt; d "e" 'f'`);
  assert.equal(escapeXmlText(']]>'), ']]&gt;');
  assert.equal(escapeXmlText('&amp;'), '&amp;amp;', 'an entity in the input is text, escaped again');
});

test('attributes: quotes too, and tab, LF and CR as references a parser keeps', () => {
  assert.equal(escapeXmlAttribute(`a & "b" 'c' <d>`), 'a &amp; &quot;b&quot; &apos;c&apos; &lt;d&gt;');
  assert.equal(escapeXmlAttribute('1\t2\n3\r4'), '1&#9;2&#10;3&#13;4');
});

test('every control character XML 1.0 cannot carry becomes U+FFFD; tab, LF and CR stay in text', () => {
  for (let code = 0; code < 0x20; code++) {
    const character = String.fromCharCode(code);
    const expected = code === 0x09 || code === 0x0a || code === 0x0d ? character : '\uFFFD';
    assert.equal(escapeXmlText(`x${character}y`), `x${expected}y`, `U+${code.toString(16).padStart(4, '0')}`);
  }
  assert.equal(escapeXmlText('\u007F\u0085'), '\u007F\u0085', 'DEL and NEL are allowed in XML 1.0');
  assert.equal(escapeXmlText('\uFFFE\uFFFF'), '\uFFFD\uFFFD');
});

test('lone surrogates are replaced; a real pair (an emoji) is kept', () => {
  assert.equal(escapeXmlText('a\uD800b'), 'a\uFFFDb');
  assert.equal(escapeXmlText('a\uDC00b'), 'a\uFFFDb');
  assert.equal(escapeXmlText('ok 😀'), 'ok 😀');
});

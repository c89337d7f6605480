// The one escaping of text from outside Loadlens before it reaches a terminal (src/cli/format.ts).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { escapeControls } from '../../src/cli/format';
import { renderTable } from '../../src/cli/table';

describe('escapeControls', () => {
  it('shows C0, DEL and C1 controls as \\xHH, and reordering marks as \\uHHHH', () => {
    assert.equal(escapeControls('a\x1b[2Jb\x07\x7f\x9b'), 'a\\x1b[2Jb\\x07\\x7f\\x9b');
    assert.equal(escapeControls('x\u202ey\u2066z\u200f'), 'x\\u202ey\\u2066z\\u200f');
    assert.equal(escapeControls('a\nb\rc\td\0'), 'a\\nb\\rc\\td\\x00');
  });

  it('keeps newlines only when asked, and leaves ordinary text alone', () => {
    assert.equal(escapeControls('line one\nline\x1b two', true), 'line one\nline\\x1b two');
    for (const text of ['GET /patients/{{id}}', 'Ärzte · 中文 · 🙂', '✓ p95 < 500ms']) assert.equal(escapeControls(text), text);
  });

  it('table cells are escaped before they are measured, so columns stay aligned', () => {
    const table = renderTable([{ title: 'Name', align: 'left' }, { title: 'N', align: 'right' }], [['a\x1b[2Jb', '1'], ['plain', '22']]);
    assert.ok(!table.includes('\x1b'));
    const lines = table.split('\n');
    assert.equal(lines[2]?.length, lines[3]?.length, `right-aligned numbers end together:\n${table}`);
  });
});

// A small RFC 4180 reader for Locust's CSV files (core does no I/O and takes no csv-parse):
// quoted fields with doubled quotes, commas and line breaks inside, `\r\n` or `\n` rows.

export type CsvTable = { ok: true; header: string[]; rows: Array<Record<string, string>> } | { ok: false; message: string };

export function parseCsv(text: string): string[][] | { error: string } {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      line++;
    } else {
      field += c;
    }
  }
  if (quoted) return { error: `a quoted field that starts before line ${line} never ends` };
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** Rows keyed by the header row's names; every name in `required` must be there. */
export function readCsvTable(text: string, what: string, required: string[]): CsvTable {
  const parsed = parseCsv(text);
  if (!Array.isArray(parsed)) return { ok: false, message: `${what}: ${parsed.error}` };
  const [header, ...data] = parsed;
  if (!header) return { ok: false, message: `${what} is empty: expected Locust's header row` };
  const missing = required.filter((name) => !header.includes(name));
  if (missing.length > 0) {
    return { ok: false, message: `${what} does not look like Locust's: missing column${missing.length === 1 ? '' : 's'} ${missing.map((m) => `'${m}'`).join(', ')}` };
  }
  const rows = data.map((fields) => Object.fromEntries(header.map((name, i) => [name, fields[i] ?? ''])));
  return { ok: true, header, rows };
}

// Plain-text tables for the terminal and for docs/performance.md (the same text either way).

/** Aligns `rows` (arrays of strings) under `header`; columns whose cells all look numeric align right. */
export function formatTable(header, rows, { alignNumbers = true } = {}) {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)));
  const numeric = (cell) => /^[-~]?[\d.,/]+(x| ms| cores)?$|^-$/.test(cell);
  const right = header.map((_, column) => alignNumbers && column > 0 && rows.every((row) => numeric(row[column] ?? '-')));
  const line = (row) =>
    row
      .map((cell, column) => (right[column] ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

function number(value, digits = 0) {
  if (value === undefined || Number.isNaN(value)) return '-';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function ms(value) {
  if (value === undefined) return '-';
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

/** The median same-round ratio, then its spread over the rounds: `1.31x (1.24-1.38)`. */
function ratio({ ratio: value, pairs, min, max }) {
  if (value === undefined) return '-';
  return pairs > 1 ? `${value.toFixed(2)}x (${min.toFixed(2)}-${max.toFixed(2)})` : `${value.toFixed(2)}x`;
}

/** The throughput table: one row per tool from rounds.summarize(). */
export function throughputTable(summary, references) {
  const header = ['tool', 'kept', 'req/s', ...references.map((name) => `vs ${name}`), 'p50 ms', 'p99 ms', 'CPU cores', 'req/s per core'];
  const rows = summary.map((row) => [
    row.tool,
    `${row.kept}/${row.total}`,
    number(row.rps),
    ...references.map((name) => ratio(row.ratios[name])),
    ms(row.p50Ms),
    ms(row.p99Ms),
    number(row.cores, 2),
    number(row.rpsPerCore),
  ]);
  return formatTable(header, rows);
}

/** Per-worker efficiency: one row per worker count from rounds.efficiency(). */
export function efficiencyTable(rows) {
  const header = ['tool', 'kept', 'req/s', 'engine CPU cores', 'target CPU cores', 'req per engine-CPU-s', 'req per target-CPU-s'];
  return formatTable(
    header,
    rows.map((row) => [
      row.tool,
      `${row.kept}/${row.total}`,
      number(row.rps),
      number(row.engineCores, 2),
      number(row.targetCores, 2),
      number(row.perEngineCpuS),
      number(row.perTargetCpuS),
    ]),
  );
}

/** The truth checks: name, expected, measured, the other processes' CPU meanwhile, PASS/FAIL. */
export function checksTable(checks) {
  return formatTable(
    ['check', 'expected', 'measured', 'other CPU', 'verdict'],
    checks.map((check) => [
      check.name,
      check.expected,
      check.measured,
      check.otherCores === undefined ? '-' : `${check.otherCores.toFixed(2)} cores`,
      check.pass ? 'PASS' : check.noisy ? 'FAIL (machine busy)' : 'FAIL',
    ]),
    { alignNumbers: false },
  );
}

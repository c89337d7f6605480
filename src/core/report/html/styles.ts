// The report's only stylesheet, inlined: system fonts, light and dark by prefers-color-scheme, and
// a print layout (white paper, no split tables or charts, colours kept).
export const REPORT_CSS = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa;
  --pass: #1a7f37; --warn: #9a6700; --fail: #cf222e; --info: #0969da;
  --c1: #0969da; --c2: #cf222e; --c3: #8250df; --c4: #bf8700; --c5: #1a7f37;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --panel: #151b23;
    --pass: #3fb950; --warn: #d29922; --fail: #f85149; --info: #4493f8;
    --c1: #4493f8; --c2: #f85149; --c3: #ab7df8; --c4: #d29922; --c5: #3fb950;
  }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 24px; background: var(--bg); color: var(--fg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 22px; margin: 0 0 4px; word-break: break-all; }
h2 { font-size: 17px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
.sub { color: var(--muted); margin: 0 0 16px; }
.verdict { display: inline-block; padding: 4px 12px; border-radius: 14px; font-weight: 600; color: #fff; }
.verdict.pass { background: var(--pass); } .verdict.warn { background: var(--warn); }
.verdict.fail { background: var(--fail); } .verdict.none { background: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(160px, 1fr)); gap: 10px; margin: 16px 0; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
.card .label { color: var(--muted); font-size: 12px; }
.card .value { font-size: 18px; font-weight: 600; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: 5px 8px; border-bottom: 1px solid var(--line); text-align: right; vertical-align: top; }
th { background: var(--panel); font-weight: 600; }
th.text, td.text { text-align: left; overflow-wrap: break-word; }
tr.total td { font-weight: 600; }
.scroll { overflow-x: auto; }
.note { color: var(--muted); font-size: 12px; margin: -4px 0 6px; }
.ok { color: var(--pass); font-weight: 600; } .bad { color: var(--fail); font-weight: 600; }
.warned { color: var(--warn); font-weight: 600; } .muted { color: var(--muted); }
ul.insights { list-style: none; padding: 0; margin: 0; }
ul.insights li { border-left: 4px solid var(--info); background: var(--panel); padding: 8px 12px; margin: 6px 0; }
ul.insights li.critical { border-color: var(--fail); } ul.insights li.warning { border-color: var(--warn); }
.tag { font-size: 11px; font-weight: 600; text-transform: uppercase; margin-right: 6px; }
li.critical .tag { color: var(--fail); } li.warning .tag { color: var(--warn); } li.info .tag { color: var(--info); }
figure { margin: 12px 0 20px; }
figcaption { font-weight: 600; margin-bottom: 4px; }
.legend span { margin-right: 14px; color: var(--muted); font-size: 12px; }
.legend i { display: inline-block; width: 14px; height: 3px; vertical-align: middle; margin-right: 4px; background: currentColor; }
svg.chart { width: 100%; height: auto; display: block; }
svg .grid { stroke: var(--line); stroke-width: 1; }
svg .axis { stroke: var(--muted); stroke-width: 1; }
svg .tick { fill: var(--muted); font-size: 11px; }
svg .line { fill: none; stroke-width: 2; stroke-linejoin: round; }
svg .bar { fill: var(--c1); }
svg .band { fill: var(--c2); fill-opacity: 0.12; }
.legend i.band { height: 10px; background: var(--c2); opacity: 0.25; }
.c1 { stroke: var(--c1); color: var(--c1); } .c2 { stroke: var(--c2); color: var(--c2); }
.c3 { stroke: var(--c3); color: var(--c3); } .c4 { stroke: var(--c4); color: var(--c4); }
.c5 { stroke: var(--c5); color: var(--c5); }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; word-break: break-all; }
@media print {
  :root {
    color-scheme: light; --bg: #fff; --fg: #000; --panel: #f4f4f4; --line: #bbb; --muted: #444;
    --pass: #1a7f37; --warn: #9a6700; --fail: #cf222e; --info: #0969da;
    --c1: #0969da; --c2: #cf222e; --c3: #8250df; --c4: #bf8700; --c5: #1a7f37;
  }
  body { max-width: none; padding: 0; font-size: 11px; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  section, figure, tr, .card, li { break-inside: avoid; }
  h2 { break-after: avoid; }
  .scroll { overflow: visible; }
  table { font-size: 10px; }
  th, td { padding: 3px 4px; }
}
`;

// The HTML report: one self-contained file (docs/reports.md). No script and no network
// reference at all: styles inline, charts as inline SVG, a CSP that forbids fetching anything.
import type { Comparison } from '../comparison/compare-results';
import type { RunResult } from '../metrics/result';
import { comparisonSection } from './html/comparison';
import { distributionSection, timelineSection } from './html/charts';
import { escapeHtml } from './html/escape';
import { shardsSection } from './html/shards';
import { REPORT_CSS } from './html/styles';
import { runTimes, summarySection } from './html/summary';
import { failuresSection, insightsSection, statsSection, verdictsSection } from './html/tables';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** What a report may show beside the run itself. */
export interface HtmlReportExtras {
  /** The change against a baseline run (`loadlens run --baseline FILE`), and the file's name. */
  comparison?: Comparison;
  baselineLabel?: string;
}

export function htmlReport(result: RunResult, extras: HtmlReportExtras = {}): string {
  const title = `Loadlens report: ${result.scenario.path}`;
  const footer =
    `Loadlens ${result.engineVersion} · ${result.workers} worker${result.workers === 1 ? '' : 's'}` +
    (result.seed === undefined ? '' : ` · seed ${result.seed}`) +
    (result.scenario.hash === '' ? '' : ` · scenario sha256 ${result.scenario.hash}`) +
    ` · ${runTimes(result)}`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    summarySection(result),
    shardsSection(result),
    verdictsSection(result),
    comparisonSection(extras.comparison, extras.baselineLabel),
    insightsSection(result),
    timelineSection(result),
    statsSection(result),
    failuresSection(result),
    distributionSection(result),
    `<footer>${escapeHtml(footer)}</footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

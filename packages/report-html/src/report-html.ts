/**
 * The interactive HTML report: one file holding its style, its script
 * (ECharts included) and the report's aggregates, so it opens offline from
 * file:// and requests nothing (its Content-Security-Policy forbids it).
 */
import type { ReportJson } from "@tgstats/engine";
import { MIN_MESSAGES_AT_REST, summaryStrings } from "@tgstats/engine";
import { pageCharts } from "./chart-payload.js";
import { PAGE_DATA_ELEMENT_ID, type PageData } from "./page-data.js";
import { pageScript } from "./page-script.js";
import { PAGE_STYLE } from "./page-style.js";
import { pageTables } from "./page-tables.js";
import { pageTexts } from "./page-texts.js";

/** File name of the page beside the PNGs. */
export const REPORT_HTML_FILE = "report.html";

/** Nothing may be fetched: inline script and style only, images from data: URLs. */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

/**
 * Fewest uses of a word or phrase the page shows: the bot's at-rest rule, so a
 * word typed once (in a small chat the report lists every word) never travels
 * with a page that is passed around.
 */
export const PAGE_MIN_TERM_COUNT = MIN_MESSAGES_AT_REST;

/**
 * The report the page is made from: words, phrases, hashtags and sites used
 * fewer than {@link PAGE_MIN_TERM_COUNT} times left out (a site or hashtag
 * seen once can be as telling as a word).
 */
export function pageReport(report: ReportJson): ReportJson {
  const often = <T extends { count: number }>(entries: T[]): T[] =>
    entries.filter((entry) => entry.count >= PAGE_MIN_TERM_COUNT);
  return {
    ...report,
    words: often(report.words),
    bigrams: often(report.bigrams),
    hashtags: often(report.hashtags),
    links: { ...report.links, domains: often(report.links.domains) },
  };
}

/** What the page shows, from the report alone (through {@link pageReport}). */
export function pageData(fullReport: ReportJson): PageData {
  const report = pageReport(fullReport);
  const summary = summaryStrings(report.language);
  const texts = pageTexts(report.language);
  const numbers = new Intl.NumberFormat(report.language);
  const first = report.totals.firstDate?.slice(0, 10);
  const last = report.totals.lastDate?.slice(0, 10);
  const period = first === undefined || last === undefined ? "—" : `${first} — ${last}`;
  const { totals } = report;
  return {
    language: report.language,
    title: summary.title(report.chat.name ?? String(report.chat.id ?? "")),
    subtitle: `${summary.period}: ${period} (${summary.timeZone} ${report.timezone})`,
    totals: [
      { label: summary.messages, value: numbers.format(totals.messages) },
      { label: summary.people, value: numbers.format(totals.people) },
      { label: summary.words, value: numbers.format(totals.words) },
      { label: summary.activeDays, value: numbers.format(totals.activeDays) },
    ],
    charts: pageCharts(report),
    tables: pageTables(report),
    notesTitle: summary.notes,
    notes: report.notes,
    sortHint: texts.sortHint,
    footer: texts.footer,
  };
}

/** JSON safe inside `<script>`: no `<` at all, so no `</script>` or `<!--`. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</gu, "\\u003c")
    .replace(/\u2028/gu, "\\u2028")
    .replace(/\u2029/gu, "\\u2029");
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/gu,
    (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!,
  );
}

/**
 * The page of a report, as one HTML string.
 *
 * @example await writeFile(join(out, REPORT_HTML_FILE), await renderReportHtml(report));
 */
export async function renderReportHtml(report: ReportJson): Promise<string> {
  const data = pageData(report);
  const script = await pageScript();
  return `<!doctype html>
<html lang="${data.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(data.title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<main id="report"><h1>${escapeHtml(data.title)}</h1></main>
<script type="application/json" id="${PAGE_DATA_ELEMENT_ID}">${scriptJson(data)}</script>
<script>${script}</script>
</body>
</html>
`;
}

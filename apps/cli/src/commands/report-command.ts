import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  SENDER_FORMS,
  formatSummaryMarkdown,
  reportFromExport,
  resolveReportOptions,
  type ReportJson,
  type ReportOptions,
} from "@tgstats/engine";
import { UsageError } from "../cli-error.js";
import { createProgress } from "../output/progress.js";

/** Options of `tgstats report`, as the command line gives them. */
export interface ReportCommandOptions {
  chat?: string;
  tz: string;
  from?: string;
  to?: string;
  sender?: string;
  lang: "en" | "ru";
  out: string;
  json: boolean;
  /**
   * The interactive page: absent = written beside the PNGs, `true` or a path =
   * only the page (to that path), `false` (`--no-html`) = not written.
   */
  html?: boolean | string;
  /** Threads reading a large export; one per core when absent. */
  threads?: number;
}

/** Where the output goes; the real process passes its own streams. */
export interface CommandOutput {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream | NodeJS.WritableStream;
}

/**
 * `tgstats report`: reads an export, folds the chosen chat (or every chat) and
 * prints or writes the report.
 */
export async function runReportCommand(
  exportPath: string,
  options: ReportCommandOptions,
  output: CommandOutput,
  signal: AbortSignal,
): Promise<ReportJson> {
  const reportOptions: ReportOptions = {
    timeZone: options.tz,
    fromDate: options.from ?? null,
    toDate: options.to ?? null,
    sender: options.sender ?? null,
  };
  // Checked before reading, so a typo fails at once and not after a 2 GB file.
  resolveReportOptions(reportOptions);
  const progress = createProgress(output.stderr);
  let report: ReportJson;
  try {
    report = await reportFromExport(exportPath, {
      report: reportOptions,
      chat: options.chat,
      language: options.lang,
      signal,
      onProgress: progress.update,
      threads: options.threads,
    });
  } finally {
    progress.stop();
  }
  if (
    report.totals.messages === 0 &&
    (options.from !== undefined || options.to !== undefined || options.sender !== undefined)
  )
    throw new UsageError(
      `No messages match the filters (${describeFilters(options)}). ${
        options.sender === undefined
          ? "Widen the date range."
          : `Widen the date range or check the sender: ${SENDER_FORMS}.`
      }`,
    );
  if (options.json) {
    output.stdout.write(JSON.stringify(report, null, 2) + "\n");
    return report;
  }
  if (options.html !== undefined && options.html !== false) {
    const file = await writeReportHtml(report, options, signal);
    output.stdout.write(`Written to ${file}\n`);
    return report;
  }
  await mkdir(options.out, { recursive: true });
  // Loaded only to draw: `--json` never loads ECharts, Skia or the fonts.
  const { renderReportCharts } = await import("@tgstats/charts");
  const charts = await renderReportCharts(report, { signal });
  await removeStaleCharts(options.out, new Set(charts.map((chart) => chart.name)));
  for (const chart of charts)
    await writeFile(path.join(options.out, chart.name), chart.png, { signal });
  const summary = formatSummaryMarkdown(report, { charts });
  await writeFile(path.join(options.out, "report.json"), JSON.stringify(report, null, 2) + "\n", {
    signal,
  });
  await writeFile(path.join(options.out, "summary.md"), summary, { signal });
  const html = options.html === false ? null : await writeReportHtml(report, options, signal);
  // A page from an earlier run would not match this report.
  if (html === null) await rm(path.join(options.out, "report.html"), { force: true });
  output.stdout.write(
    `${summary}\nWritten to ${path.resolve(options.out)}: summary.md, report.json and ${charts.length} charts\n`,
  );
  if (html !== null) output.stdout.write(`Interactive report: ${html}\n`);
  return report;
}

/** A chart file name as the album names them: `01-top-senders.png`. */
const CHART_FILE = /^\d{2}-[a-z0-9-]+\.png$/;

/**
 * Removes charts an earlier run left in `dir` that this album does not
 * write again (its charts are numbered by position, so a chart that came or
 * went shifts the names): a reader of the folder sees this report only.
 * Other files are left alone.
 */
async function removeStaleCharts(dir: string, keep: ReadonlySet<string>): Promise<void> {
  for (const name of await readdir(dir))
    if (CHART_FILE.test(name) && !keep.has(name)) await rm(path.join(dir, name), { force: true });
}

/** Writes the interactive page where `--html` says (default `<out>/report.html`); returns its absolute path. */
async function writeReportHtml(
  report: ReportJson,
  options: ReportCommandOptions,
  signal: AbortSignal,
): Promise<string> {
  const { renderReportHtml, REPORT_HTML_FILE } = await import("@tgstats/report-html");
  const file = path.resolve(
    typeof options.html === "string" ? options.html : path.join(options.out, REPORT_HTML_FILE),
  );
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, await renderReportHtml(report), { signal });
  return file;
}

function describeFilters(options: ReportCommandOptions): string {
  const parts: string[] = [];
  if (options.from !== undefined || options.to !== undefined)
    parts.push(`from ${options.from ?? "the start"} to ${options.to ?? "the end"}`);
  if (options.sender !== undefined) parts.push(`sender ${options.sender}`);
  return parts.join(", ");
}

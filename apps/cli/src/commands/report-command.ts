import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  ReportBuilder,
  resolveReportOptions,
  toReportJson,
  formatSummaryMarkdown,
  readExportChats,
  renderReportCharts,
  type ChatInfo,
  type ChatOverview,
  type ReportJson,
  type ReportOptions,
  type ReportState,
} from "@tgstats/shared";
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
}

/** Where the output goes; the real process passes its own streams. */
export interface CommandOutput {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream | NodeJS.WritableStream;
}

interface ChatResult {
  info: ChatInfo;
  state: ReportState;
  assumedDates: number;
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
  const { clock } = resolveReportOptions(reportOptions);
  const results = await foldChats(exportPath, options.chat, reportOptions, clock, output, signal);
  const report = buildReportJson(results, options, clock.zone);
  if (
    report.totals.messages === 0 &&
    (options.from !== undefined || options.to !== undefined || options.sender !== undefined)
  )
    throw new UsageError(
      `No messages match the filters (${describeFilters(options)}). Widen the date range or check the sender's name or id.`,
    );
  if (options.json) {
    output.stdout.write(JSON.stringify(report, null, 2) + "\n");
    return report;
  }
  await mkdir(options.out, { recursive: true });
  const charts = await renderReportCharts(report, { signal });
  for (const chart of charts) await writeFile(path.join(options.out, chart.name), chart.png, { signal });
  const summary = formatSummaryMarkdown(report, { charts });
  await writeFile(path.join(options.out, "report.json"), JSON.stringify(report, null, 2) + "\n", { signal });
  await writeFile(path.join(options.out, "summary.md"), summary, { signal });
  output.stdout.write(
    `${summary}\nWritten to ${path.resolve(options.out)}: summary.md, report.json and ${charts.length} charts\n`,
  );
  return report;
}

async function foldChats(
  exportPath: string,
  chatFilter: string | undefined,
  reportOptions: ReportOptions,
  clock: ReportBuilder["options"]["clock"],
  output: CommandOutput,
  signal: AbortSignal,
): Promise<ChatResult[]> {
  const progress = createProgress(output.stderr);
  const results: ChatResult[] = [];
  const seen: ChatInfo[] = [];
  try {
    const chats = readExportChats(exportPath, {
      signal,
      assumedTimeZone: clock,
      onProgress: progress.update,
    });
    for await (const chat of chats) {
      seen.push(chat.info);
      if (chatFilter !== undefined && !chatMatches(chat.info, chatFilter)) continue;
      const builder = new ReportBuilder(reportOptions);
      for await (const batch of chat.batches()) builder.addBatch(batch);
      results.push({
        info: chat.info,
        state: builder.state,
        assumedDates: chat.stats.assumedDates,
      });
    }
  } finally {
    progress.stop();
  }
  if (chatFilter !== undefined && results.length === 0) throw unknownChat(chatFilter, seen);
  return results;
}

function buildReportJson(
  results: ChatResult[],
  options: ReportCommandOptions,
  zone: string,
): ReportJson {
  const filters = {
    from: options.from ?? null,
    to: options.to ?? null,
    sender: options.sender ?? null,
  };
  const assumed = results.reduce((sum, result) => sum + result.assumedDates, 0);
  const notes = [
    "This report covers what the export contains (it may be a date range or leave chats out).",
  ];
  if (assumed > 0)
    notes.push(
      `${assumed} messages carried no unix time (exported before Telegram Desktop 3.7.6); their local times were read as ${zone}. If the exporting computer was in another zone, pass it with --tz.`,
    );
  const base = { language: options.lang, filters, notes };
  const [only] = results;
  if (results.length === 1 && only !== undefined)
    return toReportJson(only.state, { ...base, chat: only.info });
  let combined: ReportState | null = null;
  for (const result of results)
    combined = combined === null ? result.state : combined.combineChats(result.state);
  if (combined === null)
    throw new UsageError("The export has no chats. Export a chat with its messages and try again.");
  const chats: ChatOverview[] = results
    .map(({ info, state }) => ({
      id: info.id,
      name: info.name,
      type: info.type,
      messages: state.totals.messages,
    }))
    .sort((a, b) => b.messages - a.messages || a.id - b.id);
  return {
    ...toReportJson(combined, { ...base, chat: { id: null, name: "All chats", type: "combined" } }),
    chats,
  };
}

/** A chat matches by its id (bare, or the Bot API's `-100…` form) or by its name, ignoring case. */
export function chatMatches(info: ChatInfo, filter: string): boolean {
  const trimmed = filter.trim();
  if (/^-?\d+$/.test(trimmed)) {
    const bare = trimmed.startsWith("-100") ? trimmed.slice(4) : trimmed.replace(/^-/, "");
    return String(info.id) === bare;
  }
  return info.name !== null && info.name.toLowerCase() === trimmed.toLowerCase();
}

function unknownChat(filter: string, seen: ChatInfo[]): UsageError {
  const listed = seen.slice(0, 10).map((chat) => `${chat.name ?? "(no name)"} (${chat.id})`);
  const more = seen.length > listed.length ? `, and ${seen.length - listed.length} more` : "";
  return new UsageError(
    `No chat "${filter}" in this export. Chats in it: ${listed.join(", ")}${more}. Pass --chat with one of these names or ids.`,
  );
}

function describeFilters(options: ReportCommandOptions): string {
  const parts: string[] = [];
  if (options.from !== undefined || options.to !== undefined)
    parts.push(`from ${options.from ?? "the start"} to ${options.to ?? "the end"}`);
  if (options.sender !== undefined) parts.push(`sender ${options.sender}`);
  return parts.join(", ");
}

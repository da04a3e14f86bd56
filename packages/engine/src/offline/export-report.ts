import { availableParallelism } from "node:os";
import { peerKey, type ChatInfo } from "../model/message.js";
import { ReportBuilder } from "../engine/report-builder.js";
import type { ChatOverview, ReportJson } from "../engine/report-json.js";
import { resolveReportOptions, type ReportOptions } from "../engine/report-options.js";
import type { ReportState } from "../engine/report-state.js";
import { toReportJson } from "../engine/to-report-json.js";
import { readExportChats, type ExportChat } from "../export-reader/index.js";
import { SKIP_REASONS, type ExportChatStats } from "../export-reader/types.js";
import { planMessageRanges } from "../export-reader/message-ranges.js";
import { botApiPeerId, chatIdMatches, describeChatIdForms } from "../export-reader/id-filters.js";
import { foldRanges } from "../parallel/fold-ranges.js";
import { textsPerLanguage } from "../i18n/fluent-texts.js";
import { noteTexts } from "../i18n/note-texts.js";
import { sharedTexts } from "../i18n/shared-texts.js";

/** The name of a report of every chat of a full-account export, by language. */
const combinedChatName = textsPerLanguage((language) =>
  sharedTexts(language).text("combined-chat-name"),
);

/** Options of {@link reportFromExport}. */
export interface ExportReportOptions {
  report: ReportOptions;
  /** One chat of a full-account export, by id (any form, see {@link chatIdMatches}) or name; all chats when absent. */
  chat?: string;
  language?: "en" | "ru";
  signal?: AbortSignal;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /**
   * Threads that read a large single-chat export at once (default: one per
   * core from {@link DEFAULT_PARALLEL_MIN_RANGES} ranges on, else one). A
   * chat of at least {@link RANGED_MIN_BYTES} is read in ranges of
   * {@link RANGE_BYTES} whatever the count, so the report does not depend on it.
   */
  threads?: number;
  /** Messages of a single-chat export from this size on are read in ranges (default {@link RANGED_MIN_BYTES}). */
  rangedMinBytes?: number;
  /** About how many bytes of messages one range holds (default {@link RANGE_BYTES}). */
  rangeBytes?: number;
}

/** Messages of a single-chat export from this size on are read in ranges, in parallel: below it, starting threads costs more than they save. */
export const RANGED_MIN_BYTES = 32 << 20;
/** About how many bytes of messages one range holds. */
export const RANGE_BYTES = 16 << 20;
/**
 * Without an explicit thread count, fewer ranges than this are folded in this
 * thread alone: on 2 cores, `bench:threads` measured a second thread slower
 * up to 4 ranges (60 MB), even at 6 (100 MB), and 19 % faster at 31 (500 MB).
 */
export const DEFAULT_PARALLEL_MIN_RANGES = 8;

/**
 * Threads for a ranged read: the count asked for, else one per core from
 * {@link DEFAULT_PARALLEL_MIN_RANGES} ranges on, else one.
 */
export function rangeThreads(requested: number | undefined, ranges: number): number {
  if (requested !== undefined) return requested;
  return ranges >= DEFAULT_PARALLEL_MIN_RANGES ? availableParallelism() : 1;
}

/** A chat of the export as the file writes it, for naming it in an error. */
export interface ListedChat {
  info: ChatInfo;
  /** The chat's `id` exactly as written in the file. */
  rawChatId: number;
}

/** The chat named by `--chat` (or a bot's request) is not in the export. */
export class UnknownChatError extends Error {
  constructor(
    readonly filter: string,
    readonly available: readonly ListedChat[],
  ) {
    const listed = available
      .slice(0, 10)
      .map((chat) => `${chat.info.name ?? "(no name)"} (${chat.rawChatId})`);
    const more =
      available.length > listed.length ? `, and ${available.length - listed.length} more` : "";
    const nearest = nearestChat(available, filter);
    const how =
      nearest === null
        ? "Pass --chat with one of these names or ids."
        : `For ${nearest.info.name ?? "the chat with no name"}, pass ${describeChatIdForms(nearest.info, nearest.rawChatId)}.`;
    super(`No chat "${filter}" in this export. Chats in it: ${listed.join(", ")}${more}. ${how}`);
    this.name = "UnknownChatError";
  }
}

/**
 * The chat whose name or id form starts most like `filter` (ignoring case), the
 * first in the file on a tie. A common prefix is enough to point at a typo or
 * at the right id form; no edit distance is needed for that.
 */
function nearestChat(chats: readonly ListedChat[], filter: string): ListedChat | null {
  const typed = filter.trim().toLowerCase();
  let best: ListedChat | null = null;
  let bestLength = -1;
  for (const chat of chats) {
    const forms = [
      String(chat.rawChatId),
      String(chat.info.id),
      peerKey(chat.info),
      botApiPeerId(chat.info),
      chat.info.name?.toLowerCase() ?? "",
    ];
    const length = Math.max(...forms.map((form) => commonPrefixLength(form, typed)));
    if (length > bestLength) {
      best = chat;
      bestLength = length;
    }
  }
  return best;
}

function commonPrefixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

interface ChatResult {
  info: ChatInfo;
  state: ReportState;
  /** With a sender filter, the chat unfiltered, for the member card; else null. */
  group: ReportState | null;
  assumedDates: number;
  skipped: ExportChatStats["skipped"];
}

/**
 * The report of a Telegram Desktop export: one chat, or for a full-account
 * export without a chat filter, every chat combined with an overview of
 * messages per chat. Streams the file; never holds its messages.
 *
 * @throws ReportOptionsError, ExportFormatError, UnknownChatError
 */
export async function reportFromExport(
  exportPath: string,
  options: ExportReportOptions,
): Promise<ReportJson> {
  const { clock } = resolveReportOptions(options.report);
  const results: ChatResult[] = [];
  const seen: ListedChat[] = [];
  const chats = readExportChats(exportPath, {
    signal: options.signal,
    assumedTimeZone: clock,
    onProgress: options.onProgress,
  });
  for await (const chat of chats) {
    const rawChatId = chat.location.rawChatId;
    seen.push({ info: chat.info, rawChatId });
    if (options.chat !== undefined && !chatIdMatches(chat.info, rawChatId, options.chat)) continue;
    const ranged = await foldInRanges(chat, options);
    if (ranged !== null) {
      // A single-chat export whose end was checked: nothing follows the messages.
      results.push(ranged);
      break;
    }
    const builder = new ReportBuilder(options.report);
    for await (const batch of chat.batches()) builder.addBatch(batch);
    results.push({
      info: chat.info,
      state: builder.state,
      group: builder.group,
      assumedDates: chat.stats.assumedDates,
      skipped: chat.stats.skipped,
    });
  }
  if (options.chat !== undefined && results.length === 0)
    throw new UnknownChatError(options.chat, seen);
  return combineResults(results, options, clock.name);
}

/**
 * The chat folded from ranges in parallel, or null when it is read in one
 * pass: not a single-chat export in tdesktop's layout, too small to pay, or
 * ranges that cannot stand for it (see {@link foldRanges}).
 */
async function foldInRanges(
  chat: ExportChat,
  options: ExportReportOptions,
): Promise<ChatResult | null> {
  const minBytes = options.rangedMinBytes ?? RANGED_MIN_BYTES;
  if (!Number.isFinite(minBytes)) return null;
  const plan = await planMessageRanges(chat, options.rangeBytes ?? RANGE_BYTES, options.signal);
  if (plan === null || plan.totalBytes < minBytes) return null;
  const { onProgress } = options;
  const fileBytes = plan.ranges.at(-1)!.end;
  let bytesRead = plan.ranges[0]!.start;
  const folded = await foldRanges(plan, {
    report: options.report,
    threads: rangeThreads(options.threads, plan.ranges.length),
    signal: options.signal,
    onBytes:
      onProgress === undefined
        ? undefined
        : (bytes) => {
            bytesRead += bytes;
            onProgress(bytesRead, fileBytes);
          },
  });
  if (folded === null) return null;
  return {
    info: chat.info,
    state: folded.state,
    group: folded.group,
    assumedDates: folded.stats.assumedDates,
    skipped: folded.stats.skipped,
  };
}

function combineResults(
  results: ChatResult[],
  options: ExportReportOptions,
  zone: string,
): ReportJson {
  const report = options.report;
  const filters = {
    from: report.fromDate ?? null,
    to: report.toDate ?? null,
    sender: report.sender ?? null,
  };
  const assumed = results.reduce((sum, result) => sum + result.assumedDates, 0);
  const language = options.language ?? "en";
  const texts = noteTexts(language);
  const notes = [texts.exportCoverage];
  if (assumed > 0) notes.push(texts.assumedDates(assumed, zone));
  for (const reason of SKIP_REASONS) {
    let count = 0;
    let firstByte = -1;
    for (const { skipped } of results) {
      count += skipped[reason].count;
      const first = skipped[reason].firstByte;
      if (first >= 0 && (firstByte < 0 || first < firstByte)) firstByte = first;
    }
    if (count > 0) notes.push(texts.skippedEntries(reason, count, firstByte));
  }
  const base = { language, filters, notes, timeZoneName: zone };
  const [only] = results;
  if (results.length === 1 && only !== undefined)
    return toReportJson(only.state, { ...base, chat: only.info, group: only.group });
  let combined: ReportState | null = null;
  let combinedGroup: ReportState | null = null;
  for (const result of results) {
    // Tagged with its chat, so the most reacted messages of each chat keep their own links.
    const state = result.state.inChat(result.info);
    combined = combined === null ? state : combined.combineChats(state);
    if (result.group !== null)
      combinedGroup =
        combinedGroup === null ? result.group : combinedGroup.combineChats(result.group);
  }
  const empty = new ReportBuilder(report);
  combined ??= empty.state;
  combinedGroup ??= empty.group;
  const chats: ChatOverview[] = results
    .map(({ info, state }) => ({
      id: info.id,
      name: info.name,
      type: info.type,
      messages: state.totals.messages,
    }))
    .sort((a, b) => b.messages - a.messages || a.id - b.id);
  return {
    ...toReportJson(combined, {
      ...base,
      chat: { id: null, name: combinedChatName(language), type: "combined" },
      group: combinedGroup,
    }),
    chats,
  };
}

import { formatPeriod, type ReportJson } from "@tgstats/shared";
import { GrammyError, InputFile, type Api } from "grammy";
import type { InputMediaPhoto } from "grammy/types";
import { apiSignal } from "./delivery-api.js";
import { deliveryTexts, type DeliveryLanguage } from "./delivery-texts.js";
import { chatName, formatDeliverySummary } from "./delivery-summary.js";
import { isMessageGone, isNotModified } from "./progress-reporter.js";

/** One chart of the album. */
export interface DeliveryChart {
  /** File name shown in Telegram, e.g. `01-top-senders.png`. */
  name: string;
  png: Buffer;
  /** Caption when the chart is sent alone. */
  caption: string;
}

/** What {@link deliverReport} sends, and where. */
export interface ReportDelivery {
  chatId: number;
  /** The status message to delete at the end; null when there is none. */
  statusMessageId: number | null;
  report: ReportJson;
  charts: readonly DeliveryChart[];
  language: DeliveryLanguage;
}

/** Telegram's limits on albums and captions. */
export const ALBUM_MAX_ITEMS = 10;
export const CAPTION_MAX_CHARS = 1024;

/**
 * Sends the charts and the summary, then deletes the status message:
 * 2–10 charts go as one album (sendMediaGroup, caption on the first item),
 * one chart as sendPhoto; more than 10 are cut into albums of 10, and a
 * single chart left over goes as a photo (11 charts → an album of 10 + a photo).
 *
 * @returns the ids of the messages sent (photos, then the summary)
 * @example const ids = await deliverReport(api, { chatId, statusMessageId, report, charts, language: "en" }, signal);
 */
export async function deliverReport(
  api: Api,
  input: ReportDelivery,
  signal?: AbortSignal,
): Promise<number[]> {
  const { chatId } = input;
  const ids: number[] = [];
  for (const batch of albumBatches(input.charts)) {
    const first = batch[0]!;
    if (batch.length === 1) {
      const caption = truncateChars(first.caption, CAPTION_MAX_CHARS);
      const message = await api.sendPhoto(chatId, chartFile(first), { caption }, apiSignal(signal));
      ids.push(message.message_id);
      continue;
    }
    const caption = albumCaption(input.report, input.language);
    const media = batch.map((chart, index): InputMediaPhoto => ({
      type: "photo",
      media: chartFile(chart),
      ...(index === 0 ? { caption } : {}),
    }));
    const messages = await api.sendMediaGroup(chatId, media, {}, apiSignal(signal));
    ids.push(...messages.map((message) => message.message_id));
  }
  const summary = await api.sendMessage(
    chatId,
    formatDeliverySummary(input.report),
    { parse_mode: "HTML", link_preview_options: { is_disabled: true } },
    apiSignal(signal),
  );
  ids.push(summary.message_id);
  if (input.statusMessageId !== null)
    await removeStatus(api, chatId, input.statusMessageId, input.language, signal);
  return ids;
}

/** What {@link deliverFailure} tells, and where. */
export interface FailureDelivery {
  chatId: number;
  statusMessageId: number | null;
  /** Plain text (no markup) saying what went wrong and what to do. */
  text: string;
}

/**
 * Tells the requester in plain words what went wrong: the status message
 * shows the text when there is one (a new message is sent when it is gone),
 * otherwise a message is sent.
 */
export async function deliverFailure(
  api: Api,
  input: FailureDelivery,
  signal?: AbortSignal,
): Promise<void> {
  if (input.statusMessageId !== null) {
    try {
      await api.editMessageText(
        input.chatId,
        input.statusMessageId,
        input.text,
        {},
        apiSignal(signal),
      );
      return;
    } catch (error) {
      if (isNotModified(error)) return;
      if (!isMessageGone(error)) throw error;
    }
  }
  await api.sendMessage(input.chatId, input.text, {}, apiSignal(signal));
}

/**
 * Charts in sending order: albums of up to 10; a last group of one is sent as a photo.
 *
 * @example albumBatches(charts11).map((b) => b.length) // [10, 1]
 */
export function albumBatches<T>(charts: readonly T[]): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < charts.length; start += ALBUM_MAX_ITEMS)
    batches.push(charts.slice(start, start + ALBUM_MAX_ITEMS));
  return batches;
}

/** Caption of an album: the chat and the period it covers (Telegram shows the first item's caption under the album). */
export function albumCaption(report: ReportJson, language: DeliveryLanguage): string {
  const texts = deliveryTexts(language);
  const period = formatPeriod(report.totals.firstDate, report.totals.lastDate, language);
  const caption = texts.title(chatName(report)) + (period === null ? "" : `\n${period}`);
  return truncateChars(caption, CAPTION_MAX_CHARS);
}

/**
 * Cuts text to `maxChars` code points (how Telegram counts), ending with "…".
 *
 * @example truncateChars("abcdef", 4) // "abc…"
 */
export function truncateChars(text: string, maxChars: number): string {
  const chars = Array.from(text);
  return chars.length <= maxChars ? text : `${chars.slice(0, maxChars - 1).join("")}…`;
}

function chartFile(chart: DeliveryChart): InputFile {
  return new InputFile(chart.png, chart.name);
}

/** Deletes the status message; when Telegram refuses (too old), shows "Done" in it instead. */
async function removeStatus(
  api: Api,
  chatId: number,
  messageId: number,
  language: DeliveryLanguage,
  signal: AbortSignal | undefined,
): Promise<void> {
  try {
    await api.deleteMessage(chatId, messageId, apiSignal(signal));
  } catch (error) {
    if (!(error instanceof GrammyError && error.error_code === 400)) throw error;
    // Already deleted by someone, or too old to delete: a final text is enough.
    if (error.description.includes("not found")) return;
    await api
      .editMessageText(chatId, messageId, deliveryTexts(language).done, {}, apiSignal(signal))
      .catch((editError: unknown) => {
        if (!(editError instanceof GrammyError)) throw editError;
      });
  }
}

import { formatPeriod } from "@tgstats/charts/format";
import type { ReportJson } from "@tgstats/engine";
import { InputFile, type Api } from "grammy";
import type { InputMediaPhoto } from "grammy/types";
import { apiSignal } from "@tgstats/platform";
import { deliveryTexts, type DeliveryLanguage } from "./delivery-texts.js";
import {
  recordStep,
  unrecordedJournal,
  type DeliveryStepRecord,
  type JobDeliveryJournal,
} from "./delivery-journal.js";
import { chatName, escapeHtml, formatDeliverySummary } from "./delivery-summary.js";
import type { ReportPage } from "./report-page.js";
import { removeStatusMessage, showInStatusMessage } from "./status-message.js";

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
  /** The interactive page, sent as a document after the charts; none when null or left out. */
  page?: ReportPage | null;
  language: DeliveryLanguage;
  /**
   * Where each step is recorded before and after it is sent, so a delivery
   * cut short (the process killed) resumes without sending a step twice.
   * Without it nothing is recorded.
   */
  journal?: JobDeliveryJournal;
  /** Told of each step whose fate is unknown (begun by an attempt that died): it is not sent again. */
  onUncertainStep?: (step: string) => void;
}

/** Telegram's limit on the photos of one album. */
export const ALBUM_MAX_ITEMS = 10;
/** Telegram's limit on a caption's length. */
export const CAPTION_MAX_CHARS = 1024;

/**
 * Sends the charts, the interactive page and the summary, then deletes the
 * status message: 2–10 charts go as one album (sendMediaGroup, caption on the
 * first item), one chart as sendPhoto; more than 10 are cut into albums of 10,
 * and a single chart left over goes as a photo (11 charts → an album of 10 + a
 * photo). The page follows as a document (sendDocument) with a one-line
 * caption, so the summary stays the last word.
 *
 * Each step (`charts-1`, `charts-2`…, `page`, `summary`, `status`) is recorded
 * in the journal before and after its call, and a step already recorded as
 * sent is skipped. A step recorded as begun but not as sent may have reached
 * the chat: it is never sent again; the summary then says that some charts
 * (the page among them) may be missing, and a summary of unknown fate is
 * replaced by that note in the status message (or a note is sent when there
 * is none). Deleting or editing the status message is harmless to repeat and
 * is simply done again.
 *
 * @returns the ids of the messages known to be sent (photos, the page, then the summary)
 * @example const ids = await deliverReport(api, { chatId, statusMessageId, report, charts, language: "en", journal }, signal);
 */
export async function deliverReport(
  api: Api,
  input: ReportDelivery,
  signal?: AbortSignal,
): Promise<number[]> {
  const { chatId, language } = input;
  const texts = deliveryTexts(language);
  const steps = createStepRunner(input.journal ?? unrecordedJournal(), input.onUncertainStep);
  await steps.load();
  await sendCharts(api, steps, chatId, input.charts, albumCaption(input.report, language), signal);
  const { page } = input;
  if (page !== undefined && page !== null)
    await steps.once("page", async () => {
      const message = await api.sendDocument(
        chatId,
        new InputFile(Buffer.from(page.html), page.fileName),
        { caption: texts.pageCaption },
        apiSignal(signal),
      );
      return [message.message_id];
    });
  const chartsUncertain = steps.uncertain.length > 0;
  const summarySent = await steps.once("summary", async () => {
    const summary = formatDeliverySummary(input.report);
    const text = chartsUncertain
      ? `${summary}\n\n${escapeHtml(texts.chartsMayBeMissing)}`
      : summary;
    const message = await api.sendMessage(
      chatId,
      text,
      { parse_mode: "HTML", link_preview_options: { is_disabled: true } },
      apiSignal(signal),
    );
    return [message.message_id];
  });
  const statusId = input.statusMessageId;
  if (summarySent) {
    if (statusId !== null)
      await steps.again("status", async () => {
        await removeStatusMessage(api, chatId, statusId, language, signal);
        return [];
      });
  } else if (statusId !== null) {
    // The summary may be missing: the status message says so instead of disappearing.
    await steps.again("status", async () => {
      await showInStatusMessage(api, chatId, statusId, texts.summaryMayBeMissing, signal);
      return [];
    });
  } else {
    await steps.once("note", async () => {
      const message = await api.sendMessage(
        chatId,
        texts.summaryMayBeMissing,
        {},
        apiSignal(signal),
      );
      return [message.message_id];
    });
  }
  return steps.sentIds();
}

/**
 * Sends charts as albums of up to 10 (a last one alone as a photo, with its
 * own caption), each batch a journaled step `charts-<n>`.
 */
async function sendCharts(
  api: Api,
  steps: StepRunner,
  chatId: number,
  charts: readonly DeliveryChart[],
  albumCaptionText: string,
  signal: AbortSignal | undefined,
): Promise<void> {
  for (const [index, batch] of albumBatches(charts).entries()) {
    const first = batch[0]!;
    await steps.once(`charts-${index + 1}`, async () => {
      if (batch.length === 1) {
        const caption = truncateChars(first.caption, CAPTION_MAX_CHARS);
        const message = await api.sendPhoto(
          chatId,
          chartFile(first),
          { caption },
          apiSignal(signal),
        );
        return [message.message_id];
      }
      const media = batch.map((chart, index): InputMediaPhoto => ({
        type: "photo",
        media: chartFile(chart),
        ...(index === 0 ? { caption: albumCaptionText } : {}),
      }));
      const messages = await api.sendMediaGroup(chatId, media, {}, apiSignal(signal));
      return messages.map((message) => message.message_id);
    });
  }
}

/** What {@link deliverPulseCharts} sends, and where. */
export interface PulseChartsDelivery {
  chatId: number;
  charts: readonly DeliveryChart[];
  /** The album's caption. */
  caption: string;
  journal?: JobDeliveryJournal;
  onUncertainStep?: (step: string) => void;
}

/**
 * Sends the account pulse's charts, journaled like a report's: a killed
 * attempt's successor never sends them twice.
 *
 * @returns the ids of the messages known to be sent
 */
export async function deliverPulseCharts(
  api: Api,
  input: PulseChartsDelivery,
  signal?: AbortSignal,
): Promise<number[]> {
  const steps = createStepRunner(input.journal ?? unrecordedJournal(), input.onUncertainStep);
  await steps.load();
  await sendCharts(api, steps, input.chatId, input.charts, input.caption, signal);
  return steps.sentIds();
}

/** Runs delivery steps through a journal: each recorded before and after, none sent twice. */
interface StepRunner {
  /** Reads what earlier attempts recorded. */
  load(): Promise<void>;
  /**
   * Runs a step that must not be repeated (a send), unless it is recorded already.
   * @returns true when the step is known to be sent (now or before), false when its fate is unknown
   */
  once(step: string, send: () => Promise<number[]>): Promise<boolean>;
  /** Runs a step that is harmless to repeat (an edit, a delete) unless it is recorded as done. */
  again(step: string, run: () => Promise<number[]>): Promise<void>;
  /** Steps whose fate is unknown, in delivery order. */
  readonly uncertain: readonly string[];
  /** Ids of the messages known to be sent, in step order. */
  sentIds(): number[];
}

function createStepRunner(
  journal: JobDeliveryJournal,
  onUncertainStep: ((step: string) => void) | undefined,
): StepRunner {
  let records = new Map<string, DeliveryStepRecord>();
  const uncertain: string[] = [];
  const ids: number[] = [];
  const markUncertain = (step: string): false => {
    uncertain.push(step);
    onUncertainStep?.(step);
    return false;
  };
  const run = async (step: string, call: () => Promise<number[]>): Promise<void> => {
    ids.push(...(await recordStep(journal, step, call)));
  };
  return {
    uncertain,
    async load() {
      records = await journal.read();
    },
    async once(step, send) {
      const record = records.get(step);
      if (record?.state === "sent") {
        ids.push(...record.messageIds);
        return true;
      }
      if (record?.state === "sending" || !(await journal.claim(step))) return markUncertain(step);
      await run(step, send);
      return true;
    },
    async again(step, call) {
      if (records.get(step)?.state === "sent") return;
      await journal.begin(step);
      await run(step, call);
    },
    sentIds: () => [...ids],
  };
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

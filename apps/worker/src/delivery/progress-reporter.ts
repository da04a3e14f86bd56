import { GrammyError, type Api } from "grammy";
import { apiSignal } from "./delivery-api.js";
import { deliveryTexts, type DeliveryLanguage } from "./delivery-texts.js";

/** How far reading the history got. */
export interface ProgressFigures {
  fetched: number;
  total: number;
}

/** The message that shows progress; `messageId` null means none was sent yet. */
export interface ProgressTarget {
  chatId: number;
  messageId: number | null;
}

/** Options of {@link ProgressReporter}. */
export interface ProgressReporterOptions {
  language: DeliveryLanguage;
  /** At most one edit per this many ms (Telegram's per-chat budget). Default 3000. */
  minIntervalMs?: number;
  /** Clock in ms; tests inject a virtual one. Default `Date.now`. */
  now?: () => number;
  /** Aborts the Bot API calls. */
  signal?: AbortSignal;
  /**
   * Only edit the status message; when there is none (or it is gone), show
   * nothing rather than send a new one. For the parts of a split read: they
   * share the coordinator's message, and a message one of them sent would be
   * left behind.
   */
  editOnly?: boolean;
}

/** Default pause between two progress edits. */
export const PROGRESS_MIN_INTERVAL_MS = 3000;

/**
 * Edits the status message with progress — at most one edit per
 * `minIntervalMs`, skipping unchanged texts, never throwing on "message is
 * not modified"; the last update is always flushed by {@link finish}. When
 * there is no status message (or the user deleted it) it sends a new one:
 * read {@link messageId} for the one to replace at the end.
 *
 * @example
 * const progress = new ProgressReporter(api, { chatId, messageId }, { language: "en" });
 * await progress.update({ fetched: 12_300, total: 48_000 });
 * await progress.finish();
 */
export class ProgressReporter {
  private readonly minIntervalMs: number;
  private readonly now: () => number;
  private currentMessageId: number | null;
  private lastText: string | null = null;
  private lastSentAtMs: number | null = null;
  private pendingText: string | null = null;
  private firstSeen: { atMs: number; fetched: number } | null = null;
  /** Sends run one after another, in call order. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly api: Api,
    private readonly target: ProgressTarget,
    private readonly options: ProgressReporterOptions,
  ) {
    this.minIntervalMs = options.minIntervalMs ?? PROGRESS_MIN_INTERVAL_MS;
    this.now = options.now ?? Date.now;
    this.currentMessageId = target.messageId;
  }

  /** The status message now showing progress (null until one exists). */
  get messageId(): number | null {
    return this.currentMessageId;
  }

  /** "Reading history: 12,300 / 48,000 (25%), about 3 min left" — ETA from the rate observed so far. */
  update(progress: ProgressFigures): Promise<void> {
    const nowMs = this.now();
    this.firstSeen ??= { atMs: nowMs, fetched: progress.fetched };
    const etaSeconds = estimateSecondsLeft(progress, this.firstSeen, nowMs);
    return this.offer(
      formatProgressText(progress, etaSeconds, this.options.language),
      nowMs,
      false,
    );
  }

  /** A one-off status text, shown at once, e.g. "Telegram asked to wait 5 min; continuing at 14:05". */
  notice(text: string): Promise<void> {
    return this.offer(text, this.now(), true);
  }

  /** Sends the last text that was held back by the interval, if any. */
  finish(): Promise<void> {
    return this.enqueue(async () => {
      const text = this.pendingText;
      if (text !== null && text !== this.lastText) await this.show(text, this.now());
      this.pendingText = null;
    });
  }

  private offer(text: string, nowMs: number, immediate: boolean): Promise<void> {
    return this.enqueue(async () => {
      if (text === this.lastText) {
        this.pendingText = null;
        return;
      }
      const waitedMs = this.lastSentAtMs === null ? Infinity : nowMs - this.lastSentAtMs;
      if (!immediate && waitedMs < this.minIntervalMs) {
        this.pendingText = text;
        return;
      }
      await this.show(text, nowMs);
    });
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const next = this.queue.then(step);
    // A failed step must not stop later ones; the caller of this step sees its error.
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async show(text: string, nowMs: number): Promise<void> {
    this.pendingText = null;
    this.lastSentAtMs = nowMs;
    const { chatId } = this.target;
    const { signal } = this.options;
    if (this.currentMessageId !== null) {
      try {
        await this.api.editMessageText(chatId, this.currentMessageId, text, {}, apiSignal(signal));
        this.lastText = text;
        return;
      } catch (error) {
        if (isNotModified(error)) {
          this.lastText = text;
          return;
        }
        if (!isMessageGone(error)) throw error;
      }
    }
    if (this.options.editOnly === true) {
      this.currentMessageId = null;
      this.lastText = text;
      return;
    }
    const message = await this.api.sendMessage(chatId, text, {}, apiSignal(signal));
    this.currentMessageId = message.message_id;
    this.lastText = text;
  }
}

/**
 * Seconds left at the rate observed since the first update, or null while
 * there is no rate yet (first update, nothing fetched since) or nothing is left.
 */
export function estimateSecondsLeft(
  progress: ProgressFigures,
  first: { atMs: number; fetched: number },
  nowMs: number,
): number | null {
  const left = progress.total - progress.fetched;
  const elapsedMs = nowMs - first.atMs;
  const done = progress.fetched - first.fetched;
  if (left <= 0 || elapsedMs <= 0 || done <= 0) return null;
  return (left / done) * (elapsedMs / 1000);
}

/**
 * The progress line in a language.
 *
 * @example formatProgressText({ fetched: 12_300, total: 48_000 }, 180, "en") // "Reading history: 12,300 / 48,000 (25%), about 3 min left"
 */
export function formatProgressText(
  progress: ProgressFigures,
  etaSeconds: number | null,
  language: DeliveryLanguage,
): string {
  const texts = deliveryTexts(language);
  if (progress.total <= 0) return texts.readingStarted;
  const numbers = new Intl.NumberFormat(texts.locale);
  const percent = new Intl.NumberFormat(texts.locale, {
    style: "percent",
    maximumFractionDigits: 0,
  });
  // Floor, so 100 % means done.
  const share = Math.min(100, Math.floor((progress.fetched * 100) / progress.total)) / 100;
  const line = texts.readingProgress(
    numbers.format(progress.fetched),
    numbers.format(progress.total),
    percent.format(share),
  );
  return etaSeconds === null ? line : `${line}, ${formatEta(etaSeconds, language)}`;
}

/**
 * Time left in words: under a minute, whole minutes, or hours and minutes.
 *
 * @example formatEta(4_850, "en") // "about 1 h 21 min left"
 */
export function formatEta(seconds: number, language: DeliveryLanguage): string {
  const texts = deliveryTexts(language);
  if (seconds < 60) return texts.etaUnderMinute;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return texts.etaMinutes(String(minutes));
  return texts.etaHours(String(Math.floor(minutes / 60)), String(minutes % 60));
}

/** Telegram's 400 for an edit that changes nothing. */
export function isNotModified(error: unknown): boolean {
  return (
    error instanceof GrammyError &&
    error.error_code === 400 &&
    error.description.includes("message is not modified")
  );
}

/** Telegram's 400 for a message that was deleted or can no longer be edited. */
export function isMessageGone(error: unknown): boolean {
  return (
    error instanceof GrammyError &&
    error.error_code === 400 &&
    (error.description.includes("message to edit not found") ||
      error.description.includes("message can't be edited"))
  );
}

import { GrammyError, type Api } from "grammy";
import { apiSignal } from "@tgstats/platform";
import { deliveryTexts, type DeliveryLanguage } from "./delivery-texts.js";
import { estimateSecondsLeft, formatProgressText, type ProgressFigures } from "./progress-text.js";

/** The message that shows progress; `messageId` null means none was sent yet. */
export interface StatusTarget {
  chatId: number;
  messageId: number | null;
}

/** Options of {@link StatusMessage}. */
export interface StatusMessageOptions {
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
 * The status message of a job (the bot's "Queued…"), its one owner: every
 * progress line, notice, failure and the final replacement goes through it.
 *
 * Progress edits come at most one per `minIntervalMs`, skipping unchanged
 * texts, never throwing on "message is not modified"; the last update is
 * always flushed by {@link finish}. When there is no status message (or the
 * user deleted it) it sends a new one: read {@link messageId} for the one to
 * replace at the end.
 *
 * @example
 * const status = new StatusMessage(api, { chatId, messageId }, { language: "en" });
 * await status.update({ fetched: 12_300, total: 48_000 });
 * await status.finish();
 */
export class StatusMessage {
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
    private readonly target: StatusTarget,
    private readonly options: StatusMessageOptions,
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

  /** A progress text of another kind than reading history (e.g. chats counted), held back like {@link update}'s. */
  progress(text: string): Promise<void> {
    return this.offer(text, this.now(), false);
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

  /**
   * Tells the requester in plain words why there is no report: the text takes
   * the status message's place (a new message when it is gone or there is none).
   */
  fail(text: string, signal?: AbortSignal): Promise<void> {
    return this.enqueue(() =>
      failInStatus(this.api, this.target.chatId, this.currentMessageId, text, signal),
    );
  }

  /** Puts `html` in place of the status message, or sends it when there is none; returns its message id. */
  replace(html: string, signal: AbortSignal): Promise<number> {
    const { chatId } = this.target;
    return this.enqueue(async () => {
      const id = this.currentMessageId;
      if (id !== null) {
        await this.api.editMessageText(chatId, id, html, { parse_mode: "HTML" }, apiSignal(signal));
        return id;
      }
      const sent = await this.api.sendMessage(
        chatId,
        html,
        { parse_mode: "HTML" },
        apiSignal(signal),
      );
      this.currentMessageId = sent.message_id;
      return sent.message_id;
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

  private enqueue<T>(step: () => Promise<T>): Promise<T> {
    const next = this.queue.then(step);
    // A failed step must not stop later ones; the caller of this step sees its error.
    this.queue = next.then(
      () => undefined,
      () => undefined,
    );
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

/** What {@link deliverFailure} tells, and where. */
export interface FailureDelivery {
  chatId: number;
  statusMessageId: number | null;
  /** Plain text (no markup) saying what went wrong and what to do. */
  text: string;
}

/**
 * Tells the requester in plain words what went wrong, for a job without its
 * {@link StatusMessage} at hand (one that stalled out): see {@link StatusMessage.fail}.
 */
export async function deliverFailure(
  api: Api,
  input: FailureDelivery,
  signal?: AbortSignal,
): Promise<void> {
  await failInStatus(api, input.chatId, input.statusMessageId, input.text, signal);
}

async function failInStatus(
  api: Api,
  chatId: number,
  messageId: number | null,
  text: string,
  signal: AbortSignal | undefined,
): Promise<void> {
  if (messageId !== null && (await editStatus(api, chatId, messageId, text, signal))) return;
  await api.sendMessage(chatId, text, {}, apiSignal(signal));
}

/**
 * Shows plain `text` in a status message. True when it shows it (or did
 * already); false when the message is gone.
 */
async function editStatus(
  api: Api,
  chatId: number,
  messageId: number,
  text: string,
  signal: AbortSignal | undefined,
): Promise<boolean> {
  try {
    await api.editMessageText(chatId, messageId, text, {}, apiSignal(signal));
    return true;
  } catch (error) {
    if (isNotModified(error)) return true;
    if (!isMessageGone(error)) throw error;
    return false;
  }
}

/** Shows plain `text` in the status message; nothing when it is gone or shows it already (safe to repeat). */
export async function showInStatusMessage(
  api: Api,
  chatId: number,
  messageId: number,
  text: string,
  signal: AbortSignal | undefined,
): Promise<void> {
  await editStatus(api, chatId, messageId, text, signal);
}

/** Deletes the status message once the report is out; when Telegram refuses (too old), shows "Done" in it instead. */
export async function removeStatusMessage(
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

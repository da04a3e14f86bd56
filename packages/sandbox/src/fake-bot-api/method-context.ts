import { BAD_REQUEST, badRequest } from "./bot-api-error.js";
import type { BotState } from "./bot-state.js";
import { plainText } from "./html-text.js";
import type { RequestParams } from "./request-params.js";
import type { BotInfo, FakeBotApiCall } from "./types.js";
import type { UpdateQueue } from "./update-queue.js";

/** Telegram's limits on what a bot sends. */
export const LIMITS = {
  textChars: 4096,
  captionChars: 1024,
  photoBytes: 10 * 1024 * 1024,
  photoSidesSumPx: 10_000,
  photoAspectRatio: 20,
  downloadBytes: 20 * 1024 * 1024,
  albumMin: 2,
  albumMax: 10,
} as const;

/** What a method handler works with. */
export interface MethodContext {
  params: RequestParams;
  state: BotState;
  updates: UpdateQueue;
  botInfo: BotInfo;
  /** The record of this call; handlers fill in chat, text, files and message ids. */
  call: FakeBotApiCall;
  /** Aborts when the client goes away or the server closes. */
  signal: AbortSignal;
}

/** A Bot API method: returns the `result`, or throws a BotApiError. */
export type MethodHandler = (context: MethodContext) => unknown;

/** `chat_id` as a number: an id, or a known chat's @username; null when absent. */
export function chatIdParam(context: MethodContext): number | null {
  const raw = context.params.string("chat_id");
  if (raw === null || raw === "") return null;
  if (/^-?\d+$/.test(raw)) return Number(raw);
  const chat = raw.startsWith("@") ? context.state.chatByUsername(raw) : undefined;
  if (chat === undefined) throw badRequest(BAD_REQUEST.chatNotFound);
  return chat.id;
}

/** Length as Telegram counts it: Unicode code points. */
export function charCount(text: string): number {
  return Array.from(text).length;
}

/** The shown text of a message, or the 400 Telegram answers for an empty or too long one. */
export function messageText(raw: string | null, parseMode: string | null): string {
  if (raw === null || raw.trim() === "") throw badRequest(BAD_REQUEST.textEmpty);
  const text = plainText(raw, parseMode);
  if (text.trim() === "") throw badRequest(BAD_REQUEST.textEmpty);
  if (charCount(text) > LIMITS.textChars) throw badRequest(BAD_REQUEST.textTooLong);
  return text;
}

/** The shown caption (null when none), or 400 when it is longer than 1024 characters. */
export function captionText(raw: string | null, parseMode: string | null): string | null {
  if (raw === null || raw.trim() === "") return null;
  const caption = plainText(raw, parseMode);
  if (charCount(caption) > LIMITS.captionChars) throw badRequest(BAD_REQUEST.captionTooLong);
  return caption;
}

/**
 * Checks the message a send replies to (`reply_parameters` or the older
 * `reply_to_message_id`): 400 when it does not exist, unless the request
 * allows sending without it.
 */
export function checkReplyTarget(context: MethodContext, chatId: number): void {
  const parameters = context.params.json("reply_parameters");
  const reply =
    typeof parameters === "object" && parameters !== null
      ? (parameters as Record<string, unknown>)
      : {};
  const messageId =
    typeof reply.message_id === "number"
      ? reply.message_id
      : context.params.integer("reply_to_message_id");
  if (messageId === null) return;
  const allowWithout =
    reply.allow_sending_without_reply === true ||
    context.params.boolean("allow_sending_without_reply");
  const targetChat = typeof reply.chat_id === "number" ? reply.chat_id : chatId;
  if (!allowWithout && context.state.message(targetChat, messageId) === undefined)
    throw badRequest(BAD_REQUEST.replyNotFound);
}

import { BAD_REQUEST, badRequest } from "./bot-api-error.js";
import {
  checkReplyTarget,
  chatIdParam,
  messageText,
  type MethodContext,
  type MethodHandler,
} from "./method-context.js";
import type { StoredMessage } from "./types.js";

/** sendMessage: text ≤ 4096 characters after markup, into a chat the bot knows. */
export const sendMessage: MethodHandler = (context) => {
  const { params, state, call } = context;
  const chatId = chatIdParam(context);
  call.chatId = chatId;
  const raw = params.string("text");
  if (raw !== null) call.text = raw;
  const parseMode = params.string("parse_mode");
  const text = messageText(raw, parseMode);
  const chat = state.writableChat(chatId);
  checkReplyTarget(context, chat.id);
  state.takeSendSlot(chat.id);
  const message: StoredMessage = {
    messageId: state.nextMessageId(chat.id),
    chatId: chat.id,
    fromBot: true,
    fromUserId: context.botInfo.id,
    dateUnix: state.nowUnix(),
    editDateUnix: null,
    text,
    markup: markupKey(context, raw),
    caption: null,
    kind: "text",
    file: null,
    mediaGroupId: null,
    raw: null,
  };
  state.addMessage(message);
  call.messageIds.push(message.messageId);
  return state.messageJson(message);
};

/** editMessageText: the bot's own text message, with a text that differs from the current one. */
export const editMessageText: MethodHandler = (context) => {
  const { params, state, call } = context;
  const chatId = chatIdParam(context);
  call.chatId = chatId;
  const raw = params.string("text");
  if (raw !== null) call.text = raw;
  const messageId = params.integer("message_id");
  if (messageId === null) throw badRequest(BAD_REQUEST.messageIdMissing);
  call.messageIds.push(messageId);
  const chat = state.writableChat(chatId);
  const text = messageText(raw, params.string("parse_mode"));
  const message = state.message(chat.id, messageId);
  if (message === undefined) throw badRequest(BAD_REQUEST.editNotFound);
  if (!message.fromBot) throw badRequest(BAD_REQUEST.cantEdit);
  if (message.kind !== "text") throw badRequest(BAD_REQUEST.noTextToEdit);
  const markup = markupKey(context, raw);
  if (message.markup === markup) throw badRequest(BAD_REQUEST.notModified);
  state.takeSendSlot(chat.id);
  message.text = text;
  message.markup = markup;
  message.editDateUnix = state.nowUnix();
  return state.messageJson(message);
};

/** deleteMessage: any message of the chat that still exists. */
export const deleteMessage: MethodHandler = (context) => {
  const { params, state, call } = context;
  const chatId = chatIdParam(context);
  call.chatId = chatId;
  const messageId = params.integer("message_id");
  if (messageId === null) throw badRequest(BAD_REQUEST.messageIdMissing);
  call.messageIds.push(messageId);
  const chat = state.chat(chatId);
  if (!state.deleteMessage(chat.id, messageId)) throw badRequest(BAD_REQUEST.deleteNotFound);
  return true;
};

const CHAT_ACTIONS = new Set([
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
]);

/** sendChatAction: one of Telegram's action names. */
export const sendChatAction: MethodHandler = (context) => {
  const chatId = chatIdParam(context);
  context.call.chatId = chatId;
  context.state.writableChat(chatId);
  if (!CHAT_ACTIONS.has(context.params.string("action") ?? ""))
    throw badRequest(BAD_REQUEST.wrongAction);
  return true;
};

/** What "message is not modified" compares: the text as sent, its parse mode and its keyboard. */
function markupKey(context: MethodContext, raw: string | null): string {
  return JSON.stringify([
    context.params.string("parse_mode") ?? "",
    raw,
    context.params.json("reply_markup") ?? null,
  ]);
}

import { BAD_REQUEST, badRequest } from "./bot-api-error.js";
import type { BotCommand } from "./bot-state.js";
import {
  chatIdParam,
  charCount,
  type MethodContext,
  type MethodHandler,
} from "./method-context.js";
import type { BotApiUser, ChatMemberStatus } from "./types.js";

/** getMe: the bot's own user. */
export const getMe: MethodHandler = (context) => context.botInfo;

/** getChat: a chat the bot knows (from updates or the test). */
export const getChat: MethodHandler = (context) => {
  const chatId = chatIdParam(context);
  context.call.chatId = chatId;
  const chat = context.state.chat(chatId);
  return { ...chat, accent_color_id: 0, max_reaction_count: 11, accepted_gift_types: {} };
};

/**
 * getChatMember: the status from the membership table; a known user without
 * an entry has `left`, an unknown one is "user not found".
 */
export const getChatMember: MethodHandler = (context) => {
  const { params, state } = context;
  const chatId = chatIdParam(context);
  context.call.chatId = chatId;
  const chat = state.chat(chatId);
  const userId = params.integer("user_id");
  if (userId === null) throw badRequest(BAD_REQUEST.invalidUserId);
  const user = state.user(userId);
  const status =
    state.memberStatus(chat.id, userId) ?? (userId === context.botInfo.id ? "member" : null);
  if (status === null && user === undefined) throw badRequest(BAD_REQUEST.userNotFound);
  return chatMemberJson(status ?? "left", user ?? { id: userId, is_bot: false, first_name: "" });
};

/** setMyCommands: 1–32 character lowercase commands with 1–256 character descriptions, per scope and language. */
export const setMyCommands: MethodHandler = (context) => {
  const commands = context.params.json("commands");
  if (!Array.isArray(commands)) throw badRequest(BAD_REQUEST.badJson("commands"));
  const menu = commands.map(botCommand);
  context.state.setCommands(scopeKey(context), languageCode(context), menu);
  return true;
};

/** getMyCommands: the menu of a scope and language. */
export const getMyCommands: MethodHandler = (context) =>
  context.state.commands(scopeKey(context), languageCode(context));

/** deleteMyCommands: removes the menu of a scope and language. */
export const deleteMyCommands: MethodHandler = (context) => {
  context.state.deleteCommands(scopeKey(context), languageCode(context));
  return true;
};

/** answerCallbackQuery: a query pushed in an update, answered once. */
export const answerCallbackQuery: MethodHandler = (context) => {
  if (!context.state.answerCallbackQuery(context.params.string("callback_query_id") ?? ""))
    throw badRequest(BAD_REQUEST.queryInvalid);
  const text = context.params.string("text");
  if (text !== null) context.call.text = text;
  return true;
};

/** getUpdates: long polling with offset, limit, timeout and allowed_updates. */
export const getUpdates: MethodHandler = (context) => {
  const { params } = context;
  const allowed = params.json("allowed_updates");
  return context.updates.get(
    {
      offset: params.integer("offset"),
      limit: Math.min(100, Math.max(1, params.integer("limit") ?? 100)),
      timeoutSeconds: Math.max(0, params.integer("timeout") ?? 0),
      allowedUpdates: Array.isArray(allowed) ? allowed.map(String) : null,
    },
    context.signal,
  );
};

/** deleteWebhook: nothing to delete (the fake serves polling); may drop pending updates. */
export const deleteWebhook: MethodHandler = (context) => {
  if (context.params.boolean("drop_pending_updates")) context.updates.drop();
  return true;
};

/** getWebhookInfo: no webhook, and the number of queued updates. */
export const getWebhookInfo: MethodHandler = (context) => ({
  url: "",
  has_custom_certificate: false,
  pending_update_count: context.updates.size,
});

function botCommand(entry: unknown): BotCommand {
  const item =
    typeof entry === "object" && entry !== null ? (entry as Record<string, unknown>) : {};
  const command = typeof item.command === "string" ? item.command : "";
  const description = typeof item.description === "string" ? item.description : "";
  if (!/^[a-z0-9_]{1,32}$/.test(command)) throw badRequest(BAD_REQUEST.commandInvalid);
  const length = charCount(description.trim());
  if (length < 1 || length > 256) throw badRequest(BAD_REQUEST.commandDescriptionInvalid);
  return { command, description };
}

function scopeKey(context: MethodContext): string {
  return scopeKeyOf(context.params.json("scope"));
}

/**
 * A command scope as a key: its JSON with sorted keys; absent means `{"type":"default"}`.
 *
 * @example scopeKeyOf({ type: "all_private_chats" }) // '{"type":"all_private_chats"}'
 */
export function scopeKeyOf(scope: unknown): string {
  const object =
    typeof scope === "object" && scope !== null
      ? (scope as Record<string, unknown>)
      : { type: "default" };
  return JSON.stringify(
    Object.fromEntries(Object.entries(object).sort(([a], [b]) => a.localeCompare(b))),
  );
}

function languageCode(context: MethodContext): string {
  return context.params.string("language_code") ?? "";
}

function chatMemberJson(status: ChatMemberStatus, user: BotApiUser): Record<string, unknown> {
  switch (status) {
    case "creator":
      return { status, user, is_anonymous: false };
    case "administrator":
      return {
        status,
        user,
        can_be_edited: false,
        is_anonymous: false,
        can_manage_chat: true,
        can_delete_messages: true,
        can_manage_video_chats: true,
        can_restrict_members: true,
        can_promote_members: false,
        can_change_info: true,
        can_invite_users: true,
        can_post_stories: false,
        can_edit_stories: false,
        can_delete_stories: false,
      };
    case "restricted":
      return { status, user, is_member: true, can_send_messages: false, until_date: 0 };
    case "kicked":
      return { status, user, until_date: 0 };
    case "member":
    case "left":
      return { status, user };
  }
}

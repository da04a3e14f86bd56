import { GrammyError, type Api } from "grammy";
import type { ChatMember } from "grammy/types";
import { apiSignal } from "@tgstats/platform";
import type { BotContext } from "../context.js";
import { isOwner } from "../reply.js";

/** Telegram's id of "Group" posting for an anonymous admin (GroupAnonymousBot). */
const ANONYMOUS_ADMIN_BOT_ID = 1_087_968_824;

/**
 * A user's membership of a chat, or null when the bot cannot tell (it is not
 * in that chat, or the chat does not exist): getChatMember answers 400/403 then.
 */
export async function chatMember(
  api: Api,
  chatId: number,
  userId: number,
  signal: AbortSignal,
): Promise<ChatMember | null> {
  try {
    return await api.getChatMember(chatId, userId, apiSignal(signal));
  } catch (error) {
    if (error instanceof GrammyError && (error.error_code === 400 || error.error_code === 403))
      return null;
    throw error;
  }
}

/** True when the membership counts as being in the chat (restricted members included). */
export function isMember(member: ChatMember): boolean {
  if (member.status === "restricted") return member.is_member;
  return (
    member.status === "creator" || member.status === "administrator" || member.status === "member"
  );
}

/** True for the chat's creator and administrators. */
export function isAdmin(member: ChatMember): boolean {
  return member.status === "creator" || member.status === "administrator";
}

/**
 * True when the sender may manage this group: owners, the group's admins, and
 * admins posting anonymously (as the group itself).
 */
export async function isGroupAdmin(ctx: BotContext): Promise<boolean> {
  if (isOwner(ctx)) return true;
  const chatId = ctx.chat?.id;
  const userId = ctx.from?.id;
  if (chatId === undefined || userId === undefined) return false;
  if (userId === ANONYMOUS_ADMIN_BOT_ID && ctx.msg?.sender_chat?.id === chatId) return true;
  const member = await chatMember(ctx.api, chatId, userId, AbortSignal.timeout(10_000));
  return member !== null && isAdmin(member);
}

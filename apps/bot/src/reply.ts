import type { Message } from "grammy/types";
import type { BotContext } from "./context.js";
import { fitMessageText } from "./text-limits.js";

/**
 * Answers the update's message: in groups as a reply to it, so the asker sees
 * which answer is theirs; plain text, so nothing users typed can break markup.
 * A text longer than Telegram allows is cut (and the cut logged), not refused.
 */
export async function answer(ctx: BotContext, text: string): Promise<Message.TextMessage> {
  const messageId = ctx.msg?.message_id;
  const inGroup = ctx.chat?.type === "group" || ctx.chat?.type === "supergroup";
  const fitted = fitMessageText(text);
  if (fitted !== text)
    ctx.log.warn({ lengthUtf16: text.length }, "answer too long for Telegram; sent cut");
  return ctx.reply(
    fitted,
    inGroup && messageId !== undefined
      ? { reply_parameters: { message_id: messageId, allow_sending_without_reply: true } }
      : {},
  );
}

/** True for a user listed in OWNER_IDS. */
export function isOwner(ctx: BotContext): boolean {
  const userId = ctx.from?.id;
  return userId !== undefined && ctx.services.config.OWNER_IDS.includes(userId);
}

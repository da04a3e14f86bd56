import { Composer, type CommandContext } from "grammy";
import type { BotContext } from "../context.js";
import { answer, isOwner } from "../reply.js";
import { isGroupAdmin } from "../services/membership.js";
import { untilDeadline } from "../services/redis-deadline.js";

/**
 * `/forget`: deletes a chat's cached aggregates. In a group for its admins
 * (and owners); in private chat owners may name a chat id (`/forget -100…`).
 */
export const forgetFeature = new Composer<BotContext>();

forgetFeature.chatType(["private", "group", "supergroup"]).command("forget", handleForget);

async function handleForget(ctx: CommandContext<BotContext>): Promise<void> {
  const chatId = await chatToForget(ctx);
  if (chatId === null) return;
  const deleted = await untilDeadline(
    "delete cached statistics",
    ctx.redisSignal,
    ctx.services.cache.forgetBotChat(chatId),
  );
  ctx.log.info({ chatId, deleted }, "cached statistics forgotten");
  await answer(ctx, ctx.t(deleted > 0 ? "forget-done" : "forget-nothing"));
}

/** The chat whose cache the sender may delete, or null after answering why not. */
async function chatToForget(ctx: CommandContext<BotContext>): Promise<number | null> {
  if (ctx.chat.type !== "private") {
    if (await isGroupAdmin(ctx)) return ctx.chat.id;
    await answer(ctx, ctx.t("settings-admins-required"));
    return null;
  }
  const named = ctx.match.trim();
  if (isOwner(ctx) && /^-\d{1,16}$/.test(named)) return Number(named);
  await answer(ctx, ctx.t("forget-private-usage"));
  return null;
}

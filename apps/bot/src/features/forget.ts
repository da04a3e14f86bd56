import { Composer, type CommandContext } from "grammy";
import type { BotContext } from "../context.js";
import { answer, isOwner } from "../reply.js";
import { isGroupAdmin } from "../services/membership.js";
import { untilDeadline } from "../services/redis-deadline.js";
import type { ForgottenChat } from "../services/chat-forgetter.js";

/**
 * Forgetting looks at every job of every queue: more Redis work than an
 * ordinary update's budget, and rare (admins only).
 */
const FORGET_BUDGET_MS = 15_000;

/**
 * `/forget`: deletes everything stored about a chat and says what, kind by
 * kind. In a group for its admins (and owners); in private chat owners may
 * name a chat id (`/forget -100…`).
 */
export const forgetFeature = new Composer<BotContext>();

forgetFeature.chatType(["private", "group", "supergroup"]).command("forget", handleForget);

async function handleForget(ctx: CommandContext<BotContext>): Promise<void> {
  const chat = await chatToForget(ctx);
  if (chat === null) return;
  const outcome = await untilDeadline(
    "forget a chat",
    AbortSignal.timeout(FORGET_BUDGET_MS),
    ctx.services.forgetter.forget(chat),
  );
  ctx.log.info({ chatId: chat.id, ...outcome }, "chat forgotten");
  const { stopped, ...removed } = outcome;
  const nothing = stopped === 0 && Object.values(removed).every((count) => count === 0);
  await answer(ctx, nothing ? ctx.t("forget-nothing") : ctx.t("forget-done", { ...outcome }));
}

/** The chat the sender may forget, or null after answering why not. */
async function chatToForget(ctx: CommandContext<BotContext>): Promise<ForgottenChat | null> {
  if (ctx.chat.type !== "private") {
    if (await isGroupAdmin(ctx)) return { id: ctx.chat.id, username: ctx.chat.username ?? null };
    await answer(ctx, ctx.t("settings-admins-required"));
    return null;
  }
  const named = ctx.match.trim();
  if (isOwner(ctx) && /^-\d{1,16}$/.test(named)) {
    const id = Number(named);
    return { id, username: await publicUsername(ctx, id) };
  }
  await answer(ctx, ctx.t("forget-private-usage"));
  return null;
}

/** The chat's @username, which jobs may name it by; null when it has none or the bot cannot see it. */
async function publicUsername(ctx: BotContext, chatId: number): Promise<string | null> {
  try {
    const chat = await ctx.api.getChat(chatId);
    return "username" in chat ? (chat.username ?? null) : null;
  } catch (error) {
    ctx.log.debug({ err: error, chatId }, "no username for the chat to forget");
    return null;
  }
}

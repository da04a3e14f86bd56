import { Composer } from "grammy";
import type { BotContext } from "../context.js";

/**
 * A basic group upgraded to a supergroup gets a new chat id. Telegram tells
 * the bot in both chats (`migrate_to_chat_id` in the old one,
 * `migrate_from_chat_id` in the new one); either moves the chat's settings
 * (/lang, /tz, admins-only) to the new id, so they keep applying. Moving twice
 * is harmless.
 */
export const chatMigrationFeature = new Composer<BotContext>();

chatMigrationFeature.on("message:migrate_to_chat_id", async (ctx) => {
  await moveSettings(ctx, ctx.chat.id, ctx.message.migrate_to_chat_id);
});

chatMigrationFeature.on("message:migrate_from_chat_id", async (ctx) => {
  await moveSettings(ctx, ctx.message.migrate_from_chat_id, ctx.chat.id);
});

async function moveSettings(ctx: BotContext, fromChatId: number, toChatId: number): Promise<void> {
  try {
    const moved = await ctx.services.settings.move(fromChatId, toChatId, ctx.redisSignal);
    ctx.log.info({ fromChatId, toChatId, moved }, "group upgraded to a supergroup");
  } catch (error) {
    // Nobody asked for anything: there is no one to answer, only the log.
    ctx.log.warn(
      { err: error, fromChatId, toChatId },
      "could not move the settings of an upgraded group",
    );
  }
}

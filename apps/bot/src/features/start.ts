import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { answer } from "../reply.js";

/** `/start` and `/help`: what the bot does, every command with an example, how to add the reader account. */
export const startFeature = new Composer<BotContext>();

startFeature.command(["start", "help"], async (ctx) => {
  await answer(ctx, helpText(ctx));
});

/** The help text in the update's language, naming READER_ACCOUNT when it is configured. */
export function helpText(ctx: BotContext): string {
  const reader = ctx.services.config.READER_ACCOUNT;
  const readerText =
    reader === undefined ? ctx.t("help-reader-unknown") : ctx.t("help-reader", { reader });
  return `${ctx.t("help")}\n\n${readerText}`;
}

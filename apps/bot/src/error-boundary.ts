import type { BotError } from "grammy";
import type { BotContext } from "./context.js";
import { answer } from "./reply.js";
import { RedisUnavailableError } from "./services/redis-deadline.js";

/**
 * What a failed update gets: the user a short apology in their language
 * ("temporarily unavailable" when Redis is the cause), never a stack trace;
 * the log gets the error.
 */
export async function handleUpdateError(error: BotError<BotContext>): Promise<void> {
  const { ctx } = error;
  const cause = error.error;
  const unavailable = cause instanceof RedisUnavailableError;
  if (unavailable) ctx.log.warn({ err: cause }, "Redis unavailable; told the user to retry");
  else ctx.log.error({ err: cause }, "update failed");
  try {
    await answer(ctx, ctx.t(unavailable ? "unavailable" : "error-generic"));
  } catch (replyError) {
    ctx.log.error({ err: replyError }, "could not tell the user about the failure");
  }
}

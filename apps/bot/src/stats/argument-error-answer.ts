import type { BotContext } from "../context.js";
import { answer } from "../reply.js";
import type { StatsArgumentErrorCode } from "./parse-stats-arguments.js";

/**
 * Answers refused `/stats` arguments: what was wrong, then the usage. Nothing
 * is enqueued for such a request.
 */
export async function answerArgumentError(
  ctx: BotContext,
  code: StatsArgumentErrorCode | "unknown-user",
  token: string,
): Promise<void> {
  ctx.log.info({ code, argument: token }, "stats arguments refused");
  await answer(ctx, `${ctx.t(`stats-error-${code}`, { token })}\n\n${ctx.t("stats-usage")}`);
}

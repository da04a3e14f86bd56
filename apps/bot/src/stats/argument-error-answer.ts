import type { BotContext } from "../context.js";
import { answer } from "../reply.js";
import { echoInput } from "../text-limits.js";
import type { StatsArgumentErrorCode } from "./parse-stats-arguments.js";

/**
 * Answers refused `/stats` arguments: what was wrong, then the usage. Nothing
 * is enqueued for such a request. The argument is quoted cut (see {@link echoInput}).
 */
export async function answerArgumentError(
  ctx: BotContext,
  code: StatsArgumentErrorCode | "unknown-user",
  token: string,
): Promise<void> {
  const quoted = echoInput(token);
  ctx.log.info({ code, argument: quoted }, "stats arguments refused");
  await answer(
    ctx,
    `${ctx.t(`stats-error-${code}`, { token: quoted })}\n\n${ctx.t("stats-usage")}`,
  );
}

import {
  readableByAnyAccount,
  STATS_JOB_SCHEMA_VERSION,
  type ReaderAccount,
  type StatsJobInput,
  type StatsTarget,
} from "@tgstats/platform";
import type { BotContext } from "../context.js";
import { answer, isOwner } from "../reply.js";
import type { LimitScope } from "../services/request-limits.js";
import { RedisUnavailableError } from "../services/redis-deadline.js";
import { SHARED_ROUTE, statsDeduplicationId } from "../services/stats-producer.js";

/** A checked and authorised request: what to compute, on which chat. */
export interface StatsRequest {
  target: StatsTarget;
  timeZone: string;
  fromDate: string | null;
  toDate: string | null;
  /** Sender key (`user123`) or null for everyone. */
  sender: string | null;
}

/** How a request ended, for the log and for tests. */
export type StatsRequestOutcome =
  | { kind: "enqueued"; jobId: string; ahead: number }
  | { kind: "joined"; jobId: string }
  | { kind: "rate-limited"; scope: LimitScope; retryAfterMs: number }
  | { kind: "no-reader" }
  | { kind: "unavailable" };

/**
 * Turns a request into a job, answering at once: the queue of an account
 * that can read the chat (or how to add one) → rate limits (owners are
 * exempt) → an identical running job is joined → a "Queued, N ahead" status
 * message → the job, carrying that message's id so the worker edits it.
 *
 * The user's budget counts every request; the chat's counts new jobs only, so
 * members who ask for what is already being computed are all answered.
 */
export async function requestStats(
  ctx: BotContext,
  request: StatsRequest,
): Promise<StatsRequestOutcome> {
  const { limits, producer } = ctx.services;
  const signal = ctx.redisSignal;
  const owner = isOwner(ctx);
  const userId = ctx.from!.id;
  const chatId = ctx.chat!.id;
  const data = jobData(ctx, request);
  let route = await producer.route(data.target, signal);
  if (route.kind === "no-reader") {
    // A public group needs no member account: any account reads it by its @username.
    const chat = ctx.chat!;
    if (chat.type === "private" || !readableByAnyAccount(chat) || data.target.kind !== "bot-chat")
      return noReader(ctx, route.accounts);
    data.target = { kind: "username", username: chat.username, chatId };
    route = SHARED_ROUTE;
  }
  const { queueName } = route;
  const deduplicationId = statsDeduplicationId(data);
  // Independent reads in one round trip; the queue length is wasted only on refusals.
  const [userLimited, runningId, ahead] = await Promise.all([
    owner ? null : limits.consume("user", userId, signal),
    producer.runningJobId(queueName, deduplicationId, signal),
    producer.jobsAhead(queueName, signal),
  ]);
  if (userLimited !== null) return rateLimited(ctx, "user", userLimited);
  if (runningId !== null) {
    await answer(ctx, ctx.t("stats-already-running"));
    return logged(ctx, { kind: "joined", jobId: runningId });
  }
  if (!owner) {
    const limited = await limits.consume("chat", chatId, signal);
    if (limited !== null) return rateLimited(ctx, "chat", limited);
  }
  const status = await answer(ctx, ctx.t("stats-queued", { ahead }));
  data.reply.statusMessageId = status.message_id;
  try {
    const outcome = await producer.enqueue(queueName, data, deduplicationId, signal);
    if (!outcome.deduplicated)
      return logged(ctx, { kind: "enqueued", jobId: outcome.jobId, ahead });
    // An identical request was enqueued between our check and our add.
    await ctx.api.editMessageText(chatId, status.message_id, ctx.t("stats-already-running"));
    return logged(ctx, { kind: "joined", jobId: outcome.jobId });
  } catch (error) {
    if (!(error instanceof RedisUnavailableError)) throw error;
    // The status message already promised a result: correct it rather than send another.
    ctx.log.warn({ err: error }, "Redis failed after the status message; job not enqueued");
    await ctx.api.editMessageText(chatId, status.message_id, ctx.t("unavailable"));
    return { kind: "unavailable" };
  }
}

function jobData(
  ctx: BotContext,
  request: StatsRequest,
): StatsJobInput & {
  reply: { statusMessageId: number | null };
} {
  return {
    schemaVersion: STATS_JOB_SCHEMA_VERSION,
    requester: { userId: ctx.from!.id, languageCode: ctx.from!.language_code ?? null },
    target: request.target,
    reply: {
      chatId: ctx.chat!.id,
      statusMessageId: null,
      language: ctx.language,
      htmlPage: ctx.chatSettings.htmlPage,
    },
    options: {
      timeZone: request.timeZone,
      fromDate: request.fromDate,
      toDate: request.toDate,
      sender: request.sender,
    },
    checkpoint: null,
  };
}

/** Tells the requester no reader account is in the chat, and whom to add. */
async function noReader(
  ctx: BotContext,
  accounts: readonly ReaderAccount[],
): Promise<StatsRequestOutcome> {
  const named = accounts.flatMap((account) =>
    account.username === null ? [] : [`@${account.username}`],
  );
  const minutes = Math.ceil(ctx.services.config.READABLE_CHATS_REFRESH_MS / 60_000);
  await answer(
    ctx,
    named.length === 0
      ? ctx.t("stats-no-reader-unnamed")
      : ctx.t("stats-no-reader", { accounts: named.join(", "), minutes }),
  );
  return logged(ctx, { kind: "no-reader" });
}

async function rateLimited(
  ctx: BotContext,
  scope: LimitScope,
  retryAfterMs: number,
): Promise<StatsRequestOutcome> {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const wait =
    seconds < 60
      ? { unit: "seconds", count: seconds }
      : { unit: "minutes", count: Math.ceil(seconds / 60) };
  await answer(ctx, ctx.t(scope === "user" ? "rate-limited-user" : "rate-limited-chat", wait));
  return logged(ctx, { kind: "rate-limited", scope, retryAfterMs });
}

function logged(ctx: BotContext, outcome: StatsRequestOutcome): StatsRequestOutcome {
  ctx.log.info({ outcome }, "stats request");
  return outcome;
}

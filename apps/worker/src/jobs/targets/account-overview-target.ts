import type { StatsJobData, StatsJobResult } from "@tgstats/platform";
import type { HistoryAccount } from "../history-account.js";
import type { JobAttempt, Refusal } from "../job-attempt.js";
import type { JobTexts } from "../job-texts.js";
import { formatOverviewText } from "../overview-text.js";
import { DELIVERY_TIMEOUT_MS, type StatsReply } from "../stats-reply.js";

/**
 * Answers an account-overview job: the account's chats ranked by message
 * count, in place of the status message. Only for an owner, in the owner's
 * own private chat: it lists every chat of the account.
 */
export async function answerAccountOverview(
  account: HistoryAccount,
  ownerIds: readonly number[],
  attempt: JobAttempt<StatsJobData>,
  reply: StatsReply,
): Promise<StatsJobResult> {
  const { data, log, signal } = attempt;
  if (!overviewAllowed(data, ownerIds)) {
    log.warn({ step: "overview", requester: data.requester.userId }, "overview refused");
    throw new OverviewNotAllowedError(data.requester.userId);
  }
  log.info({ step: "overview" }, "counting messages per chat");
  const chats = await account.accountOverview(signal);
  const text = formatOverviewText(chats, data.reply.language);
  await attempt.keepLock();
  const id = await reply.status.replace(text, AbortSignal.timeout(DELIVERY_TIMEOUT_MS));
  return reply.delivered({
    accountId: account.me.id,
    chatId: account.me.id,
    messages: 0,
    fetchedMessages: 0,
    historyRequests: 0,
    fromCache: true,
    deliveredMessageIds: [id],
  });
}

/** The overview goes only to an owner, in the owner's own private chat. */
function overviewAllowed(data: StatsJobData, ownerIds: readonly number[]): boolean {
  const { userId } = data.requester;
  return ownerIds.includes(userId) && data.reply.chatId === userId;
}

/** The overview was asked by someone not an owner, or for another chat than the owner's own. */
export class OverviewNotAllowedError extends Error {
  constructor(readonly requesterId: number) {
    super("the account overview is for owners, in their private chat");
    this.name = "OverviewNotAllowedError";
  }
}

/**
 * The refusal of an overview not allowed, told once (a refusal is final: the
 * generic "could not be computed" must not replace it); null for any other error.
 */
export function accountOverviewRefusal(error: unknown, texts: JobTexts): Refusal | null {
  if (!(error instanceof OverviewNotAllowedError)) return null;
  return { text: texts.overviewNotAllowed, reason: error.message };
}

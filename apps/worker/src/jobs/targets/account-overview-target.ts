import {
  ChatTally,
  DEFAULT_PULSE_MONTHS,
  monthIndexOfDay,
  monthStartsUnix,
  toPulseJson,
  ZoneClock,
  type ChatOverview,
  type PulseJson,
} from "@tgstats/engine";
import type { StatsJobData, StatsJobResult } from "@tgstats/platform";
import type { HistoryAccount } from "../history-account.js";
import type { JobAttempt, Refusal } from "../job-attempt.js";
import type { JobTexts } from "../job-texts.js";
import { formatOverviewText } from "../overview-text.js";
import { DELIVERY_TIMEOUT_MS, type StatsReply } from "../stats-reply.js";

/**
 * Answers an account-overview job: the account's chats ranked by message
 * count, in place of the status message, then the account's pulse (messages
 * per chat per month, trends) as two charts. Counted without reading any
 * history: `1 + 24` requests a dialog. Only for an owner, in the owner's own
 * private chat: it lists every chat of the account.
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
  log.info({ step: "overview" }, "counting messages per chat and month");
  const clock = new ZoneClock(data.options.timeZone);
  const lastMonth = monthIndexOfDay(clock.dayIndex(Math.floor(Date.now() / 1000)));
  const starts = monthStartsUnix(clock, lastMonth, DEFAULT_PULSE_MONTHS);
  const chats = await account.accountPeriodCounts(starts, signal);
  const text = formatOverviewText(byMessages(chats), data.reply.language);
  await attempt.keepLock();
  const id = await reply.status.replace(text, AbortSignal.timeout(DELIVERY_TIMEOUT_MS));
  const pulse = accountPulse(chats, lastMonth, clock.name);
  const chartIds = pulse.chats.length === 0 ? [] : await reply.deliverPulse(pulse);
  return reply.delivered({
    accountId: account.me.id,
    chatId: account.me.id,
    messages: 0,
    fetchedMessages: 0,
    historyRequests: 0,
    fromCache: true,
    deliveredMessageIds: [id, ...chartIds],
  });
}

/** Most messages first. */
function byMessages<T extends ChatOverview>(chats: readonly T[]): T[] {
  return [...chats].sort((a, b) => b.messages - a.messages || a.id - b.id);
}

/** The pulse of the counted dialogs: months from the counts, the total from `count` (all time). */
function accountPulse(
  chats: readonly (ChatOverview & { counts: number[] })[],
  lastMonth: number,
  timeZoneName: string,
): PulseJson {
  const firstMonth = lastMonth - DEFAULT_PULSE_MONTHS + 1;
  const tallies = chats.map((chat) => {
    const tally = new ChatTally(chat);
    chat.counts.forEach((count, index) => tally.count(firstMonth + index, count));
    // All time: Telegram's count reaches further back than the months counted.
    tally.total = chat.messages;
    return tally;
  });
  // Whose messages are whose needs reading or a search per sender: not counted here.
  return toPulseJson(tallies, { timeZoneName, ownerId: null, lastMonth });
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

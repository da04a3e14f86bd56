import {
  ChatTally,
  DEFAULT_PULSE_MONTHS,
  toPulseJson,
  ZoneClock,
  type ChatOverview,
  type PulseJson,
} from "@tgstats/engine";
import type { ChatFence, PulseCountCache, StatsJobData, StatsJobResult } from "@tgstats/platform";
import type { HistoryAccount } from "../history-account.js";
import type { JobAttempt, Refusal } from "../job-attempt.js";
import type { JobTexts } from "../job-texts.js";
import { formatOverviewText } from "../overview-text.js";
import {
  countAccountPulse,
  pulseMonths,
  type CountedDialog,
  type PulseMonths,
} from "../pulse/pulse-counter.js";
import { DELIVERY_TIMEOUT_MS, type StatsReply } from "../stats-reply.js";

/** What the account overview is answered with. */
export interface AccountOverviewDeps {
  account: HistoryAccount;
  ownerIds: readonly number[];
  /** Counts taken before (see {@link countAccountPulse}). */
  pulseCounts?: PulseCountCache;
  /** Keeps /forget holding against the counts stored while the overview runs. */
  fence: ChatFence;
}

/**
 * Answers an account-overview job: the account's chats ranked by message
 * count, in place of the status message, then the account's pulse (messages
 * per chat per month, trends, the owner's share) as charts. Counted from
 * Telegram's counts, small chats page by page (see {@link countAccountPulse}). Only for an owner, in
 * the owner's own private chat: it lists every chat of the account.
 */
export async function answerAccountOverview(
  deps: AccountOverviewDeps,
  attempt: JobAttempt<StatsJobData>,
  reply: StatsReply,
): Promise<StatsJobResult> {
  const { data, log, signal } = attempt;
  const { account } = deps;
  if (!overviewAllowed(data, deps.ownerIds)) {
    log.warn({ step: "overview", requester: data.requester.userId }, "overview refused");
    throw new OverviewNotAllowedError(data.requester.userId);
  }
  log.info({ step: "overview" }, "counting messages per chat and month");
  const clock = new ZoneClock(data.options.timeZone);
  const months = pulseMonths(clock, Math.floor(Date.now() / 1000), DEFAULT_PULSE_MONTHS);
  const texts = reply.requester.texts;
  const dialogs = await countAccountPulse(
    {
      account,
      cache: deps.pulseCounts,
      fence: async (botApiChatId) =>
        deps.fence.writer(await deps.fence.token(botApiChatId, attempt.jobKey)),
      timeZone: clock.name,
      onDialog: async (done, total) => {
        await attempt.keepLock();
        await reply.status.progress(texts.countingChats(done, total));
      },
    },
    months,
    signal,
  );
  const text = formatOverviewText(byMessages(dialogs.map(overviewOf)), data.reply.language);
  await attempt.keepLock();
  const id = await reply.status.replace(text, AbortSignal.timeout(DELIVERY_TIMEOUT_MS));
  const pulse = accountPulse(dialogs, months, clock.name, account.me.id);
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

function overviewOf(dialog: CountedDialog): ChatOverview {
  const { id, name, type } = dialog.info;
  return { id, name, type, messages: dialog.total };
}

/** Most messages first. */
function byMessages<T extends ChatOverview>(chats: readonly T[]): T[] {
  return [...chats].sort((a, b) => b.messages - a.messages || a.id - b.id);
}

/** The pulse of the counted dialogs: months from the counts, the total from `count` (all time). */
function accountPulse(
  dialogs: readonly CountedDialog[],
  months: PulseMonths,
  timeZoneName: string,
  ownerId: number,
): PulseJson {
  const tallies = dialogs.map((dialog) => {
    const tally = new ChatTally(dialog.info);
    for (const [month, count] of dialog.months) tally.count(month, count.messages, count.own);
    // All time: Telegram's count reaches further back than the months counted.
    tally.total = dialog.total;
    return tally;
  });
  return toPulseJson(tallies, { timeZoneName, ownerId, lastMonth: months.indexes.at(-1) ?? 0 });
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

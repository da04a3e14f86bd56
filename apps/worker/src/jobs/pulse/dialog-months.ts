import { isBroadcastChannel } from "@tgstats/engine";
import type { MonthCount } from "@tgstats/platform";
import { ChatNotAccessibleError } from "../../mtproto/errors.js";
import type { AccountDialog, HistoryAccount, HistoryChat } from "../history-account.js";
import type { CountedDialog, KnownCounts, PulseMonths } from "./pulse-counter.js";

/** What counting one dialog asks of the account. */
export type DialogCountingAccount<Chat extends HistoryChat> = Pick<
  HistoryAccount<Chat>,
  "me" | "countMessagesAt" | "countOwnMessages" | "fetchHistoryPage"
>;

/** Messages per history page. */
const PAGE_SIZE = 100;

/**
 * One dialog's months: the known ones as they are, the others ("asked")
 * counted the cheaper of two ways, judged after one request — the history
 * position at the oldest asked month start, which gives the messages since:
 * - reading those messages, 100 a page, when that takes no more requests
 *   than counting (most small chats);
 * - else positions at the other month starts (`before(next start) −
 *   before(start)`, the running month up to `count`), newest first and
 *   stopping where nothing is left below, plus one `messages.search` from
 *   the account per month with messages for its own share (not in
 *   channels, whose posts are the channel's).
 * Month starts after the dialog's last message need no request. Both ways
 * count service messages, as Telegram's positions do; the own share counts
 * only what the account wrote, as search finds it.
 *
 * @returns null when the account can no longer read the chat
 */
export async function countDialog<Chat extends HistoryChat>(
  account: DialogCountingAccount<Chat>,
  dialog: AccountDialog<Chat>,
  months: PulseMonths,
  known: KnownCounts,
  signal: AbortSignal,
): Promise<CountedDialog | null> {
  const { chat, lastMessage } = dialog;
  const base = { info: chat.info, botApiId: chat.botApiId };
  // No last message in the dialog list (left out, or empty): every start may split the history.
  const lastUnix = lastMessage?.dateUnix ?? Number.POSITIVE_INFINITY;
  const asked = months.indexes.flatMap((month, index) => (known.months.has(month) ? [] : [index]));
  const starts = [...new Set(asked.flatMap((index) => [index, index + 1]))]
    .filter((index) => (months.startsUnix[index] ?? Infinity) <= lastUnix)
    .sort((a, b) => a - b);
  try {
    const counted =
      starts.length === 0
        ? null
        : await countAsked(account, chat, months, asked, starts, lastUnix, signal);
    // After the last message, or with no date at all (0: no offset), the position's count is the total.
    const totalAt = lastMessage === null ? 0 : lastMessage.dateUnix + 1;
    const total =
      counted?.total ?? known.total ?? (await account.countMessagesAt(chat, totalAt, signal)).total;
    const counts = new Map<number, MonthCount>();
    for (const month of months.indexes)
      counts.set(month, known.months.get(month) ?? counted?.months.get(month) ?? EMPTY_MONTH);
    return { ...base, total, months: counts };
  } catch (error) {
    if (error instanceof ChatNotAccessibleError) return null;
    throw error;
  }
}

const EMPTY_MONTH: MonthCount = { messages: 0, own: 0 };

/** The asked months (those with messages) and the total, the cheaper way. */
async function countAsked<Chat extends HistoryChat>(
  account: DialogCountingAccount<Chat>,
  chat: Chat,
  months: PulseMonths,
  asked: readonly number[],
  starts: readonly number[],
  lastUnix: number,
  signal: AbortSignal,
): Promise<{ total: number; months: Map<number, MonthCount> }> {
  const oldest = starts[0]!;
  const first = await account.countMessagesAt(chat, months.startsUnix[oldest]!, signal);
  const since = first.total - first.before;
  // Months that start after the last message are empty: never searched.
  const searched = asked.filter((index) => months.startsUnix[index]! <= lastUnix).length;
  const counting = starts.length - 1 + (isBroadcast(chat) ? 0 : searched);
  // The read ends on a page that shows an older message, or a short one: one more when it divides.
  const pages = Math.floor(since / PAGE_SIZE) + 1;
  const counted =
    pages <= counting
      ? await readMonths(account, chat, months, oldest, signal)
      : await positionMonths(account, chat, months, asked, starts, first, signal);
  return { total: first.total, months: counted };
}

/** The months from the oldest start on, by reading every message since it, newest first. */
async function readMonths<Chat extends HistoryChat>(
  account: DialogCountingAccount<Chat>,
  chat: Chat,
  months: PulseMonths,
  oldest: number,
  signal: AbortSignal,
): Promise<Map<number, MonthCount>> {
  const fromUnix = months.startsUnix[oldest]!;
  const broadcast = isBroadcast(chat);
  const counts = new Map<number, MonthCount>();
  for (let offsetId: number | null = 0; offsetId !== null;) {
    const page = await account.fetchHistoryPage(chat, { offsetId, limit: PAGE_SIZE }, signal);
    offsetId = page.nextOffsetId;
    for (const message of page.messages) {
      if (message.dateUnix < fromUnix) return counts;
      const month = monthOf(months, message.dateUnix);
      if (month === null) continue;
      const count = counts.get(month) ?? { messages: 0, own: broadcast ? null : 0 };
      count.messages++;
      const sender = message.sender;
      const mine = sender?.kind === "user" && sender.id === account.me.id;
      if (count.own !== null && mine && message.kind !== "service") count.own++;
      counts.set(month, count);
    }
  }
  return counts;
}

/** The month index of a date within the shown months, or null before them. */
function monthOf(months: PulseMonths, dateUnix: number): number | null {
  let found: number | null = null;
  for (const [index, startUnix] of months.startsUnix.entries())
    if (startUnix <= dateUnix) found = months.indexes[index] ?? null;
  return found;
}

/**
 * The asked months from history positions at their starts, newest first: a
 * start with as many messages before it as the oldest one has shows that no
 * month between them has any, so the rest is not asked.
 */
async function positionMonths<Chat extends HistoryChat>(
  account: DialogCountingAccount<Chat>,
  chat: Chat,
  months: PulseMonths,
  asked: readonly number[],
  starts: readonly number[],
  first: { total: number; before: number },
  signal: AbortSignal,
): Promise<Map<number, MonthCount>> {
  const before = new Map<number, number>([[starts[0]!, first.before]]);
  let cutOff = false;
  for (const index of starts.slice(1).reverse()) {
    if (cutOff) {
      before.set(index, first.before);
      continue;
    }
    const at = await account.countMessagesAt(chat, months.startsUnix[index]!, signal);
    before.set(index, at.before);
    cutOff = at.before === first.before;
  }
  // A start not among them lies after the last message, or is "now": everything is before it.
  const beforeStart = (index: number): number => before.get(index) ?? first.total;
  const counts = new Map<number, MonthCount>();
  for (const index of asked) {
    const messages = Math.max(0, beforeStart(index + 1) - beforeStart(index));
    const month = months.indexes[index]!;
    if (messages === 0) continue;
    if (isBroadcast(chat)) {
      counts.set(month, { messages, own: null });
      continue;
    }
    const fromUnix = months.startsUnix[index]!;
    const toUnix = months.startsUnix[index + 1] ?? null;
    const own = await account.countOwnMessages(chat, { fromUnix, toUnix }, signal);
    counts.set(month, { messages, own: Math.min(own, messages) });
  }
  return counts;
}

/** A broadcast channel: its posts are the channel's, no one's own. */
function isBroadcast(chat: HistoryChat): boolean {
  return isBroadcastChannel(chat.info.type);
}

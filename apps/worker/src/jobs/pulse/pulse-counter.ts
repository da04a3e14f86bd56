import {
  chatCacheScope,
  type MonthCount,
  type PulseCountCache,
  type StoredPulseCounts,
} from "@tgstats/platform";
import type { ChatInfo } from "@tgstats/engine";
import { ChatNotAccessibleError } from "../../mtproto/errors.js";
import type { AccountDialog, HistoryAccount, HistoryChat } from "../history-account.js";

/** One dialog counted by {@link countAccountPulse}. */
export interface CountedDialog {
  info: ChatInfo;
  botApiId: number;
  /** Messages in the chat, all time (service messages included). */
  total: number;
  /** Every month of the window by month index (since 1970-01), months without messages as 0. */
  months: Map<number, MonthCount>;
}

/** The months to count: their indexes and first seconds, oldest first, the last one running now. */
export interface PulseMonths {
  indexes: readonly number[];
  startsUnix: readonly number[];
}

/** What is already known of a dialog's months. */
export interface KnownCounts {
  months: ReadonlyMap<number, MonthCount>;
  /** The all-time total, when nothing was added since it was taken; else null. */
  total: number | null;
}

/** What {@link countAccountPulse} is given. */
export interface PulseCountDeps<Chat extends HistoryChat> {
  account: Pick<
    HistoryAccount<Chat>,
    "me" | "accountDialogs" | "countMessagesAt" | "countOwnMessages"
  >;
  /** Counts taken before; without it every month is asked each time. */
  cache?: PulseCountCache;
  timeZone: string;
  /** Called after each dialog, e.g. to show progress and keep the job's lock. */
  onDialog?: (done: number, dialogs: number) => Promise<void>;
}

/**
 * Messages per month of every dialog the account can address, without
 * reading history (see {@link countDialog}). What the cache knows is not
 * asked again (see {@link knownCounts}), and each dialog goes into the cache
 * as soon as it is counted, so a repeat, or a job resumed after a flood wait
 * or a crash, asks only for what changed. Dialogs the account can no longer
 * read are left out.
 */
export async function countAccountPulse<Chat extends HistoryChat>(
  deps: PulseCountDeps<Chat>,
  months: PulseMonths,
  signal: AbortSignal,
): Promise<CountedDialog[]> {
  const dialogs = await deps.account.accountDialogs(signal);
  const counted: CountedDialog[] = [];
  for (const [index, dialog] of dialogs.entries()) {
    const result = await countDialogCached(deps, dialog, months, signal);
    if (result !== null) counted.push(result);
    await deps.onDialog?.(index + 1, dialogs.length);
  }
  return counted;
}

async function countDialogCached<Chat extends HistoryChat>(
  deps: PulseCountDeps<Chat>,
  dialog: AccountDialog<Chat>,
  months: PulseMonths,
  signal: AbortSignal,
): Promise<CountedDialog | null> {
  const { account, cache, timeZone } = deps;
  const scope = chatCacheScope(dialog.chat.info, account.me.id);
  const stored = (await cache?.load(scope, account.me.id, timeZone)) ?? null;
  const counted = await countDialog(account, dialog, months, knownCounts(stored, dialog), signal);
  const runningMonth = months.indexes.at(-1);
  if (counted === null || dialog.lastMessage === null || runningMonth === undefined) return counted;
  await cache?.save(scope, account.me.id, timeZone, {
    lastMessageId: dialog.lastMessage.id,
    total: counted.total,
    runningMonth,
    months: counted.months,
  });
  return counted;
}

/**
 * What stored counts still tell: every month and the total while the chat's
 * last message is the one it had then (nothing was added since); otherwise
 * the months that had ended then (only deletions change those).
 */
export function knownCounts(
  stored: StoredPulseCounts | null,
  dialog: Pick<AccountDialog, "lastMessage">,
): KnownCounts {
  if (stored === null) return { months: new Map(), total: null };
  if (dialog.lastMessage !== null && stored.lastMessageId === dialog.lastMessage.id)
    return { months: stored.months, total: stored.total };
  const ended = [...stored.months].filter(([month]) => month < stored.runningMonth);
  return { months: new Map(ended), total: null };
}

/**
 * One dialog's months: the known ones as they are; the others from
 * `getHistory` positions at month starts (`before(next start) − before(start)`,
 * the running month up to `count`), one request per start asked. A start
 * after the dialog's last message needs none: everything is before it. The
 * account's own messages of each asked month with messages: one search each
 * (not in channels, whose posts are the channel's).
 *
 * @returns null when the account can no longer read the chat
 */
export async function countDialog<Chat extends HistoryChat>(
  account: Pick<HistoryAccount<Chat>, "countMessagesAt" | "countOwnMessages">,
  dialog: AccountDialog<Chat>,
  months: PulseMonths,
  known: KnownCounts,
  signal: AbortSignal,
): Promise<CountedDialog | null> {
  const { chat, lastMessage } = dialog;
  const base = { info: chat.info, botApiId: chat.botApiId };
  if (lastMessage === null) return { ...base, total: 0, months: new Map() };
  const asked = months.indexes.flatMap((month, index) => (known.months.has(month) ? [] : [index]));
  try {
    const positions = await monthPositions(
      account,
      chat,
      months,
      asked,
      lastMessage.dateUnix,
      signal,
    );
    // No start split the history: the total alone is needed.
    const total =
      positions.total ??
      known.total ??
      (await account.countMessagesAt(chat, lastMessage.dateUnix + 1, signal)).total;
    const counts = new Map<number, MonthCount>();
    for (const [index, month] of months.indexes.entries()) {
      const count =
        known.months.get(month) ??
        (await askedMonth(account, chat, months, index, positions.before, total, signal));
      counts.set(month, count);
    }
    return { ...base, total, months: counts };
  } catch (error) {
    if (error instanceof ChatNotAccessibleError) return null;
    throw error;
  }
}

/** Messages before each start that bounds an asked month and splits the history, and the total they came with. */
async function monthPositions<Chat extends HistoryChat>(
  account: Pick<HistoryAccount<Chat>, "countMessagesAt">,
  chat: Chat,
  months: PulseMonths,
  asked: readonly number[],
  lastUnix: number,
  signal: AbortSignal,
): Promise<{ before: Map<number, number>; total: number | null }> {
  const before = new Map<number, number>();
  let total: number | null = null;
  const starts = [...new Set(asked.flatMap((index) => [index, index + 1]))].sort((a, b) => a - b);
  for (const index of starts) {
    const startUnix = months.startsUnix[index];
    if (startUnix === undefined || startUnix > lastUnix) continue;
    const at = await account.countMessagesAt(chat, startUnix, signal);
    total = at.total;
    before.set(index, at.before);
  }
  return { before, total };
}

async function askedMonth<Chat extends HistoryChat>(
  account: Pick<HistoryAccount<Chat>, "countOwnMessages">,
  chat: Chat,
  months: PulseMonths,
  index: number,
  positions: ReadonlyMap<number, number>,
  total: number,
  signal: AbortSignal,
): Promise<MonthCount> {
  // A start not asked lies after the last message (or is "now"): everything is before it.
  const before = (at: number) => positions.get(at) ?? total;
  const messages = Math.max(0, before(index + 1) - before(index));
  if (messages === 0) return { messages, own: 0 };
  if (isBroadcast(chat)) return { messages, own: null };
  const fromUnix = months.startsUnix[index] ?? 0;
  const toUnix = months.startsUnix[index + 1] ?? null;
  const own = await account.countOwnMessages(chat, { fromUnix, toUnix }, signal);
  return { messages, own: Math.min(own, messages) };
}

/** A broadcast channel: its posts are the channel's, no one's own. */
function isBroadcast(chat: HistoryChat): boolean {
  return chat.info.type === "private_channel" || chat.info.type === "public_channel";
}

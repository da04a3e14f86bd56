import { chatCacheScope, type MonthCount, type PulseCountCache } from "@tgstats/platform";
import type { ChatInfo } from "@tgstats/engine";
import { ChatNotAccessibleError } from "../../mtproto/errors.js";
import type { HistoryAccount, HistoryChat } from "../history-account.js";

/** One dialog counted by {@link countAccountPulse}. */
export interface CountedDialog {
  info: ChatInfo;
  botApiId: number;
  /** Messages in the chat, all time (service messages included). */
  total: number;
  /** The counted months by month index (since 1970-01); months without a message are absent. */
  months: Map<number, MonthCount>;
}

/** The months to count: their indexes and first seconds, oldest first, the last one running now. */
export interface PulseMonths {
  indexes: readonly number[];
  startsUnix: readonly number[];
}

/** What {@link countAccountPulse} is given. */
export interface PulseCountDeps<Chat extends HistoryChat> {
  account: Pick<
    HistoryAccount<Chat>,
    "me" | "accountDialogs" | "countMessagesAt" | "countOwnMessages"
  >;
  /** Ended months counted before; without it every month is asked each time. */
  cache?: PulseCountCache;
  timeZone: string;
  /** Called after each dialog, e.g. to show progress and keep the job's lock. */
  onDialog?: (done: number, dialogs: number) => Promise<void>;
}

/**
 * Messages per month of every dialog the account can address, without
 * reading history (see {@link countDialog}); ended months come from the cache
 * when it has them and go into it as soon as a dialog is counted, so a
 * repeat (or a job resumed after a crash or a flood wait) asks only for what
 * is missing. Dialogs the account can no longer read are left out.
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
  dialog: { chat: Chat; lastMessageDateUnix: number | null },
  months: PulseMonths,
  signal: AbortSignal,
): Promise<CountedDialog | null> {
  const { account, cache, timeZone } = deps;
  const scope = chatCacheScope(dialog.chat.info, account.me.id);
  const known =
    (await cache?.load(scope, account.me.id, timeZone)) ?? new Map<number, MonthCount>();
  const counted = await countDialog(account, dialog, months, known, signal);
  if (counted === null) return null;
  const current = months.indexes.at(-1);
  const ended = new Map([...counted.months].filter(([month]) => month !== current));
  // Ended months without messages are stored too (as 0): otherwise they would be asked again.
  for (const month of months.indexes)
    if (month !== current && !ended.has(month)) ended.set(month, { messages: 0, own: 0 });
  await cache?.save(scope, account.me.id, timeZone, ended);
  return counted;
}

/**
 * One dialog's months: cached ended months as they are; the others from
 * `getHistory` positions at month starts (`before(next start) − before(start)`,
 * the running month up to `count`), one request per start asked. A start
 * after the dialog's last message needs none: everything is before it. The
 * account's own messages of each month with messages: one search each
 * (not in channels, whose posts are the channel's).
 *
 * @returns null when the account can no longer read the chat
 */
export async function countDialog<Chat extends HistoryChat>(
  account: Pick<HistoryAccount<Chat>, "countMessagesAt" | "countOwnMessages">,
  dialog: { chat: Chat; lastMessageDateUnix: number | null },
  months: PulseMonths,
  known: ReadonlyMap<number, MonthCount>,
  signal: AbortSignal,
): Promise<CountedDialog | null> {
  const { chat, lastMessageDateUnix: lastUnix } = dialog;
  const base = { info: chat.info, botApiId: chat.botApiId };
  if (lastUnix === null) return { ...base, total: 0, months: new Map() };
  const current = months.indexes.length - 1;
  const asked = months.indexes.flatMap((month, index) =>
    index === current || !known.has(month) ? [index] : [],
  );
  const positions = new Map<number, number>();
  let total: number | null = null;
  // A start at or before the last message splits the history: ask where.
  const starts = new Set(asked.flatMap((index) => [index, index + 1]));
  try {
    for (const index of [...starts].sort((a, b) => a - b)) {
      const startUnix = months.startsUnix[index];
      if (startUnix === undefined || startUnix > lastUnix) continue;
      const at = await account.countMessagesAt(chat, startUnix, signal);
      total = at.total;
      positions.set(index, at.before);
    }
    // No start split the history: every asked month is empty; the total alone is needed.
    total ??= (await account.countMessagesAt(chat, lastUnix + 1, signal)).total;
    const result = new Map<number, MonthCount>();
    for (const [index, month] of months.indexes.entries()) {
      const cached = asked.includes(index) ? undefined : known.get(month);
      const count =
        cached ?? (await askedMonth(account, chat, months, index, positions, total, signal));
      if (count.messages > 0) result.set(month, count);
    }
    return { ...base, total, months: result };
  } catch (error) {
    if (error instanceof ChatNotAccessibleError) return null;
    throw error;
  }
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

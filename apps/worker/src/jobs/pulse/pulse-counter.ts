import {
  ChatForgottenError,
  chatCacheScope,
  type FencedWriter,
  type MonthCount,
  type PulseCountCache,
  type StoredPulseCounts,
} from "@tgstats/platform";
import { monthIndexOfDay, monthStartsUnix, type ChatInfo, type ZoneClock } from "@tgstats/engine";
import type { AccountDialog, HistoryAccount, HistoryChat } from "../history-account.js";
import { realSleep, type Sleep } from "../../mtproto/request-runner.js";
import { countDialog } from "./dialog-months.js";
import { patientAccount } from "./patient-account.js";

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

/**
 * The `count` local months ending with the one running at `nowUnix`.
 *
 * @example pulseMonths(new ZoneClock("UTC"), Date.parse("2026-03-05") / 1000, 3).indexes // Jan–Mar 2026
 */
export function pulseMonths(clock: ZoneClock, nowUnix: number, count: number): PulseMonths {
  const lastMonth = monthIndexOfDay(clock.dayIndex(nowUnix));
  const startsUnix = monthStartsUnix(clock, lastMonth, count);
  const indexes = startsUnix.map((_, index) => lastMonth - count + 1 + index);
  return { indexes, startsUnix };
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
    "me" | "accountDialogs" | "countMessagesAt" | "countOwnMessages" | "fetchHistoryPage"
  >;
  /** Counts taken before; without it every month is asked each time. */
  cache?: PulseCountCache;
  /**
   * A fenced writer for the chat (see ChatFence), taken before it is counted:
   * a chat forgotten (/forget) meanwhile is counted but not stored.
   */
  fence?: (botApiChatId: number) => Promise<FencedWriter>;
  timeZone: string;
  /** How flood waits are waited out (default real time; benchmarks pass a virtual clock's). */
  sleep?: Sleep;
  /** Called after each dialog, e.g. to show progress and keep the job's lock. */
  onDialog?: (done: number, dialogs: number) => Promise<void>;
}

/**
 * Messages per month of every dialog the account can address, from
 * Telegram's counts or, for small chats, a page read that keeps nothing but
 * the counts (see {@link countDialog}); flood waits of up to a minute
 * are waited out (see {@link patientAccount}). What the cache knows is not
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
  const writer = cache === undefined ? undefined : await deps.fence?.(dialog.chat.botApiId);
  const stored = (await cache?.load(scope, account.me.id, timeZone)) ?? null;
  const patient = patientAccount(account, deps.sleep ?? realSleep, signal);
  const counted = await countDialog(patient, dialog, months, knownCounts(stored, dialog), signal);
  const runningMonth = months.indexes.at(-1);
  if (counted === null || dialog.lastMessage === null || runningMonth === undefined) return counted;
  const counts = {
    lastMessageId: dialog.lastMessage.id,
    total: counted.total,
    runningMonth,
    months: counted.months,
  };
  try {
    await cache?.save(scope, account.me.id, timeZone, counts, writer);
  } catch (error) {
    if (!(error instanceof ChatForgottenError)) throw error;
  }
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

import type { Message } from "@tgstats/engine";
import type { HistoryAccount, HistoryChat } from "./history-account.js";

/** Messages asked per history request: GetHistory's most. */
export const HISTORY_PAGE_LIMIT = 100;

/** Where a walk starts and where it ends. */
export interface HistoryWalk {
  /** The first page starts below this id (0 = the newest message). */
  offsetId: number;
  /** The walk ends at this id (exclusive). */
  minId: number;
  /** The walk ends at the first message older than this (kept out); null for none. */
  stopBelowUnix?: number | null;
  /** Every this many pages a page says a checkpoint is due. */
  checkpointEveryPages: number;
  /** Told before each request (counted even when it fails). */
  onRequest?(): void;
}

/** One page of a walk. */
export interface WalkedPage {
  /** The page's messages inside the walk, newest first. */
  messages: Message[];
  /** Messages the request returned (the ones past the walk's date end included). */
  fetched: number;
  /** Where the next page starts: the position to checkpoint. */
  offsetId: number;
  /** True for the walk's last page. */
  last: boolean;
  /** True when a checkpoint is due after this page (never on the last). */
  checkpointDue: boolean;
}

/**
 * Pages of a chat's history from `walk.offsetId` down to `walk.minId` or
 * `walk.stopBelowUnix`, one request each: the one page loop of every read.
 */
export async function* walkHistory<Chat extends HistoryChat>(
  account: HistoryAccount<Chat>,
  chat: Chat,
  walk: HistoryWalk,
  signal: AbortSignal,
): AsyncGenerator<WalkedPage> {
  let offsetId = walk.offsetId;
  const stop = walk.stopBelowUnix ?? null;
  for (let page = 1; ; page++) {
    signal.throwIfAborted();
    walk.onRequest?.();
    const result = await account.fetchHistoryPage(
      chat,
      { offsetId, minId: walk.minId, limit: HISTORY_PAGE_LIMIT },
      signal,
    );
    const messages =
      stop === null ? result.messages : result.messages.filter((m) => m.dateUnix >= stop);
    offsetId = result.nextOffsetId ?? offsetId;
    const last = result.nextOffsetId === null || messages.length < result.messages.length;
    yield {
      messages,
      fetched: result.messages.length,
      offsetId,
      last,
      checkpointDue: !last && page % walk.checkpointEveryPages === 0,
    };
    if (last) return;
  }
}

/** Pages between two checkpoints unless a worker says otherwise. */
export const DEFAULT_CHECKPOINT_EVERY_PAGES = 20;

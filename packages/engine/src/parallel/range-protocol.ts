import type { ReportOptions } from "../engine/report-options.js";
import type { MessageRange, RangeChat } from "../export-reader/message-ranges.js";
import type { RangeFoldMessage } from "./range-fold.js";

/** What a range thread is started with (`workerData`). */
export interface RangeWorkerData {
  chat: RangeChat;
  ranges: MessageRange[];
  options: ReportOptions;
}

/** Main thread → range thread: fold this range next, or stop. */
export type RangeTask = { kind: "fold"; index: number } | { kind: "stop" };

/** Range thread → main thread. */
export type RangeReply =
  | { kind: "ready" }
  | { kind: "bytes"; bytes: number }
  | { kind: "folded"; index: number; fold: RangeFoldMessage }
  /** The range did not read as whole messages: the chat is read in one pass instead. */
  | { kind: "unreadable"; index: number; reason: string };

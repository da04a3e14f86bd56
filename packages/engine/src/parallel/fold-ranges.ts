import { Worker } from "node:worker_threads";
import type { ReportOptions } from "../engine/report-options.js";
import { ReportState } from "../engine/report-state.js";
import { IdSet } from "../export-reader/id-set.js";
import type { RangePlan } from "../export-reader/message-ranges.js";
import { RangeReadError } from "../export-reader/read-message-range.js";
import { newExportChatStats } from "../export-reader/read-export.js";
import type { ExportChatStats } from "../export-reader/types.js";
import { foldMessageRange, type RangeFold } from "./range-fold.js";
import type { RangeReply, RangeTask, RangeWorkerData } from "./range-protocol.js";

/** Options of {@link foldRanges}. */
export interface FoldRangesOptions {
  report: ReportOptions;
  /** Threads that read ranges at once; 1 reads them one after another in this thread. */
  threads: number;
  signal?: AbortSignal;
  /** Called with the bytes read since the last call. */
  onBytes?: (bytes: number) => void;
}

/** A chat folded from its ranges. */
export interface FoldedChat {
  state: ReportState;
  stats: ExportChatStats;
}

/**
 * Heap limits of a range thread. A range holds one read of parsed messages
 * and its own aggregates; a small young generation keeps the resident size
 * of several threads near one.
 */
const RANGE_THREAD_LIMITS = { maxYoungGenerationSizeMb: 12, maxOldGenerationSizeMb: 1024 };

/**
 * Folds every range of `plan` on its own and merges the states in file order,
 * so the result is the same for any thread count.
 *
 * @returns null when the ranges cannot stand for the chat: a range did not
 *   read as whole messages, or an id occurs in two ranges (a duplicate the
 *   one-pass reader would drop). Read the chat in one pass then.
 */
export async function foldRanges(
  plan: RangePlan,
  options: FoldRangesOptions,
): Promise<FoldedChat | null> {
  const merger = new RangeMerger(plan.ranges.length);
  const threads = Math.max(1, Math.min(options.threads, plan.ranges.length));
  const complete =
    threads === 1
      ? await foldHere(plan, options, merger)
      : await foldInThreads(plan, options, merger, threads);
  return complete ? merger.result() : null;
}

async function foldHere(
  plan: RangePlan,
  options: FoldRangesOptions,
  merger: RangeMerger,
): Promise<boolean> {
  for (const [index, range] of plan.ranges.entries()) {
    try {
      const fold = await foldMessageRange(
        plan.chat,
        range,
        options.report,
        options.signal,
        options.onBytes,
      );
      if (!merger.accept(index, fold)) return false;
    } catch (error) {
      if (error instanceof RangeReadError) return false;
      throw error;
    }
  }
  return true;
}

function rangeWorkerUrl(): URL {
  // From the sources (tests, benchmarks), start the built thread: a worker thread cannot load TypeScript.
  const own = import.meta.url;
  return own.endsWith(".ts")
    ? new URL("../../dist/parallel/range-worker.js", own)
    : new URL("./range-worker.js", own);
}

/** Hands ranges to `threads` worker threads as each finishes one; false when a range failed. */
function foldInThreads(
  plan: RangePlan,
  options: FoldRangesOptions,
  merger: RangeMerger,
  threads: number,
): Promise<boolean> {
  const data: RangeWorkerData = { chat: plan.chat, ranges: plan.ranges, options: options.report };
  const workers: Worker[] = [];
  let next = 0;
  let settled = false;
  return new Promise<boolean>((resolve, reject) => {
    const finish = (outcome: boolean | Error): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener("abort", onAbort);
      for (const worker of workers) void worker.terminate();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const onAbort = (): void =>
      finish(
        options.signal?.reason instanceof Error ? options.signal.reason : new Error("aborted"),
      );
    if (options.signal?.aborted === true) {
      onAbort();
      return;
    }
    options.signal?.addEventListener("abort", onAbort, { once: true });
    const handOut = (worker: Worker): void => {
      const task: RangeTask =
        next < plan.ranges.length ? { kind: "fold", index: next++ } : { kind: "stop" };
      worker.postMessage(task);
    };
    const onReply = (worker: Worker, reply: RangeReply): void => {
      if (settled) return;
      if (reply.kind === "bytes") options.onBytes?.(reply.bytes);
      else if (reply.kind === "unreadable") finish(false);
      else if (reply.kind === "ready") handOut(worker);
      else {
        const fold: RangeFold = { ...reply.fold, state: ReportState.fromJSON(reply.fold.state) };
        if (!merger.accept(reply.index, fold)) finish(false);
        else if (merger.done) finish(true);
        else handOut(worker);
      }
    };
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(rangeWorkerUrl(), {
        workerData: data,
        resourceLimits: RANGE_THREAD_LIMITS,
      });
      workers.push(worker);
      worker.on("message", (reply: RangeReply) => {
        try {
          onReply(worker, reply);
        } catch (error) {
          finish(error instanceof Error ? error : new Error(String(error)));
        }
      });
      worker.on("error", (error) => finish(error));
      worker.on("exit", (code) => {
        if (!settled && code !== 0)
          finish(
            new Error(`A range thread stopped with exit code ${code} before its work was done.`),
          );
      });
    }
  });
}

/**
 * Merges range folds in file order as they arrive (holding only those that
 * came early), sums reader stats and checks that no id occurs in two ranges.
 */
class RangeMerger {
  private readonly waiting = new Map<number, RangeFold>();
  private readonly ids = new IdSet();
  private readonly stats = newExportChatStats();
  private merged: ReportState | null = null;
  private nextIndex = 0;

  constructor(private readonly count: number) {}

  get done(): boolean {
    return this.nextIndex === this.count;
  }

  /** Takes the fold of range `index`; false when its ids overlap an earlier range's. */
  accept(index: number, fold: RangeFold): boolean {
    this.waiting.set(index, fold);
    for (let ready = this.waiting.get(this.nextIndex); ready !== undefined;) {
      this.waiting.delete(this.nextIndex++);
      if (this.ids.addAll(new IdSet(ready.idPages)) > 0) return false;
      addStats(this.stats, ready.stats);
      this.merged = this.merged === null ? ready.state : this.merged.merge(ready.state);
      ready = this.waiting.get(this.nextIndex);
    }
    return true;
  }

  result(): FoldedChat {
    if (this.merged === null || !this.done)
      throw new Error(`Only ${this.nextIndex} of ${this.count} ranges were merged.`);
    return { state: this.merged, stats: { ...this.stats, complete: true } };
  }
}

function addStats(sum: ExportChatStats, add: ExportChatStats): void {
  sum.messages += add.messages;
  sum.duplicates += add.duplicates;
  sum.assumedDates += add.assumedDates;
  sum.unsupported += add.unsupported;
  sum.service += add.service;
  sum.invalid += add.invalid;
  sum.senderUnknown += add.senderUnknown;
  sum.controlEscapes += add.controlEscapes;
}

import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { ReportOptions } from "../engine/report-options.js";
import { ReportState } from "../engine/report-state.js";
import { IdSet } from "../export-reader/id-set.js";
import type { RangePlan } from "../export-reader/message-ranges.js";
import { RangeReadError } from "../export-reader/read-message-range.js";
import { newExportChatStats } from "../export-reader/read-export.js";
import { SKIP_REASONS, type ExportChatStats } from "../export-reader/types.js";
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
  /** With a sender filter, the chat unfiltered (see {@link ReportBuilder.group}); else null. */
  group: ReportState | null;
  stats: ExportChatStats;
}

/**
 * Heap limits of a range thread. A range holds one read of parsed messages
 * and its own aggregates; a small young generation keeps the resident size
 * of several threads near one.
 */
const RANGE_THREAD_LIMITS = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 1024 };

/**
 * Folds every range of `plan` on its own and merges the states in file order,
 * so the result is the same for any thread count. This thread folds ranges
 * too, beside `threads − 1` worker threads: one V8 heap fewer than a pool of
 * `threads` workers, and the same cores busy.
 *
 * @returns null when the ranges cannot stand for the chat: a range did not
 *   read as whole messages, or an id occurs in two ranges (a duplicate the
 *   one-pass reader would drop). Read the chat in one pass then.
 */
export async function foldRanges(
  plan: RangePlan,
  options: FoldRangesOptions,
): Promise<FoldedChat | null> {
  const threads = Math.max(1, Math.min(options.threads, plan.ranges.length));
  const run = new RangeRun(plan, options);
  const complete = await run.start(threads - 1);
  return complete ? run.merger.result() : null;
}

/**
 * The range thread's entry, found through the package: a bundle that inlined
 * this module still starts the thread's own file. Always the built file, also
 * from the sources (tests, benchmarks): a thread cannot load TypeScript.
 */
function rangeWorkerUrl(): URL {
  return pathToFileURL(createRequire(import.meta.url).resolve("@tgstats/engine/range-worker"));
}

/**
 * One run of {@link foldRanges}: hands the next range to whichever thread is
 * free (this one or a worker) and settles once all are merged, a range fails,
 * a worker dies or the caller aborts.
 */
class RangeRun {
  readonly merger: RangeMerger;
  private readonly workers: Worker[] = [];
  /** Stops this thread's own folding once the run is settled. */
  private readonly stopHere = new AbortController();
  private next = 0;
  private settled = false;
  private resolve: (complete: boolean) => void = () => undefined;
  private reject: (error: Error) => void = () => undefined;

  constructor(
    private readonly plan: RangePlan,
    private readonly options: FoldRangesOptions,
  ) {
    this.merger = new RangeMerger(plan.ranges.length);
  }

  /** Starts `workers` worker threads and folds here too; true once every range is merged. */
  start(workers: number): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
      const signal = this.options.signal;
      if (signal?.aborted === true) {
        this.abort();
        return;
      }
      signal?.addEventListener("abort", this.abort, { once: true });
      for (let i = 0; i < workers; i++) this.startWorker();
      this.foldHere().catch((error: unknown) => this.finish(asError(error)));
    });
  }

  private readonly abort = (): void => {
    const reason: unknown = this.options.signal?.reason;
    this.finish(reason instanceof Error ? reason : new Error("The report was aborted."));
  };

  private finish(outcome: boolean | Error): void {
    if (this.settled) return;
    this.settled = true;
    this.options.signal?.removeEventListener("abort", this.abort);
    this.stopHere.abort();
    for (const worker of this.workers) void worker.terminate();
    if (outcome instanceof Error) this.reject(outcome);
    else this.resolve(outcome);
  }

  /** Read through a call: the run settles from other callbacks while a fold awaits. */
  private isSettled(): boolean {
    return this.settled;
  }

  private takeNext(): number | null {
    return this.next < this.plan.ranges.length ? this.next++ : null;
  }

  private accept(index: number, fold: RangeFold): void {
    if (!this.merger.accept(index, fold)) this.finish(false);
    else if (this.merger.done) this.finish(true);
  }

  private async foldHere(): Promise<void> {
    const { plan, options } = this;
    for (
      let index = this.takeNext();
      index !== null && !this.isSettled();
      index = this.takeNext()
    ) {
      let fold: RangeFold;
      try {
        fold = await foldMessageRange(
          plan.chat,
          plan.ranges[index]!,
          options.report,
          this.stopHere.signal,
          options.onBytes,
        );
      } catch (error) {
        if (this.isSettled()) return;
        if (!(error instanceof RangeReadError)) throw error;
        this.finish(false);
        return;
      }
      if (this.isSettled()) return;
      this.accept(index, fold);
    }
  }

  private startWorker(): void {
    const data: RangeWorkerData = {
      chat: this.plan.chat,
      ranges: this.plan.ranges,
      options: this.options.report,
    };
    const worker = new Worker(rangeWorkerUrl(), {
      workerData: data,
      resourceLimits: RANGE_THREAD_LIMITS,
    });
    this.workers.push(worker);
    worker.on("message", (reply: RangeReply) => {
      try {
        this.onReply(worker, reply);
      } catch (error) {
        this.finish(asError(error));
      }
    });
    worker.on("error", (error) => this.finish(error));
    worker.on("exit", (code) => {
      if (code !== 0)
        this.finish(
          new Error(`A range thread stopped with exit code ${code} before its work was done.`),
        );
    });
  }

  private onReply(worker: Worker, reply: RangeReply): void {
    if (this.settled) return;
    if (reply.kind === "bytes") this.options.onBytes?.(reply.bytes);
    else if (reply.kind === "unreadable") this.finish(false);
    else if (reply.kind === "ready") {
      // One task ahead, so the thread starts the next range while this one merges the last.
      this.handOut(worker);
      this.handOut(worker);
    } else {
      const { state, group } = reply.fold;
      this.accept(reply.index, {
        ...reply.fold,
        state: ReportState.fromJSON(state),
        group: group === null ? null : ReportState.fromJSON(group),
      });
      if (!this.isSettled()) this.handOut(worker);
    }
  }

  private handOut(worker: Worker): void {
    const index = this.takeNext();
    const task: RangeTask = index === null ? { kind: "stop" } : { kind: "fold", index };
    worker.postMessage(task);
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
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
  private mergedGroup: ReportState | null = null;
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
      this.merged = this.merged === null ? ready.state : this.merged.mergeOwned(ready.state);
      if (ready.group !== null)
        this.mergedGroup =
          this.mergedGroup === null ? ready.group : this.mergedGroup.mergeOwned(ready.group);
      ready = this.waiting.get(this.nextIndex);
    }
    return true;
  }

  result(): FoldedChat {
    if (this.merged === null || !this.done)
      throw new Error(`Only ${this.nextIndex} of ${this.count} ranges were merged.`);
    return {
      state: this.merged,
      group: this.mergedGroup,
      stats: { ...this.stats, complete: true },
    };
  }
}

function addStats(sum: ExportChatStats, add: ExportChatStats): void {
  sum.messages += add.messages;
  sum.duplicates += add.duplicates;
  sum.assumedDates += add.assumedDates;
  sum.unsupported += add.unsupported;
  sum.service += add.service;
  sum.invalid += add.invalid;
  // Ranges are added in file order: the first one seen is the first in the file.
  for (const reason of SKIP_REASONS) {
    const into = sum.skipped[reason];
    into.count += add.skipped[reason].count;
    if (into.firstByte < 0) into.firstByte = add.skipped[reason].firstByte;
  }
  sum.senderUnknown += add.senderUnknown;
  sum.controlEscapes += add.controlEscapes;
}

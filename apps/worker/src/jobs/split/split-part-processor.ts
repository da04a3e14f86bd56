import type { Job } from "bullmq";
import type { Api } from "grammy";
import type { Logger } from "pino";
import {
  STATS_JOB_SCHEMA_VERSION,
  parseSplitPartJobData,
  type SplitPartJobData,
  type SplitPartJobResult,
} from "@tgstats/platform";
import { MonthBuckets } from "@tgstats/platform/month-buckets";
import { PROGRESS_MIN_INTERVAL_MS, StatusMessage } from "../../delivery/index.js";
import { splitPartCheckpointSchema, type SplitPartCheckpoint } from "../checkpoint.js";
import type { HistoryAccount, HistoryChat } from "../history-account.js";
import { DEFAULT_CHECKPOINT_EVERY_PAGES, walkHistory } from "../history-walker.js";
import { JobAttempt, type JobAttemptDeps } from "../job-attempt.js";
import type { SplitPartStore } from "./split-part-store.js";

/** What the split part processor is built from. */
export interface SplitPartProcessorDeps<Chat extends HistoryChat> extends JobAttemptDeps {
  account: HistoryAccount<Chat>;
  parts: SplitPartStore;
  api: Api;
  logger: Logger;
  checkpointEveryPages?: number;
  /** Counts fetched messages (the ops module's `messagesFetched` fits). */
  messagesFetched?: { inc(count: number): void };
}

/**
 * The part's account cannot see all of the part's range: it joined the chat
 * with the pre-history hidden. The part fails for good; the coordinator reads
 * the range itself.
 */
export class HiddenHistoryError extends Error {
  constructor(
    /** Messages up to this id are hidden from the account (`available_min_id`). */
    readonly hiddenUpToId: number,
    /** The part covers ids above this. */
    readonly partMinId: number,
  ) {
    super(
      `This account sees the chat only above message ${hiddenUpToId} (it joined with the history hidden), ` +
        `but the part starts above ${partMinId}; the coordinating worker reads the part instead.`,
    );
    this.name = "HiddenHistoryError";
  }
}

/** The BullMQ processor of {@link SPLIT_PART_JOB_NAME} jobs. */
export type SplitPartProcessor = (
  job: Job<SplitPartJobData, SplitPartJobResult>,
  token?: string,
  signal?: AbortSignal,
) => Promise<SplitPartJobResult>;

/**
 * Creates the processor of split parts: the chat's messages in the part's id
 * range, folded into month buckets and left in the split part store for the
 * coordinator. Resumable like the stats job (see {@link JobAttempt}); a part
 * that cannot be read here fails for good, and the coordinator reads its
 * range itself.
 */
export function createSplitPartProcessor<Chat extends HistoryChat>(
  deps: SplitPartProcessorDeps<Chat>,
): SplitPartProcessor {
  return async (job, token, signal) => {
    const data = parseSplitPartJobData(job.data);
    const log = deps.logger.child({
      jobId: job.id,
      coordinatorJobId: data.coordinatorJobId,
      part: data.part.index,
      account: deps.account.me.id,
    });
    const attempt = new JobAttempt(deps, job, token, signal, data, log);
    const restored = await attempt.restore(splitPartCheckpointSchema);
    const read = new SplitPartRead(deps, attempt, restored);
    try {
      return await read.run();
    } catch (error) {
      return attempt.stop(error, {
        checkpoint: read.checkpoint(),
        requester: null,
        refusal: (refused) =>
          refused instanceof HiddenHistoryError ? { text: null, reason: refused.message } : null,
      });
    }
  };
}

/** One attempt at reading a split part. */
class SplitPartRead<Chat extends HistoryChat> {
  private position: Omit<SplitPartCheckpoint, "partial">;
  private readonly buckets: MonthBuckets;
  private readonly status: StatusMessage | null;

  constructor(
    private readonly deps: SplitPartProcessorDeps<Chat>,
    private readonly attempt: JobAttempt<SplitPartJobData>,
    restored: SplitPartCheckpoint | null,
  ) {
    const { data } = attempt;
    this.position = restored ?? {
      offsetId: data.maxId + 1,
      fetchedMessages: 0,
      historyRequests: 0,
    };
    this.buckets =
      restored === null
        ? new MonthBuckets(data.timeZone)
        : MonthBuckets.fromJSON(data.timeZone, restored.partial);
    this.status =
      data.reply.statusMessageId === null
        ? null
        : new StatusMessage(
            deps.api,
            { chatId: data.reply.chatId, messageId: data.reply.statusMessageId },
            {
              language: data.reply.language,
              // Every part edits the one status message: together they keep Telegram's pace.
              minIntervalMs: PROGRESS_MIN_INTERVAL_MS * data.part.count,
              editOnly: true,
              signal: attempt.signal,
            },
          );
  }

  /** Where the read stands, with the buckets so far. */
  checkpoint(): SplitPartCheckpoint {
    return { ...this.position, partial: this.buckets.toJSON() };
  }

  async run(): Promise<SplitPartJobResult> {
    const { deps, attempt } = this;
    const { data, signal, log } = attempt;
    log.info(
      { step: "part", minId: data.minId, maxId: data.maxId },
      "reading a part of a split history",
    );
    const chat = await deps.account.resolveChat(data.target, signal);
    // The plan assumed every account sees the whole history; one that joined with the
    // pre-history hidden would return a part short without a word.
    const hiddenUpToId = await deps.account.hiddenUpToId(chat, signal);
    if (hiddenUpToId > data.minId) throw new HiddenHistoryError(hiddenUpToId, data.minId);
    // The coordinator's generation: a /forget since it began stops the part too.
    const fenced = await attempt.holdFence(chat.botApiId);
    const pages = walkHistory(
      deps.account,
      chat,
      {
        offsetId: this.position.offsetId,
        minId: data.minId,
        checkpointEveryPages: deps.checkpointEveryPages ?? DEFAULT_CHECKPOINT_EVERY_PAGES,
      },
      signal,
    );
    for await (const page of pages) {
      for (const message of page.messages) this.buckets.add(message);
      this.position = {
        offsetId: page.offsetId,
        fetchedMessages: this.position.fetchedMessages + page.fetched,
        historyRequests: this.position.historyRequests + 1,
      };
      deps.messagesFetched?.inc(page.fetched);
      const fetchedBySplit = await deps.parts.addFetched(data.coordinatorJobId, page.fetched);
      if (page.last) break;
      await this.showProgress(fetchedBySplit);
      if (page.checkpointDue) await attempt.saveCheckpoint(this.checkpoint());
    }
    await deps.parts.save(data.coordinatorJobId, data.part.index, this.buckets.toJSON(), fenced);
    await attempt.dropCheckpoint();
    log.info({ step: "part-done", messages: this.position.fetchedMessages }, "part read");
    return {
      schemaVersion: STATS_JOB_SCHEMA_VERSION,
      part: data.part.index,
      accountId: deps.account.me.id,
      fetchedMessages: this.position.fetchedMessages,
      historyRequests: this.position.historyRequests,
    };
  }

  /** Progress is a courtesy: a failed edit must not fail the part's read. */
  private async showProgress(fetched: number): Promise<void> {
    try {
      await this.status?.update({ fetched, total: this.attempt.data.totalMessages });
    } catch (error) {
      if (this.attempt.signal.aborted) throw error;
      this.attempt.log.debug({ err: error }, "could not show progress");
    }
  }
}

import { DelayedError, UnrecoverableError, WaitingError, type Job } from "bullmq";
import type { Api } from "grammy";
import type { Logger } from "pino";
import {
  ChatForgottenError,
  STATS_JOB_SCHEMA_VERSION,
  parseHistoryRangeJobData,
  type ChatFence,
  type FencedWriter,
  type HistoryRangeCheckpoint,
  type HistoryRangeJobData,
  type HistoryRangeJobResult,
} from "@tgstats/platform";
import { PROGRESS_MIN_INTERVAL_MS, ProgressReporter } from "../delivery/index.js";
import {
  ChatNotAccessibleError,
  ChatNotReportableError,
  FloodWaitDelayError,
  SessionInvalidError,
} from "../mtproto/errors.js";
import type { HistoryAccount, HistoryChat } from "./history-account.js";
import { MonthlyFold, type MonthlyFoldJson } from "./monthly-fold.js";
import type { CheckpointStore } from "./checkpoint-store.js";
import { ForgottenJobError } from "./forgotten-job-error.js";
import type { PartStore } from "./split/part-store.js";

const PAGE_LIMIT = 100;

/** What the part processor is built from. */
export interface HistoryRangeProcessorDeps<Chat extends HistoryChat> {
  account: HistoryAccount<Chat>;
  parts: PartStore;
  /** Stops the part, writing nothing more, once its chat is forgotten (/forget). */
  fence: ChatFence;
  /** Where checkpoints keep their fold (the job data keeps a reference); inline without it. */
  checkpoints?: CheckpointStore;
  api: Api;
  logger: Logger;
  /** Called when Telegram rejects the session: the worker must stop using it. */
  onSessionInvalid: (error: SessionInvalidError) => void;
  checkpointEveryPages?: number;
  /** Counts fetched messages (the ops module's `messagesFetched` fits). */
  messagesFetched?: { inc(count: number): void };
  now?: () => number;
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

/** The BullMQ processor of {@link HISTORY_RANGE_JOB_NAME} jobs. */
export type HistoryRangeProcessor = (
  job: Job<HistoryRangeJobData, HistoryRangeJobResult>,
  token?: string,
  signal?: AbortSignal,
) => Promise<HistoryRangeJobResult>;

/**
 * Creates the processor of one part of a split read: the chat's messages in
 * the part's id range, folded into month buckets and left in the part store
 * for the coordinator. Resumable like the stats job: flood waits delay the
 * part, shutdowns put it back, both after a checkpoint. A part that cannot be
 * read here fails for good, and the coordinator reads its range itself.
 */
export function createHistoryRangeProcessor<Chat extends HistoryChat>(
  deps: HistoryRangeProcessorDeps<Chat>,
): HistoryRangeProcessor {
  const now = deps.now ?? Date.now;
  const everyPages = deps.checkpointEveryPages ?? 20;
  return async (job, token, jobSignal) => {
    const signal = jobSignal ?? new AbortController().signal;
    const data = parseHistoryRangeJobData(job.data);
    const log = deps.logger.child({
      jobId: job.id,
      coordinatorJobId: data.coordinatorJobId,
      part: data.part.index,
      account: deps.account.me.id,
    });
    const progress =
      data.reply.statusMessageId === null
        ? null
        : new ProgressReporter(
            deps.api,
            { chatId: data.reply.chatId, messageId: data.reply.statusMessageId },
            {
              language: data.reply.language,
              // Every part edits the one status message: together they keep Telegram's pace.
              minIntervalMs: PROGRESS_MIN_INTERVAL_MS * data.part.count,
              editOnly: true,
              signal,
            },
          );
    /** Progress is a courtesy: a failed edit must not fail the part's read. */
    const showProgress = async (fetched: number): Promise<void> => {
      try {
        await progress?.update({ fetched, total: data.totalMessages });
      } catch (error) {
        if (signal.aborted) throw error;
        log.debug({ err: error }, "could not show progress");
      }
    };
    const jobKey = `${job.queueName}:${job.id ?? ""}`;
    const restored =
      deps.checkpoints === undefined
        ? data.checkpoint
        : await deps.checkpoints.restore(data.checkpoint);
    let position: HistoryRangeCheckpoint = restored ?? {
      offsetId: data.maxId + 1,
      fetchedMessages: 0,
      historyRequests: 0,
      partial: null,
    };
    const fold =
      position.partial === null || position.partial === undefined
        ? new MonthlyFold(data.timeZone)
        : MonthlyFold.fromJSON(data.timeZone, position.partial as MonthlyFoldJson);
    let fenced: FencedWriter | undefined;
    const saveCheckpoint = async (): Promise<void> => {
      const checkpoint = { ...position, partial: fold.toJSON() };
      await job.updateData({
        ...data,
        checkpoint:
          deps.checkpoints === undefined
            ? checkpoint
            : await deps.checkpoints.offload(jobKey, checkpoint, fenced),
      });
    };
    try {
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
      const token =
        data.fenceGeneration === null
          ? await deps.fence.token(chat.botApiId, jobKey)
          : { botApiChatId: chat.botApiId, generation: data.fenceGeneration, jobKey };
      await deps.fence.check(token);
      fenced = deps.fence.writer(token);
      for (let page = 1; ; page++) {
        signal.throwIfAborted();
        const result = await deps.account.fetchHistoryPage(
          chat,
          { offsetId: position.offsetId, minId: data.minId, limit: PAGE_LIMIT },
          signal,
        );
        for (const message of result.messages) fold.add(message);
        position = {
          offsetId: result.nextOffsetId ?? position.offsetId,
          fetchedMessages: position.fetchedMessages + result.messages.length,
          historyRequests: position.historyRequests + 1,
          partial: null,
        };
        deps.messagesFetched?.inc(result.messages.length);
        const fetchedBySplit = await deps.parts.addFetched(
          data.coordinatorJobId,
          result.messages.length,
        );
        if (result.nextOffsetId === null) break;
        await showProgress(fetchedBySplit);
        if (page % everyPages === 0) await saveCheckpoint();
      }
      await deps.parts.save(data.coordinatorJobId, data.part.index, fold.toJSON(), fenced);
      await deps.checkpoints?.delete(jobKey);
      log.info({ step: "part-done", messages: position.fetchedMessages }, "part read");
      return {
        schemaVersion: STATS_JOB_SCHEMA_VERSION,
        part: data.part.index,
        accountId: deps.account.me.id,
        fetchedMessages: position.fetchedMessages,
        historyRequests: position.historyRequests,
      };
    } catch (error) {
      if (error instanceof ChatForgottenError) {
        log.info({ step: "forgotten" }, error.message);
        await deps.checkpoints?.delete(jobKey);
        throw new ForgottenJobError(error);
      }
      if (error instanceof FloodWaitDelayError) {
        await saveCheckpoint();
        log.warn(
          { step: "flood-wait", seconds: error.seconds },
          "Telegram asked to wait; delaying the part",
        );
        await job.moveToDelayed(now() + error.seconds * 1000, token);
        throw new DelayedError();
      }
      if (signal.aborted) {
        await saveCheckpoint();
        await job.moveToWait(token);
        throw new WaitingError();
      }
      if (error instanceof SessionInvalidError) {
        deps.onSessionInvalid(error);
        throw new UnrecoverableError(error.message);
      }
      if (
        error instanceof ChatNotAccessibleError ||
        error instanceof ChatNotReportableError ||
        error instanceof HiddenHistoryError
      ) {
        log.info({ step: "part-failed" }, error.message);
        throw new UnrecoverableError(error.message);
      }
      await saveCheckpoint();
      log.error({ step: "part-failed", err: error }, "part failed");
      throw error;
    }
  };
}

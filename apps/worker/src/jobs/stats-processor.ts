import { DelayedError, WaitingChildrenError, WaitingError, type Job } from "bullmq";
import type { Logger } from "pino";
import { z } from "zod";
import {
  parseStatsJobData,
  type PulseCountCache,
  type StatsJobData,
  type StatsJobResult,
} from "@tgstats/platform";
import type { FileDownloader } from "../delivery/index.js";
import type { HistoryChat } from "./history-account.js";
import { JobAttempt, JobLockLostError, type JobAttemptDeps } from "./job-attempt.js";
import type { StatsReplyDeps } from "./stats-reply.js";
import { StatsReply } from "./stats-reply.js";
import {
  accountOverviewRefusal,
  answerAccountOverview,
} from "./targets/account-overview-target.js";
import { ChatTarget, type ChatTargetDeps } from "./targets/chat-target.js";
import { exportFileRefusal, reportExportFile } from "./targets/export-file-target.js";

export { JobLockLostError } from "./job-attempt.js";

/** What the stats processor is built from. */
export interface StatsProcessorDeps<Chat extends HistoryChat>
  extends JobAttemptDeps, StatsReplyDeps, ChatTargetDeps<Chat> {
  /**
   * Telegram user ids allowed the account overview, answered only in their
   * own private chat: it lists every chat of the account, so a job asking it
   * for anyone else (added by hand, say) is refused.
   */
  ownerIds: readonly number[];
  /** The account overview's counts of ended months; without it every month is asked each time. */
  pulseCounts?: PulseCountCache;
  logger: Logger;
  /** Downloads a result.json a user sent the bot. */
  downloadFile: FileDownloader;
  /** Where job durations, fetched messages and cache hits are counted (the ops module's metrics fit). */
  metrics?: StatsJobMetrics;
}

/** The series the processor updates; `createTgstatsMetrics()` from the shared ops module provides them. */
export interface StatsJobMetrics {
  jobDuration: { observe(labels: { kind: string; outcome: string }, seconds: number): void };
  messagesFetched: { inc(count: number): void };
  cacheHits: { inc(): void };
  cacheMisses: { inc(): void };
}

/** The BullMQ processor of the stats queue. */
export type StatsProcessor = (
  job: Job<StatsJobData, StatsJobResult>,
  token?: string,
  signal?: AbortSignal,
) => Promise<StatsJobResult>;

/**
 * Creates the processor of stats jobs: one {@link JobAttempt} each, answered
 * by its target's kind — the account overview, a sent export file, or a chat
 * read over MTProto — and delivered through the Bot API ({@link StatsReply}).
 */
export function createStatsProcessor<Chat extends HistoryChat>(
  deps: StatsProcessorDeps<Chat>,
): StatsProcessor {
  // Three declared parameters: BullMQ passes the abort signal only to processors whose length is 3.
  const processJob: StatsProcessor = async (job, token, signal) => {
    const data = parseStatsJobData(job.data);
    if (data.delivered !== null) return data.delivered;
    const log = deps.logger.child({
      jobId: job.id,
      target: data.target,
      account: deps.account.me.id,
    });
    const attempt = new JobAttempt(deps, job, token, signal, data, log);
    const reply = new StatsReply(deps, attempt);
    const { target } = data;
    const plainStop = { checkpoint: null, requester: reply.requester };
    if (target.kind === "account-overview")
      return attempt.run(
        () => answerAccountOverview(deps, attempt, reply),
        () => ({
          ...plainStop,
          refusal: (error) => accountOverviewRefusal(error, reply.requester.texts),
        }),
      );
    if (target.kind === "export-file")
      return attempt.run(
        () =>
          reportExportFile(
            target,
            { accountId: deps.account.me.id, downloadFile: deps.downloadFile },
            attempt,
            reply,
          ),
        () => ({ ...plainStop, refusal: (error) => exportFileRefusal(target, error) }),
      );
    const chat = new ChatTarget(deps, attempt, reply);
    return attempt.run(
      () => chat.run(),
      () => chat.stopped(),
    );
  };
  return deps.metrics === undefined ? processJob : timed(processJob, deps.metrics);
}

/** Observes each attempt's duration by target kind and how it ended. */
function timed(processJob: StatsProcessor, metrics: StatsJobMetrics): StatsProcessor {
  return async (job, token, signal) => {
    const startedMs = performance.now();
    let outcome = "completed";
    try {
      return await processJob(job, token, signal);
    } catch (error) {
      outcome =
        error instanceof DelayedError
          ? "delayed"
          : error instanceof WaitingError
            ? "interrupted"
            : error instanceof WaitingChildrenError
              ? "waiting-children"
              : error instanceof JobLockLostError
                ? "lock-lost"
                : "failed";
      throw error;
    } finally {
      const kind = targetKindOf(job.data);
      metrics.jobDuration.observe({ kind, outcome }, (performance.now() - startedMs) / 1000);
    }
  };
}

const targetKindSchema = z.object({ target: z.object({ kind: z.string() }) });

/** The target kind of raw job data, `invalid` when it has none (the job fails validation). */
function targetKindOf(data: unknown): string {
  const parsed = targetKindSchema.safeParse(data);
  return parsed.success ? parsed.data.target.kind : "invalid";
}

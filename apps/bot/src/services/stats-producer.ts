import { createHash, randomUUID } from "node:crypto";
import type { JobsOptions, Queue } from "bullmq";
import type { StatsJobInput, StatsJobResult } from "@tgstats/shared/core";
import { untilDeadline } from "./redis-deadline.js";

/** The stats queue as the bot sees it: it only adds jobs. */
export type StatsQueue = Queue<StatsJobInput, StatsJobResult>;

/** Retries, backoff and retention of every stats job. */
export const STATS_JOB_OPTIONS: Readonly<JobsOptions> = {
  attempts: 3,
  backoff: { type: "exponential", delay: 10_000 },
  // Finished jobs are kept a while for inspection (Bull Board), then dropped.
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** What {@link StatsProducer.enqueue} did. */
export interface EnqueueOutcome {
  jobId: string;
  /** True when an identical job was already queued or running and this request joined it. */
  deduplicated: boolean;
}

/**
 * The identity of a request for deduplication: the same target, options and
 * answer chat give the same id, whoever asks and in which language.
 *
 * @example statsDeduplicationId(data) // "stats:3f1c…" (40 hex digits)
 */
export function statsDeduplicationId(data: StatsJobInput): string {
  const identity = JSON.stringify([
    data.target,
    data.options.timeZone,
    data.options.fromDate,
    data.options.toDate,
    data.options.sender,
    data.reply.chatId,
  ]);
  return `stats:${createHash("sha256").update(identity).digest("hex").slice(0, 40)}`;
}

/** Adds stats jobs, with deduplication, and answers queue questions, all within an update's deadline. */
export class StatsProducer {
  constructor(private readonly queue: StatsQueue) {}

  /** Jobs a new request would wait behind: waiting plus active. */
  async jobsAhead(signal: AbortSignal): Promise<number> {
    const counts = await untilDeadline(
      "count queued jobs",
      signal,
      this.queue.getJobCounts("wait", "active"),
    );
    return (counts.wait ?? 0) + (counts.active ?? 0);
  }

  /** The id of the job already computing this request, or null. */
  async runningJobId(deduplicationId: string, signal: AbortSignal): Promise<string | null> {
    return untilDeadline(
      "find a running job",
      signal,
      this.queue.getDeduplicationJobId(deduplicationId),
    );
  }

  /**
   * Adds a job unless an identical one is queued or running (BullMQ
   * deduplication, released when that job completes or fails).
   */
  async enqueue(
    data: StatsJobInput,
    deduplicationId: string,
    signal: AbortSignal,
  ): Promise<EnqueueOutcome> {
    // Our own id tells a new job from the existing one BullMQ returns for a duplicate.
    const jobId = randomUUID();
    const job = await untilDeadline(
      "add a job",
      signal,
      this.queue.add(data.target.kind, data, {
        ...STATS_JOB_OPTIONS,
        jobId,
        deduplication: { id: deduplicationId },
      }),
    );
    const id = job.id ?? jobId;
    return { jobId: id, deduplicated: id !== jobId };
  }
}

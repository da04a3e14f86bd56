import { createHash, randomUUID } from "node:crypto";
import type { JobsOptions, Queue } from "bullmq";
import {
  STATS_QUEUE,
  accountQueueName,
  type QueueRegistry,
  pickReader,
  type ChatDirectory,
  type ReaderAccount,
  type StatsJobInput,
  type StatsJobResult,
  type StatsTarget,
} from "@tgstats/platform";
import { untilDeadline } from "./redis-deadline.js";

/** The stats queue as the bot sees it: it only adds jobs. */
export type StatsQueue = Queue<StatsJobInput, StatsJobResult>;

/** Retries, backoff and retention of every stats job. */
export const STATS_JOB_OPTIONS: Readonly<JobsOptions> = {
  attempts: 3,
  backoff: { type: "exponential", delay: 10_000 },
  // Finished jobs are kept a short while for inspection (Bull Board), then dropped:
  // their data names the chat and the requester.
  removeOnComplete: { age: 3600, count: 1000 },
  removeOnFail: { age: 24 * 3600 },
};

/** Where a request's job goes. */
export type StatsRoute =
  /** A queue: the shared one (any account), or the queue of the one account picked to read the chat. */
  | { kind: "queue"; queueName: string; accountId: number | null }
  /** Accounts publish what they read, and none of them can read this chat. */
  | { kind: "no-reader"; accounts: ReaderAccount[] };

/** The shared queue, which any account's worker takes jobs from. */
export const SHARED_ROUTE = {
  kind: "queue",
  queueName: STATS_QUEUE,
  accountId: null,
} as const satisfies StatsRoute;

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

/**
 * Routes and adds stats jobs, with deduplication, and answers queue
 * questions, all within an update's deadline.
 */
export class StatsProducer {
  /**
   * @param shared the shared stats queue
   * @param directory which account reads which chat, as the workers publish it
   * @param accountQueues the accounts' own queues, on the same connection
   */
  constructor(
    private readonly shared: StatsQueue,
    private readonly directory: ChatDirectory,
    private readonly accountQueues: QueueRegistry,
  ) {}

  /**
   * Where a job for `target` goes: a chat of the bot to the queue of an
   * account that reads it (the same one each time, so its cache is reused);
   * everything else, and everything while no account publishes, to the
   * shared queue. A chat no publishing account reads gets `no-reader`.
   */
  async route(target: StatsTarget, signal: AbortSignal): Promise<StatsRoute> {
    if (target.kind !== "bot-chat") return SHARED_ROUTE;
    const { readers, accounts } = await untilDeadline(
      "find an account that reads the chat",
      signal,
      this.directory.readersOf(target.chatId),
    );
    const reader = pickReader(readers, target.chatId);
    if (reader !== null)
      return { kind: "queue", queueName: accountQueueName(reader.id), accountId: reader.id };
    return accounts.length === 0 ? SHARED_ROUTE : { kind: "no-reader", accounts };
  }

  /** Jobs a new request on `queueName` would wait behind: waiting plus active. */
  async jobsAhead(queueName: string, signal: AbortSignal): Promise<number> {
    const counts = await untilDeadline(
      "count queued jobs",
      signal,
      this.queue(queueName).getJobCounts("wait", "active"),
    );
    return (counts.wait ?? 0) + (counts.active ?? 0);
  }

  /** The id of the job already computing this request on `queueName`, or null. */
  async runningJobId(
    queueName: string,
    deduplicationId: string,
    signal: AbortSignal,
  ): Promise<string | null> {
    return untilDeadline(
      "find a running job",
      signal,
      this.queue(queueName).getDeduplicationJobId(deduplicationId),
    );
  }

  /**
   * Adds a job to `queueName` unless an identical one is queued or running
   * there (BullMQ deduplication, released when that job completes or fails).
   */
  async enqueue(
    queueName: string,
    data: StatsJobInput,
    deduplicationId: string,
    signal: AbortSignal,
  ): Promise<EnqueueOutcome> {
    // Our own id tells a new job from the existing one BullMQ returns for a duplicate.
    const jobId = randomUUID();
    const job = await untilDeadline(
      "add a job",
      signal,
      this.queue(queueName).add(data.target.kind, data, {
        ...STATS_JOB_OPTIONS,
        jobId,
        deduplication: { id: deduplicationId },
      }),
    );
    const id = job.id ?? jobId;
    return { jobId: id, deduplicated: id !== jobId };
  }

  /** The queue `name` on the producer's connection and prefix, opened once. */
  queueNamed(name: string): StatsQueue {
    return this.queue(name);
  }

  private queue(name: string): StatsQueue {
    return name === STATS_QUEUE ? this.shared : this.accountQueues.get(name);
  }
}

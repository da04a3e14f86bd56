import { WaitingChildrenError, type Job, type JobsOptions, type Queue } from "bullmq";
import {
  HISTORY_RANGE_JOB_NAME,
  STATS_JOB_SCHEMA_VERSION,
  type ChatDirectory,
  type HistoryRangeJobInput,
  type HistoryRangeJobResult,
  type StatsJobData,
} from "@tgstats/platform";
import type { HistoryChat } from "../history-account.js";
import type { MonthlyFoldJson } from "../monthly-fold.js";
import type { PartStore } from "./part-store.js";
import { planSplit, type SplitPart } from "./split-plan.js";

/** A split read as the coordinator's checkpoint keeps it. */
export interface SplitState {
  /** The cache's highest id when the split was planned (the read is of ids above it). */
  baseHighId: number;
  totalMessages: number;
  parts: SplitPart[];
  /** True once the parts' jobs exist: they are added once, with fixed ids. */
  partsAdded: boolean;
}

/** What splitting needs from the worker: who else can read, their queues, where parts meet. */
export interface SplitDeps {
  directory: ChatDirectory;
  /** The queue of an account's own jobs (see `accountQueueName`). */
  accountQueue(accountId: number): Queue;
  parts: PartStore;
  /** Reads of fewer messages are not split. */
  minMessages: number;
  /** Most parts of one read (default 8). */
  maxParts?: number;
}

/** Retries and retention of a part; kept a day so a retried coordinator finds, not re-adds, it. */
const PART_JOB_OPTIONS: Readonly<JobsOptions> = {
  attempts: 3,
  backoff: { type: "exponential", delay: 10_000 },
  removeOnComplete: { age: 86_400 },
  removeOnFail: { age: 7 * 86_400 },
};

/**
 * Splits one stats job's history read into id ranges read by several
 * accounts, as BullMQ children of the job (see the flow notes in the
 * platform reference): fixed child ids, `moveToWaitingChildren` +
 * `WaitingChildrenError`, results gathered when the job runs again. Failed
 * parts are ignored by BullMQ (`ignoreDependencyOnFailure`) and come back as
 * missing, for the coordinator to read itself.
 */
export class SplitCoordinator {
  constructor(
    private readonly deps: SplitDeps,
    private readonly job: Job<StatsJobData>,
    private readonly token: string | undefined,
    private readonly selfAccountId: number,
  ) {}

  /**
   * The parts of a read of `count` messages above `minId`, or null when it is
   * not worth splitting: not a supergroup or channel (basic groups' and
   * private chats' ids are per account), too small, or one account only.
   */
  async plan(
    chat: HistoryChat,
    read: { minId: number; count: number },
    newestId: () => Promise<number | null>,
  ): Promise<SplitState | null> {
    if (chat.info.kind !== "channel" || this.deps.minMessages <= 0) return null;
    if (read.count < this.deps.minMessages) return null;
    const { readers, accounts } = await this.deps.directory.readersOf(chat.botApiId);
    // Any account can read a public chat through its @username.
    const able = chat.username === null ? readers : accounts;
    const ids = [...new Set([this.selfAccountId, ...able.map((account) => account.id)])]
      .sort((a, b) => a - b)
      .slice(0, this.deps.maxParts ?? 8);
    if (ids.length < 2) return null;
    const topId = await newestId();
    if (topId === null || topId <= read.minId) return null;
    const parts = planSplit({ minId: read.minId, maxId: topId }, ids);
    if (parts.length < 2) return null;
    return { baseHighId: read.minId, totalMessages: read.count, parts, partsAdded: false };
  }

  /** Adds the parts' jobs on their accounts' queues (idempotent: fixed ids). */
  async addParts(chat: HistoryChat, split: SplitState): Promise<void> {
    const data = this.job.data;
    const coordinatorJobId = this.coordinatorJobId();
    const target =
      chat.username === null
        ? { kind: "bot-chat" as const, chatId: chat.botApiId }
        : { kind: "username" as const, username: chat.username, chatId: chat.botApiId };
    for (const part of split.parts) {
      const input: HistoryRangeJobInput = {
        schemaVersion: STATS_JOB_SCHEMA_VERSION,
        target,
        timeZone: data.options.timeZone,
        minId: part.minId,
        maxId: part.maxId,
        part: { index: part.index, count: split.parts.length },
        coordinatorJobId,
        totalMessages: split.totalMessages,
        reply: data.reply,
        fenceGeneration: data.fenceGeneration ?? null,
      };
      await this.deps.accountQueue(part.accountId).add(HISTORY_RANGE_JOB_NAME, input, {
        ...PART_JOB_OPTIONS,
        jobId: `${coordinatorJobId}-part-${part.index}`,
        parent: { id: coordinatorJobId, queue: this.job.queueQualifiedName },
        ignoreDependencyOnFailure: true,
      });
    }
  }

  /**
   * The folds of the finished parts by index (null for a part that failed).
   *
   * @throws {WaitingChildrenError} while parts are still running: the job now waits for them
   */
  async collect(split: SplitState): Promise<Map<number, MonthlyFoldJson | null>> {
    if (await this.job.moveToWaitingChildren(this.token ?? "")) throw new WaitingChildrenError();
    const values = (await this.job.getChildrenValues()) as Record<string, HistoryRangeJobResult>;
    const finished = new Set(Object.values(values).map((result) => result.part));
    const loaded = await Promise.all(
      split.parts.map((part) =>
        finished.has(part.index)
          ? this.deps.parts.load(this.coordinatorJobId(), part.index)
          : Promise.resolve(null),
      ),
    );
    return new Map(split.parts.map((part, at) => [part.index, loaded[at] ?? null]));
  }

  /** Drops the parts' folds once merged into the cache. */
  async cleanUp(split: SplitState): Promise<void> {
    await this.deps.parts.delete(this.coordinatorJobId(), split.parts.length);
  }

  private coordinatorJobId(): string {
    const id = this.job.id;
    if (id === undefined)
      throw new Error("A split needs a job with an id: add jobs through a Queue.");
    return id;
  }
}

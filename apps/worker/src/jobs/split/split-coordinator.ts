import { WaitingChildrenError, type Job, type JobsOptions, type Queue } from "bullmq";
import {
  SPLIT_PART_JOB_NAME,
  STATS_JOB_SCHEMA_VERSION,
  accountsAbleToRead,
  splitPartJobResultSchema,
  type ChatDirectory,
  type SplitPartJobInput,
  type StatsJobData,
} from "@tgstats/platform";
import { MonthBuckets, type MonthBucketsJson } from "@tgstats/platform/month-buckets";
import type { HistoryChat } from "../history-account.js";
import type { SplitPartStore } from "./split-part-store.js";
import { MAX_SPLIT_PARTS, planSplit, type SplitPartRange, type SplitPlan } from "./split-plan.js";

/** What splitting needs from the worker: who else can read, their queues, where parts meet. */
export interface SplitDeps {
  directory: ChatDirectory;
  /** The queue of an account's own jobs (see `accountQueueName`). */
  accountQueue(accountId: number): Queue;
  parts: SplitPartStore;
  /** Reads of fewer messages are not split. */
  minMessages: number;
  /** Most parts of one read (default and at most {@link MAX_SPLIT_PARTS}). */
  maxParts?: number;
}

/** What a split read reports to, and falls back on, in the coordinating job. */
export interface SplitReadHooks {
  /** Stores the plan in the job's checkpoint. */
  savePlan(plan: SplitPlan): Promise<void>;
  /** Shown when the parts start (other accounts are reading). */
  onStarted?(accounts: number): Promise<void>;
  /** The plan the job would checkpoint from now on (while it waits and reads failed parts). */
  onWaiting(plan: SplitPlan): void;
  /**
   * Reads a part that failed (or whose buckets are gone) here, into
   * `buckets`, from `offsetId` down; `planAt(offsetId)` is the plan to
   * checkpoint once the read has reached `offsetId`.
   */
  readHere(
    part: SplitPartRange,
    buckets: MonthBuckets,
    offsetId: number,
    planAt: (offsetId: number) => SplitPlan,
  ): Promise<void>;
}

/** Retries and retention of a part; kept a day so a retried coordinator finds, not re-adds, it. */
const PART_JOB_OPTIONS: Readonly<JobsOptions> = {
  attempts: 3,
  backoff: { type: "exponential", delay: 10_000 },
  removeOnComplete: { age: 86_400 },
  removeOnFail: { age: 7 * 86_400 },
};

/**
 * A stats job's history read split into id ranges read by several accounts,
 * end to end: planning, adding the split parts as BullMQ children of the job
 * (see the flow notes in the platform reference: fixed child ids,
 * `moveToWaitingChildren` + `WaitingChildrenError`, results gathered when the
 * job runs again), merging their month buckets, reading failed parts itself
 * (BullMQ ignores them: `ignoreDependencyOnFailure`), and deleting what the
 * parts stored once merged or forgotten.
 */
export class SplitCoordinator {
  constructor(
    private readonly deps: SplitDeps,
    private readonly job: Job<StatsJobData>,
    private readonly token: string | undefined,
    private readonly selfAccountId: number,
  ) {}

  /**
   * The plan of a read of `count` messages above `minId`, or null when it is
   * not worth splitting: not a supergroup or channel (basic groups' and
   * private chats' ids are per account), too small, or one account only.
   */
  async plan(
    chat: HistoryChat,
    read: { minId: number; count: number },
    newestId: () => Promise<number | null>,
  ): Promise<SplitPlan | null> {
    if (chat.info.kind !== "channel" || this.deps.minMessages <= 0) return null;
    if (read.count < this.deps.minMessages) return null;
    const able = accountsAbleToRead(chat, await this.deps.directory.readersOf(chat.botApiId));
    const ids = [...new Set([this.selfAccountId, ...able.map((account) => account.id)])]
      .sort((a, b) => a - b)
      .slice(0, Math.min(this.deps.maxParts ?? MAX_SPLIT_PARTS, MAX_SPLIT_PARTS));
    if (ids.length < 2) return null;
    const topId = await newestId();
    if (topId === null || topId <= read.minId) return null;
    const parts = planSplit({ minId: read.minId, maxId: topId }, ids);
    if (parts.length < 2) return null;
    return { baseHighId: read.minId, totalMessages: read.count, parts, partsAdded: false };
  }

  /**
   * Runs the planned read: checkpoint the plan, add the parts once, wait for
   * them (the job leaves the worker meanwhile), merge their buckets; a part
   * that failed is read through `hooks.readHere`.
   *
   * @throws {WaitingChildrenError} while parts are still running: the job now waits for them
   */
  async read(chat: HistoryChat, plan: SplitPlan, hooks: SplitReadHooks): Promise<MonthBuckets> {
    let current = plan;
    if (!current.partsAdded) {
      // The plan is saved before the parts exist, so a retry adds the same ids, never new ones.
      await hooks.savePlan(current);
      await this.addParts(chat, current);
      current = { ...current, partsAdded: true };
      await hooks.savePlan(current);
      await hooks.onStarted?.(current.parts.length);
    }
    hooks.onWaiting(current);
    const collected = await this.collect(current);
    const buckets = await this.merge(current, collected, hooks);
    await this.forget(current);
    return buckets;
  }

  /**
   * The parts' buckets merged: each finished part's from the store, each failed
   * part read here. A merge resumed from a checkpoint (a flood wait while
   * reading a part here) starts from what it had merged and where it was.
   */
  private async merge(
    plan: SplitPlan,
    collected: Map<number, MonthBucketsJson | null>,
    hooks: SplitReadHooks,
  ): Promise<MonthBuckets> {
    const zone = this.job.data.options.timeZone;
    const resumed = plan.merge;
    const buckets =
      resumed === undefined ? new MonthBuckets(zone) : MonthBuckets.fromJSON(zone, resumed.buckets);
    const merged = new Set(resumed?.parts ?? []);
    for (const part of plan.parts) {
      if (merged.has(part.index)) continue;
      const reading = resumed?.reading?.index === part.index ? resumed.reading : null;
      // A part this job was reading is read on: `buckets` already holds some of its messages,
      // which buckets its account stored since (the failed part retried) would count again.
      const partBuckets = reading === null ? (collected.get(part.index) ?? null) : null;
      if (partBuckets !== null) buckets.absorb(partBuckets);
      else {
        // Evaluated when a checkpoint is taken: the buckets and the parts merged by then.
        const planAt = (offsetId: number): SplitPlan => ({
          ...plan,
          merge: {
            parts: [...merged],
            buckets: buckets.toJSON(),
            reading: { index: part.index, offsetId },
          },
        });
        await hooks.readHere(part, buckets, reading?.offsetId ?? part.maxId + 1, planAt);
      }
      merged.add(part.index);
    }
    return buckets;
  }

  /** Deletes what the parts stored (their buckets merged, or the chat forgotten). */
  async forget(plan: SplitPlan): Promise<void> {
    await this.deps.parts.delete(this.coordinatorJobId(), plan.parts.length);
  }

  /** Adds the parts' jobs on their accounts' queues (idempotent: fixed ids). */
  private async addParts(chat: HistoryChat, plan: SplitPlan): Promise<void> {
    const data = this.job.data;
    const coordinatorJobId = this.coordinatorJobId();
    const target =
      chat.username === null
        ? { kind: "bot-chat" as const, chatId: chat.botApiId }
        : { kind: "username" as const, username: chat.username, chatId: chat.botApiId };
    for (const part of plan.parts) {
      const input: SplitPartJobInput = {
        schemaVersion: STATS_JOB_SCHEMA_VERSION,
        target,
        timeZone: data.options.timeZone,
        minId: part.minId,
        maxId: part.maxId,
        part: { index: part.index, count: plan.parts.length },
        coordinatorJobId,
        totalMessages: plan.totalMessages,
        reply: data.reply,
        fenceGeneration: data.fenceGeneration ?? null,
      };
      await this.deps.accountQueue(part.accountId).add(SPLIT_PART_JOB_NAME, input, {
        ...PART_JOB_OPTIONS,
        jobId: `${coordinatorJobId}-part-${part.index}`,
        parent: { id: coordinatorJobId, queue: this.job.queueQualifiedName },
        ignoreDependencyOnFailure: true,
      });
    }
  }

  /** The buckets of the finished parts by index (null for a part that failed). */
  private async collect(plan: SplitPlan): Promise<Map<number, MonthBucketsJson | null>> {
    if (await this.job.moveToWaitingChildren(this.token ?? "")) throw new WaitingChildrenError();
    const values: unknown = await this.job.getChildrenValues();
    const finished = new Set<number>();
    for (const value of Object.values(values ?? {})) {
      const result = splitPartJobResultSchema.safeParse(value);
      if (result.success) finished.add(result.data.part);
    }
    const loaded = await Promise.all(
      plan.parts.map((part) =>
        finished.has(part.index)
          ? this.deps.parts.load(this.coordinatorJobId(), part.index)
          : Promise.resolve(null),
      ),
    );
    return new Map(plan.parts.map((part, at) => [part.index, loaded[at] ?? null]));
  }

  private coordinatorJobId(): string {
    const id = this.job.id;
    if (id === undefined)
      throw new Error("A split needs a job with an id: add jobs through a Queue.");
    return id;
  }
}

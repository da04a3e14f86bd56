import type { Job, Queue } from "bullmq";
import type { Redis } from "ioredis";
import {
  SPLIT_PART_JOB_NAME,
  checkpointKey,
  deleteJobEvents,
  findQueueNames,
  peerOfBotApiId,
  type ChatCache,
  type ChatFence,
  type RedisKeys,
} from "@tgstats/platform";
import { peerKey } from "@tgstats/engine/primitives";
import type { AofRewrite } from "./aof-rewrite.js";

/** What /forget deleted, by kind: the bot's answer lists each count. */
export interface ForgetOutcome {
  /** Cached histories (one per chat, or one per account for basic groups). */
  histories: number;
  /** Report jobs that had not started, removed. */
  queued: number;
  /** Report jobs under way: fenced, they stop at their next write and leave nothing. */
  stopped: number;
  /** Records of finished or failed report jobs, with their results. */
  finished: number;
  /** Saved reading progress: checkpoints and folds of split reads. */
  progress: number;
  /** Access hashes of the chat stored by reader accounts. */
  addresses: number;
}

/** The chat to forget: its Bot API id, and its @username when public (jobs may name it so). */
export interface ForgottenChat {
  id: number;
  username: string | null;
}

/** What the forgetter is built from. */
export interface ChatForgetterDeps {
  redis: Redis;
  keys: RedisKeys;
  cache: ChatCache;
  fence: ChatFence;
  /** Opens a queue under the key prefix (the producer's, so connections are shared). */
  openQueue: (name: string) => Queue;
  aofRewrite: AofRewrite;
}

/** Job states /forget looks in: everything BullMQ keeps. */
const JOB_STATES = [
  "active",
  "wait",
  "waiting-children",
  "prioritized",
  "delayed",
  "completed",
  "failed",
] as const;

/** A job of the chat and where it was found. */
interface FoundJob {
  queue: Queue;
  job: Job;
  finished: boolean;
}

/**
 * Deletes everything tgstats keeps about one chat (what `/forget` does):
 * fences running jobs first (see ChatFence), so nothing lands after, then
 * removes its jobs (with their results and events), checkpoints, split
 * folds, cached aggregates and access hashes, and has Redis rewrite its AOF.
 * Kept: the chat's settings (its admins' choices) and which accounts are in
 * it (routing, republished by the workers anyway).
 */
export class ChatForgetter {
  constructor(private readonly deps: ChatForgetterDeps) {}

  /** Forgets `chat`; returns what was deleted. */
  async forget(chat: ForgottenChat): Promise<ForgetOutcome> {
    const found = await this.findJobs(chat);
    await this.deps.fence.raise(
      chat.id,
      found.map(({ queue, job }) => `${queue.name}:${job.id ?? ""}`),
    );
    const outcome: ForgetOutcome = {
      histories: await this.deps.cache.forgetBotChat(chat.id),
      queued: 0,
      stopped: 0,
      finished: 0,
      progress: 0,
      addresses: await this.forgetAddresses(chat.id),
    };
    const removedIds = new Map<Queue, Set<string>>();
    for (const { queue, job, finished } of found) {
      const id = job.id ?? "";
      // Removing a report removes its parts too (BullMQ children); a part is never counted.
      const removed = (await queue.remove(id)) === 1;
      if (job.name !== SPLIT_PART_JOB_NAME) {
        if (!removed) outcome.stopped++;
        else if (finished) outcome.finished++;
        else outcome.queued++;
      }
      if (removed) removedIds.set(queue, (removedIds.get(queue) ?? new Set()).add(id));
      outcome.progress += await this.forgetProgress(queue.name, id);
    }
    for (const [queue, ids] of removedIds)
      if (queue.keys.events !== undefined)
        await deleteJobEvents(this.deps.redis, queue.keys.events, ids);
    await this.deps.aofRewrite.request();
    return outcome;
  }

  /** Every job of every tgstats queue whose target is the chat. */
  private async findJobs(chat: ForgottenChat): Promise<FoundJob[]> {
    const found: FoundJob[] = [];
    for (const name of await findQueueNames(this.deps.redis, this.deps.keys.prefix)) {
      const queue = this.deps.openQueue(name);
      for (const state of JOB_STATES)
        // A job removed between listing and loading comes back undefined.
        for (const job of (await queue.getJobs(state, 0, -1)) as (Job | undefined)[])
          if (job !== undefined && targetsChat(job.data, chat))
            found.push({ queue, job, finished: state === "completed" || state === "failed" });
    }
    return found;
  }

  /** The job's checkpoint, its parts' checkpoints and its split folds; how many keys went. */
  private async forgetProgress(queueName: string, jobId: string): Promise<number> {
    const { keys, redis } = this.deps;
    const doomed = [checkpointKey(keys, queueName, jobId)];
    for (const pattern of [`${keys.split}:${jobId}:*`, `${keys.checkpoint}:*:${jobId}-part-*`])
      for await (const batch of redis.scanStream({ match: pattern, count: 500 }))
        doomed.push(...(batch as string[]));
    return redis.del(...doomed);
  }

  /** The chat's field in every account's access-hash hash; how many accounts had one. */
  private async forgetAddresses(chatId: number): Promise<number> {
    const { keys, redis } = this.deps;
    const field = peerKey(peerOfBotApiId(chatId));
    let deleted = 0;
    for await (const batch of redis.scanStream({ match: `${keys.accessHash}:*`, count: 500 }))
      for (const key of batch as string[]) deleted += await redis.hdel(key, field);
    return deleted;
  }
}

/** True when raw job data (a report or a part of one) names the chat. */
function targetsChat(data: unknown, chat: ForgottenChat): boolean {
  const target = (
    data as { target?: { kind?: unknown; chatId?: unknown; username?: unknown } } | null
  )?.target;
  if (target?.kind === "bot-chat") return target.chatId === chat.id;
  return (
    target?.kind === "username" &&
    chat.username !== null &&
    typeof target.username === "string" &&
    target.username.toLowerCase() === chat.username.toLowerCase()
  );
}

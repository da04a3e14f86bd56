import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { QUEUE_STREAMS } from "./queue-names.js";

/** Options of {@link QueueRegistry}. */
export interface QueueRegistryOptions {
  /** The connection every queue shares. */
  connection: Redis;
  /** BullMQ's key prefix: `REDIS_KEY_PREFIX`. */
  prefix: string;
  /** Queue errors (Redis unreachable) are reported here; without it they are ignored. */
  onError?: (error: Error, queueName: string) => void;
}

/**
 * The queues a process adds to, each opened once on first use and closed
 * together: the bot's per-account queues, the worker's queues of other
 * accounts (parts of split reads).
 *
 * @example const queues = new QueueRegistry({ connection: redis, prefix: "tgstats" });
 * await queues.get(accountQueueName(42)).add("stats", data);
 */
export class QueueRegistry {
  private readonly queues = new Map<string, Queue>();

  constructor(private readonly options: QueueRegistryOptions) {}

  /** The queue `name`, opened on first use. */
  get(name: string): Queue {
    let queue = this.queues.get(name);
    if (queue === undefined) {
      const { connection, prefix, onError } = this.options;
      queue = new Queue(name, { connection, prefix, streams: QUEUE_STREAMS });
      queue.on("error", (error) => onError?.(error, name));
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** Closes every queue opened so far. */
  async closeAll(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}

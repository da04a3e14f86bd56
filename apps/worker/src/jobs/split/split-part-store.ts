import type { Redis } from "ioredis";
import { packJson, unpackJsonAs, type FencedWriter } from "@tgstats/platform";
import { monthBucketsJsonSchema, type MonthBucketsJson } from "@tgstats/platform/month-buckets";

/** A coordinator may wait long (flood waits of its parts); its parts' buckets outlive that. */
const PART_TTL_SECONDS = 2 * 86_400;

/**
 * Where the split parts of a read leave their month buckets (gzipped
 * aggregates, no message text) for the coordinator, and count their shared
 * progress. Kept out of BullMQ's return values, which are stored several
 * times over.
 */
export class SplitPartStore {
  /** @param prefix `redisKeys(prefix).split` */
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /**
   * Stores split part `index`'s buckets of coordinator `coordinatorJobId`.
   *
   * @param fenced the part's writer: nothing is stored once the chat is forgotten
   */
  async save(
    coordinatorJobId: string,
    index: number,
    buckets: MonthBucketsJson,
    fenced?: FencedWriter,
  ): Promise<void> {
    const packed = await packJson(buckets);
    const key = this.key(coordinatorJobId, String(index));
    if (fenced === undefined) await this.redis.set(key, packed, "EX", PART_TTL_SECONDS);
    else await fenced.set(key, packed, PART_TTL_SECONDS);
  }

  /** The buckets of part `index`, or null when missing (expired, the part failed) or unreadable. */
  async load(coordinatorJobId: string, index: number): Promise<MonthBucketsJson | null> {
    const packed = await this.redis.getBuffer(this.key(coordinatorJobId, String(index)));
    return packed === null ? null : unpackJsonAs(packed, monthBucketsJsonSchema);
  }

  /** Adds `messages` to the split's fetched count and returns the new total. */
  async addFetched(coordinatorJobId: string, messages: number): Promise<number> {
    const key = this.key(coordinatorJobId, "fetched");
    const [[, total]] = (await this.redis
      .multi()
      .incrby(key, messages)
      .expire(key, PART_TTL_SECONDS)
      .exec()) as [[Error | null, number]];
    return total;
  }

  /** Deletes everything of the split (merged, or its chat forgotten). */
  async delete(coordinatorJobId: string, partCount: number): Promise<void> {
    const keys = [this.key(coordinatorJobId, "fetched")];
    for (let index = 0; index < partCount; index++)
      keys.push(this.key(coordinatorJobId, String(index)));
    await this.redis.del(...keys);
  }

  private key(coordinatorJobId: string, suffix: string): string {
    return `${this.prefix}:${coordinatorJobId}:${suffix}`;
  }
}

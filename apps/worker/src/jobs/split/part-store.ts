import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";
import type { Redis } from "ioredis";
import type { FencedWriter } from "@tgstats/platform";
import type { MonthlyFoldJson } from "../monthly-fold.js";

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** A coordinator may wait long (flood waits of its parts); its parts' folds outlive that. */
const PART_TTL_SECONDS = 2 * 86_400;

/**
 * Where the parts of a split read leave their folds (gzipped aggregates, no
 * message text) for the coordinator, and count their shared progress. Kept
 * out of BullMQ's return values, which are stored several times over.
 */
export class PartStore {
  /** @param prefix `redisKeys(prefix).split` */
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /**
   * Stores part `index`'s fold of coordinator `coordinatorJobId`.
   *
   * @param fenced the part's writer: nothing is stored once the chat is forgotten
   */
  async save(
    coordinatorJobId: string,
    index: number,
    fold: MonthlyFoldJson,
    fenced?: FencedWriter,
  ): Promise<void> {
    const packed = await gzipAsync(JSON.stringify(fold));
    const key = this.key(coordinatorJobId, String(index));
    if (fenced === undefined) await this.redis.set(key, packed, "EX", PART_TTL_SECONDS);
    else await fenced.set(key, packed, PART_TTL_SECONDS);
  }

  /** The fold of part `index`, or null when it is missing (expired, or the part failed). */
  async load(coordinatorJobId: string, index: number): Promise<MonthlyFoldJson | null> {
    const packed = await this.redis.getBuffer(this.key(coordinatorJobId, String(index)));
    if (packed === null) return null;
    return JSON.parse((await gunzipAsync(packed)).toString("utf8")) as MonthlyFoldJson;
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

  /** Deletes everything of the split once the coordinator has merged it. */
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

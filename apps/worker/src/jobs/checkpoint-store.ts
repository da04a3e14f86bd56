import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";
import type { Redis } from "ioredis";
import type { FencedWriter } from "@tgstats/platform";

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** Checkpoints outlive long flood waits and retries, then go (a failed job is kept as long). */
const CHECKPOINT_TTL_SECONDS = 7 * 86_400;

/** What the job data holds in place of a checkpoint's aggregates: where they are. */
export interface StoredPartial {
  storedAt: string;
}

/** A stored checkpoint could not be found (expired or deleted): the job starts that walk over. */
export const MISSING_PARTIAL: unique symbol = Symbol("missing checkpoint partial");

/**
 * The partial aggregates of job checkpoints, gzipped in a Redis key of their
 * own. Inline in the job data they grew with the chat's age (every month of a
 * first read, rewritten every few pages) and weighed on every BullMQ read of
 * the job, Bull Board's included; here they are a fifth of the size and the
 * job keeps only a reference.
 */
export class CheckpointStore {
  /** @param prefix `redisKeys(prefix).checkpoint` */
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /**
   * Stores `partial` for the job (`queue:id`) and returns the reference to keep in its data.
   *
   * @param fenced the job's writer when it reads a chat: nothing is stored once the chat is forgotten
   */
  async save(jobKey: string, partial: unknown, fenced?: FencedWriter): Promise<StoredPartial> {
    const key = this.key(jobKey);
    const packed = await gzipAsync(JSON.stringify(partial ?? null));
    if (fenced === undefined) await this.redis.set(key, packed, "EX", CHECKPOINT_TTL_SECONDS);
    else await fenced.set(key, packed, CHECKPOINT_TTL_SECONDS);
    return { storedAt: key };
  }

  /**
   * The partial a checkpoint refers to; a partial stored inline (by an older
   * worker) is returned as it is; {@link MISSING_PARTIAL} when it is gone.
   */
  async load(partial: unknown): Promise<unknown> {
    if (!isStoredPartial(partial)) return partial;
    const packed = await this.redis.getBuffer(partial.storedAt);
    if (packed === null) return MISSING_PARTIAL;
    return JSON.parse((await gunzipAsync(packed)).toString("utf8")) as unknown;
  }

  /**
   * `checkpoint` with its partial stored here and replaced by the reference:
   * what goes into the job data.
   */
  async offload<Checkpoint extends { partial: unknown }>(
    jobKey: string,
    checkpoint: Checkpoint,
    fenced?: FencedWriter,
  ): Promise<Checkpoint> {
    return { ...checkpoint, partial: await this.save(jobKey, checkpoint.partial, fenced) };
  }

  /** A checkpoint from the job data with its partial loaded; null when the partial is gone (start over). */
  async restore<Checkpoint extends { partial: unknown }>(
    checkpoint: Checkpoint | null,
  ): Promise<Checkpoint | null> {
    if (checkpoint === null) return null;
    const partial = await this.load(checkpoint.partial);
    return partial === MISSING_PARTIAL ? null : { ...checkpoint, partial };
  }

  /** Deletes the job's stored partial (the job finished, or its checkpoint was cleared). */
  async delete(jobKey: string): Promise<void> {
    await this.redis.del(this.key(jobKey));
  }

  private key(jobKey: string): string {
    return `${this.prefix}:${jobKey}`;
  }
}

function isStoredPartial(value: unknown): value is StoredPartial {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { storedAt?: unknown }).storedAt === "string" &&
    Object.keys(value).length === 1
  );
}
